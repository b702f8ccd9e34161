import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import fs from 'node:fs';
import { callApi, makeDataDir, readFixture, startHarnessProcess, type RunningHarness } from '../support/harnessProcess';

type Anchor = { start: number; end: number; exact: string; prefix: string; suffix: string };
type Claim = { id: string; verdictId: string | null; anchor: Anchor; claimant: string };

const running: RunningHarness[] = [];
test.afterEach(async () => {
  while (running.length) await running.pop()!.stop();
});

async function start(): Promise<RunningHarness> {
  const harness = await startHarnessProcess(makeDataDir('factcheck-merge-'));
  running.push(harness);
  return harness;
}

function anchorFor(text: string, quote: string): Anchor {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`Quote not in the article: ${quote}`);
  const end = start + quote.length;
  return { start, end, exact: quote, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) };
}

/** The harness's stand-in for the native open dialog: the next "open" answers this path. */
async function chooseFileToOpen(harness: RunningHarness, filePath: string) {
  await fetch(`${harness.url}/__harness/open-path`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-factcheck-token': harness.token },
    body: JSON.stringify({ path: filePath }),
  });
}

async function exportThroughUi(
  page: Page,
  harness: RunningHarness,
  projectTitle: string,
  options: { withoutTeamNotes?: boolean } = {},
): Promise<string> {
  await page.goto(harness.url);
  await page.getByRole('button', { name: projectTitle, exact: true }).click();
  await page.getByRole('button', { name: 'Export project file…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export project file' });
  const leaveOut = exportDialog.getByRole('checkbox', { name: 'Leave out team notes and assignees' });
  await expect(leaveOut).not.toBeChecked();
  if (options.withoutTeamNotes) await leaveOut.check();
  await exportDialog.getByRole('button', { name: 'Export…' }).click();
  await expect(exportDialog).toBeHidden();
  // The notice names the file; its full path is the name's title (a tooltip).
  const status = page.getByRole('status').filter({ hasText: 'Saved' });
  const file = status.getByRole('list', { name: 'Saved files' }).getByRole('listitem');
  await expect(file).toContainText('.factcheck');
  const saved = (await file.locator('.notice-file-name').getAttribute('title'))!;
  expect(fs.existsSync(saved)).toBe(true);
  return saved;
}

async function importThroughUi(page: Page, harness: RunningHarness, file: string) {
  await chooseFileToOpen(harness, file);
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Import project file…' }).click();
}

const SCENARIOS = [
  {
    name: 'English (TASS)',
    fixture: 'en-tass-2024-10-21-peskov-dprk.txt',
    direction: 'ltr' as const,
    quotes: [
      'Cooperation between Russia and North Korea is not directed against other countries',
      'North Korea is our close neighbor, our partner',
      'This is our sovereign right',
      'this cooperation is not directed against third countries',
      'We will continue to develop this cooperation',
    ],
  },
  {
    name: 'Arabic',
    fixture: 'ar-sample-water.txt',
    direction: 'rtl' as const,
    quotes: [
      'إنتاج المياه المحلاة في البلاد سيتضاعف بحلول عام 2030',
      'سيوفر 300 مليون متر مكعب سنويًا',
      'نصيب الفرد من المياه انخفض إلى أقل من 90 مترًا مكعبًا في السنة',
      'من أدنى المعدلات في العالم',
      'وعدت بالمشروع نفسه عام 2018',
    ],
  },
];

for (const scenario of SCENARIOS) {
  test(`two checkers merge their work on one project file, one conflict chosen by hand — ${scenario.name}`, async ({ page }) => {
    const a = await start();
    const b = await start();
    await callApi(a, 'settings.update', { authorName: 'Ann Checker' });
    await callApi(b, 'settings.update', { authorName: 'Ben Checker' });

    // The common starting point: A's project with the article and claim 1, sent to B.
    const projectTitle = `Shared check ${scenario.name}`;
    const project = await callApi<{ id: string }>(a, 'projects.create', { title: projectTitle });
    const article = await callApi<{ id: string; text: string }>(a, 'articles.create', {
      projectId: project.id,
      title: 'Article',
      outlet: '',
      author: '',
      url: '',
      publishedDate: '',
      language: '',
      direction: scenario.direction,
      text: readFixture(scenario.fixture),
    });
    const claim1 = await callApi<Claim>(a, 'claims.create', { articleId: article.id, anchor: anchorFor(article.text, scenario.quotes[0]!) });
    const startFile = await exportThroughUi(page, a, projectTitle);
    await importThroughUi(page, b, startFile);
    await expect(page.getByRole('dialog')).toContainText('is new to your library');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Import finished' })).toBeVisible();

    // They work apart: A marks claims 2–3 and rates claim 1 False; B marks 4–5 and rates it Misleading.
    const verdictsOf = async (harness: RunningHarness) =>
      (await callApi<{ verdicts: { id: string; label: string }[] }>(harness, 'projects.get', { id: project.id })).verdicts;
    const verdictA = (await verdictsOf(a)).find((verdict) => verdict.label === 'False')!;
    const verdictB = (await verdictsOf(b)).find((verdict) => verdict.label === 'Misleading')!;
    for (const quote of scenario.quotes.slice(1, 3)) await callApi(a, 'claims.create', { articleId: article.id, anchor: anchorFor(article.text, quote) });
    await callApi(a, 'claims.update', { id: claim1.id, fields: { verdictId: verdictA.id, claimant: 'Spokesman' } });
    for (const quote of scenario.quotes.slice(3, 5)) await callApi(b, 'claims.create', { articleId: article.id, anchor: anchorFor(article.text, quote) });
    await callApi(b, 'claims.update', { id: claim1.id, fields: { verdictId: verdictB.id } });

    // B sends the file back; A imports it and sees exactly one conflict, on claim 1's verdict.
    const fromB = await exportThroughUi(page, b, projectTitle);
    await importThroughUi(page, a, fromB);
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('The file’s work will be merged into it.');
    const conflicts = dialog.getByRole('region', { name: 'Conflicts' });
    await expect(conflicts.getByRole('group')).toHaveCount(1);
    await expect(conflicts.getByRole('group')).toContainText('Verdict');
    await expect(dialog.getByRole('button', { name: 'Choose a side for 1 conflict' })).toBeDisabled();
    const theirs = conflicts.getByRole('radio', { name: 'Theirs: Misleading' });
    await expect(conflicts.getByRole('radio', { name: 'Yours: False' })).toBeVisible();
    await expect(conflicts).toContainText('Ben Checker');
    await theirs.check();
    await dialog.getByRole('button', { name: 'Merge' }).click();
    const done = page.getByRole('dialog', { name: 'Import finished' });
    await expect(done).toContainText('was merged');
    await expect(done).toContainText('1 took theirs');
    // Both gave claims the numbers 2 and 3: A's were marked first and keep them, B's are renumbered.
    const renumbered = done.getByRole('list', { name: 'Renumbered claims' });
    await expect(renumbered.getByRole('listitem')).toHaveCount(2);
    await expect(renumbered).toContainText(/Claim [23] is now Claim [45]: /);

    // Five claims, claim 1 rated Misleading, A's claimant kept, and both checkers in the history.
    const data = await callApi<{ claims: Claim[] }>(a, 'workbench.loadArticle', { id: article.id });
    expect(data.claims).toHaveLength(5);
    const merged = data.claims.find((claim) => claim.id === claim1.id)!;
    expect(merged.verdictId).toBe(verdictB.id);
    expect(merged.claimant).toBe('Spokesman');
    expect(data.claims.map((claim) => claim.anchor.exact).sort()).toEqual([...scenario.quotes].sort());
    const history = await callApi<{ author: string }[]>(a, 'workbench.claimHistory', { claimId: claim1.id, limit: 1000 });
    const authors = new Set(history.map((change) => change.author));
    expect(authors).toContain('Ann Checker');
    expect(authors).toContain('Ben Checker');

    // The backup taken before the merge is there to restore.
    await done.getByRole('button', { name: 'Open project' }).click();
    await page.getByRole('button', { name: 'Restore version before import…' }).click();
    const restore = page.getByRole('dialog', { name: 'Restore version before import' });
    // A's project had three claims when B's work was merged in: counted in words, not "claim(s)".
    await expect(restore).toContainText('3 claims');
    await expect(restore).not.toContainText('(s)');
  });
}

test('“Leave out team notes and assignees” keeps both out of the file', async ({ page }) => {
  const harness = await start();
  await callApi(harness, 'settings.update', { authorName: 'Ann Checker' });
  const project = await callApi<{ id: string }>(harness, 'projects.create', { title: 'Private notes' });
  const article = await callApi<{ id: string; text: string }>(harness, 'articles.create', {
    projectId: project.id,
    title: 'Article',
    outlet: '',
    author: '',
    url: '',
    publishedDate: '',
    language: 'en',
    direction: 'ltr',
    text: readFixture('en-tass-2024-10-21-peskov-dprk.txt'),
  });
  const claim = await callApi<Claim>(harness, 'claims.create', {
    articleId: article.id,
    anchor: anchorFor(article.text, 'This is our sovereign right'),
  });
  await callApi(harness, 'claims.update', { id: claim.id, fields: { assignee: 'Zed Assignee' } });
  await callApi(harness, 'editorial.addTeamNote', { claimId: claim.id, text: 'PRIVATE-NOTE: source is a friend of the editor.' });
  const contents = (file: string) =>
    Object.values(unzipSync(fs.readFileSync(file)))
      .map((entry) => strFromU8(entry))
      .join('\n');
  const full = contents(await exportThroughUi(page, harness, 'Private notes'));
  expect(full).toContain('PRIVATE-NOTE');
  expect(full).toContain('Zed Assignee');
  const shared = contents(await exportThroughUi(page, harness, 'Private notes', { withoutTeamNotes: true }));
  expect(shared).not.toContain('PRIVATE-NOTE');
  expect(shared).not.toContain('Zed Assignee');
  expect(shared).toContain('This is our sovereign right');
});

test('a damaged project file is refused with a clear message and changes nothing', async ({ page }) => {
  const harness = await start();
  const bad = `${harness.dataDir}/damaged.factcheck`;
  fs.writeFileSync(bad, 'this is not a zip file at all');
  await importThroughUi(page, harness, bad);
  await expect(page.getByRole('dialog').getByRole('alert')).toBeVisible();
  await expect(page.getByRole('dialog')).toContainText('Nothing in your library was changed.');
  expect(await callApi<unknown[]>(harness, 'projects.list', {})).toEqual([]);
});
