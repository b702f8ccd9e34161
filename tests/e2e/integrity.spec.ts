/**
 * Editorial integrity end to end (issue 9), in Chromium through the harness, as checkers work:
 * everything is done and read with roles and labels — projects, articles and claims are made in the
 * app, project files travel through the export and import dialogs. Two harness data folders play two
 * checkers on two machines; the harness's save dialog writes into DATA/exports/ and its open dialog
 * answers what /__harness/open-path set (the one thing a test has to tell it).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  makeDataDir,
  readFixture,
  startHarnessProcess,
  type RunningHarness,
} from '../support/harnessProcess';
import { dragSelect } from '../support/readingView';

const TASS = {
  file: 'en-tass-2024-10-21-peskov-dprk.txt',
  title: 'Peskov: Russia–DPRK cooperation not directed against others',
  outlet: 'TASS',
  published: '2024-10-21',
};
const EARLY = 'Cooperation between Russia and North Korea is not directed against other countries';
const MIDDLE = 'This is our sovereign right';
const LATE = 'were nothing but another bogus';

const running: RunningHarness[] = [];
test.afterEach(async () => {
  while (running.length) await running.pop()!.stop();
});

/** One checker's app: a harness with a data folder of its own. */
async function startChecker(): Promise<RunningHarness> {
  const harness = await startHarnessProcess(makeDataDir('factcheck-integrity-'));
  running.push(harness);
  return harness;
}

async function openLibrary(page: Page, harness: RunningHarness): Promise<void> {
  await page.goto(`${harness.url}/`);
  await expect(page.getByRole('button', { name: 'New project' })).toBeVisible();
}

async function setInSettings(page: Page, fields: { name: string; reportUrl?: string }): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Your name').fill(fields.name);
  if (fields.reportUrl) await settings.getByLabel('Report URL').fill(fields.reportUrl);
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings).toHaveCount(0);
}

/** A new project with the TASS article pasted into it; the article is open afterwards. */
async function createProjectWithTass(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Project title').fill(title);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const form = page.getByRole('form', { name: 'Add article' });
  await form.getByLabel('Article text').fill(readFixture(TASS.file));
  await form.getByLabel('Title', { exact: true }).fill(TASS.title);
  await form.getByLabel('Outlet').fill(TASS.outlet);
  await form.getByLabel('Published').fill(TASS.published);
  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(articleRegion(page).getByText(/Kremlin Spokesman Dmitry Peskov/)).toBeVisible();
}

/** From the library: the project, then its article. */
async function openArticle(page: Page, harness: RunningHarness, projectTitle: string): Promise<void> {
  await openLibrary(page, harness);
  await page.getByRole('button', { name: projectTitle, exact: true }).click();
  await page
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button', { name: new RegExp(`^${TASS.title}`) })
    .click();
  await expect(articleRegion(page).getByText(/Kremlin Spokesman Dmitry Peskov/)).toBeVisible();
}

const articleRegion = (page: Page): Locator => page.getByRole('region', { name: 'Article', exact: true });
const claimList = (page: Page): Locator => page.getByRole('list', { name: 'Claims', exact: true });
const claimButton = (page: Page, number: number): Locator =>
  claimList(page).getByRole('button', { name: new RegExp(`^Claim ${number}:`) });
const editorOf = (page: Page, number: number): Locator =>
  page.getByRole('region', { name: `Claim ${number}`, exact: true });

/** Marks `quote` with the toolbar's "Mark claim"; the new claim's editor opens. */
async function markClaim(page: Page, quote: string, expectedNumber: number): Promise<void> {
  const before = await claimList(page).getByRole('button').count();
  await dragSelect(page, quote);
  await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Mark claim' }).click();
  await expect(claimList(page).getByRole('button')).toHaveCount(before + 1);
  await expect(claimButton(page, expectedNumber)).toContainText(quote);
  await expect(
    editorOf(page, expectedNumber).getByRole('heading', { name: `Claim ${expectedNumber}` }),
  ).toBeVisible();
}

async function openClaim(page: Page, number: number): Promise<Locator> {
  await claimButton(page, number).click();
  const editor = editorOf(page, number);
  await expect(editor.getByRole('heading', { name: `Claim ${number}` })).toBeVisible();
  return editor;
}

async function waitForSaves(page: Page): Promise<void> {
  await expect(page.getByText('Saving…')).toHaveCount(0);
}

async function setVerdict(page: Page, number: number, verdict: string): Promise<void> {
  const editor = await openClaim(page, number);
  await editor.getByRole('combobox', { name: 'Verdict', exact: true }).selectOption({ label: verdict });
  await waitForSaves(page);
  await expect(claimButton(page, number)).toContainText(verdict);
}

async function approve(page: Page, number: number, by: string): Promise<void> {
  const editor = await openClaim(page, number);
  await editor.getByRole('combobox', { name: 'Status', exact: true }).selectOption({ label: 'Approved' });
  await expect(editor.getByText(new RegExp(`^Approved by ${by} on `))).toBeVisible();
  await expect(claimButton(page, number)).toContainText('Approved');
}

/** "Export project file…" on the project page; answers the file the harness saved. */
async function exportProjectFile(page: Page, harness: RunningHarness, projectTitle: string): Promise<string> {
  await openLibrary(page, harness);
  await page.getByRole('button', { name: projectTitle, exact: true }).click();
  await page.getByRole('button', { name: 'Export project file…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export project file' });
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog).toBeHidden();
  // The notice names the file; its full path is the name's title (a tooltip).
  const status = page.getByRole('status').filter({ hasText: 'Saved' });
  const file = status.getByRole('list', { name: 'Saved files' }).getByRole('listitem');
  await expect(file).toContainText('.factcheck');
  const saved = (await file.locator('.notice-file-name').getAttribute('title'))!;
  expect(fs.existsSync(saved)).toBe(true);
  // The other checker receives a copy (by mail, say): never the sender's own file.
  const received = path.join(makeDataDir('factcheck-mail-'), path.basename(saved));
  fs.copyFileSync(saved, received);
  return received;
}

/** The harness's stand-in for the native open dialog: its next "open" answers `file`. */
async function chooseFileToOpen(harness: RunningHarness, file: string): Promise<void> {
  const chosen = await fetch(`${harness.url}/__harness/open-path`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-factcheck-token': harness.token },
    body: JSON.stringify({ path: file }),
  });
  expect(chosen.ok).toBe(true);
}

/** "Import project file…" in the library, the open dialog answering `file`; merges (or adds) it. */
async function importProjectFile(page: Page, harness: RunningHarness, file: string): Promise<Locator> {
  await chooseFileToOpen(harness, file);
  await openLibrary(page, harness);
  await page.getByRole('button', { name: 'Import project file…' }).click();
  const dialog = page.getByRole('dialog', { name: `Import “${path.basename(file)}”` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'Conflicts' })).toHaveCount(0);
  await dialog.getByRole('button', { name: /^(Merge|Import)$/ }).click();
  const done = page.getByRole('dialog', { name: 'Import finished' });
  await expect(done).toBeVisible();
  return done;
}

const FORMAT_LABELS = [
  'PDF for editors',
  'Web page (HTML)',
  'Markdown',
  'Spreadsheet (CSV)',
  'ClaimReview JSON-LD',
];

/** "Export report…" with the given formats and claims; answers the files written, by format. */
async function exportReport(
  page: Page,
  harness: RunningHarness,
  options: { formats: string[]; claims: 'All claims' | 'Approved only'; publish?: boolean },
): Promise<Record<string, string>> {
  await page.getByRole('button', { name: 'Export report…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export report' });
  const formats = dialog.getByRole('group', { name: 'Formats' });
  for (const name of FORMAT_LABELS) {
    const box = formats.getByRole('checkbox', { name, exact: true });
    if (options.formats.includes(name)) await box.check();
    else await box.uncheck();
  }
  await dialog.getByRole('radio', { name: options.claims }).check();
  const exportsDir = path.join(harness.dataDir, 'exports');
  const before = new Map(
    fs.existsSync(exportsDir)
      ? fs.readdirSync(exportsDir).map((name) => [name, fs.statSync(path.join(exportsDir, name)).mtimeMs])
      : [],
  );
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /^Saved/ })
      .last(),
  ).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByRole('region', { name: 'Publication' }).getByRole('listitem')).toHaveCount(
    options.formats.length,
  );
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(exportsDir)) {
    const file = path.join(exportsDir, name);
    if (before.get(name) === fs.statSync(file).mtimeMs) continue;
    files[path.extname(name).slice(1)] = file;
  }
  expect(Object.keys(files)).toHaveLength(options.formats.length);
  if (options.publish) {
    await dialog.getByRole('button', { name: 'Mark as published' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: /^Marked as published on / })).toBeVisible();
  }
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  return files;
}

const pdfText = (file: string) => execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * "CLAIM 7", maybe its verdict, then the claim's words: how a report's claim heading reads as text
 * (the PDF prints the label in capitals).
 */
const claimHeading = (number: number, quote: string) =>
  new RegExp(`Claim ${number} (?:\\S+ ){0,3}${escapeRegExp(quote)}`, 'i');

/**
 * A ClaimReview file's reviews as [the claim's anchor in the report URL, the start of the claim]
 * (claimReviewed is shortened for search results).
 */
function claimReviews(file: string): [string, string][] {
  const reviews = JSON.parse(fs.readFileSync(file, 'utf8')) as { url?: string; claimReviewed: string }[];
  return reviews.map((review) => [review.url?.replace(/^.*#/, '') ?? '', review.claimReviewed.slice(0, 40)]);
}

/** The CSV's rows as cells (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (char !== '\r') cell += char;
  }
  return rows;
}

test('two checkers: Ben changes a claim Ana approved; Ana imports his file and the claim is back In review, with both in its history', async ({
  page,
}) => {
  const ana = await startChecker();
  const ben = await startChecker();
  const title = 'Peskov briefing';

  // Ana marks claim 1, rates it, approves it under her name, and sends the project to Ben.
  await openLibrary(page, ana);
  await setInSettings(page, { name: 'Ana' });
  await createProjectWithTass(page, title);
  await markClaim(page, MIDDLE, 1);
  await setVerdict(page, 1, 'False');
  await approve(page, 1, 'Ana');
  const fromAna = await exportProjectFile(page, ana, title);

  // Ben imports it, sees the approval, and changes the verdict.
  await openLibrary(page, ben);
  await setInSettings(page, { name: 'Ben' });
  const added = await importProjectFile(page, ben, fromAna);
  await expect(added).toContainText(`“${title}” was added`);
  await added.getByRole('button', { name: 'Open project' }).click();
  await page
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button', { name: new RegExp(`^${TASS.title}`) })
    .click();
  const bensEditor = await openClaim(page, 1);
  await expect(bensEditor.getByText(/^Approved by Ana on /)).toBeVisible();
  await setVerdict(page, 1, 'Mostly false');
  await expect(bensEditor.getByRole('combobox', { name: 'Status', exact: true })).toHaveValue('in_review');
  const fromBen = await exportProjectFile(page, ben, title);

  // Ana imports Ben's file: no conflict (only Ben changed claim 1), and her approval no longer holds.
  const merged = await importProjectFile(page, ana, fromBen);
  await expect(merged).toContainText(`“${title}” was merged`);
  await merged.getByRole('button', { name: 'Open project' }).click();
  await page
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button', { name: new RegExp(`^${TASS.title}`) })
    .click();
  await expect(claimButton(page, 1)).toContainText('In review');
  await expect(claimButton(page, 1)).toContainText('Mostly false');
  const editor = await openClaim(page, 1);
  await expect(editor.getByRole('combobox', { name: 'Status', exact: true })).toHaveValue('in_review');
  await expect(editor.getByText(/^Approved by/)).toHaveCount(0);

  // The history panel: Ana's marking, rating and approval; Ben's new verdict.
  await editor.getByText('History', { exact: true }).click();
  const history = editor.getByRole('list', { name: 'History of this claim' });
  const entriesBy = (author: string) =>
    history.getByRole('listitem').filter({ hasText: new RegExp(`^${author} · `) });
  await expect(entriesBy('Ana').first()).toBeVisible();
  await expect(entriesBy('Ben').first()).toBeVisible();
  await expect(entriesBy('Ben').filter({ hasText: 'Mostly false' }).first()).toBeVisible();
});

test('claim numbers are the same in the app, the PDF, the CSV and the JSON-LD — after marking earlier text, and in an approved-only report', async ({
  page,
}) => {
  test.skip(!fs.existsSync('/usr/bin/pdftotext'), 'pdftotext (poppler-utils) is needed to read the PDF back');
  const harness = await startChecker();
  const title = 'Numbering check';
  await openLibrary(page, harness);
  await setInSettings(page, { name: 'Ana', reportUrl: 'https://factcheck.example.org/reports/peskov' });
  await createProjectWithTass(page, title);

  // A claim late in the article first, then one early: the late one stays Claim 1.
  await markClaim(page, LATE, 1);
  await markClaim(page, EARLY, 2);
  await expect(claimButton(page, 1)).toContainText(LATE);
  await expect(claimButton(page, 2)).toContainText(EARLY);
  await setVerdict(page, 1, 'False');
  await setVerdict(page, 2, 'Mostly true');
  // Only claim 2 is approved.
  await approve(page, 2, 'Ana');
  await expect(claimButton(page, 1)).not.toContainText('Approved');

  const all = await exportReport(page, harness, {
    formats: ['PDF for editors', 'Spreadsheet (CSV)', 'ClaimReview JSON-LD'],
    claims: 'All claims',
  });
  const pdf = pdfText(all.pdf!);
  expect(pdf).toMatch(claimHeading(1, LATE));
  expect(pdf).toMatch(claimHeading(2, EARLY));
  expect(pdf).not.toMatch(claimHeading(1, EARLY));
  expect(pdf).not.toMatch(claimHeading(2, LATE));
  const [header, ...rows] = csvRows(fs.readFileSync(all.csv!, 'utf8'));
  const number = header!.indexOf('Number');
  const quote = header!.indexOf('Quote');
  expect(rows.map((row) => [row[number], row[quote]]).sort()).toEqual([
    ['1', LATE],
    ['2', EARLY],
  ]);
  // ClaimReview publishes approved claims only: claim 2, under its own number.
  expect(claimReviews(all.jsonld!)).toEqual([['claim-2', EARLY.slice(0, 40)]]);

  // The approved-only report holds claim 2 and still calls it Claim 2.
  const approved = await exportReport(page, harness, {
    formats: ['PDF for editors', 'Spreadsheet (CSV)', 'ClaimReview JSON-LD'],
    claims: 'Approved only',
  });
  const approvedPdf = pdfText(approved.pdf!);
  expect(approvedPdf).toMatch(claimHeading(2, EARLY));
  expect(approvedPdf).not.toContain(LATE);
  expect(approvedPdf).not.toMatch(claimHeading(1, EARLY));
  const [approvedHeader, ...approvedRows] = csvRows(fs.readFileSync(approved.csv!, 'utf8'));
  expect(
    approvedRows.map((row) => [
      row[approvedHeader!.indexOf('Number')],
      row[approvedHeader!.indexOf('Quote')],
    ]),
  ).toEqual([['2', EARLY]]);
  expect(claimReviews(approved.jsonld!)).toEqual([['claim-2', EARLY.slice(0, 40)]]);

  // And the app still says the same after a reload.
  await page.reload();
  await expect(claimButton(page, 1)).toContainText(LATE);
  await expect(claimButton(page, 2)).toContainText(EARLY);
});

test('team notes merge: both checkers post a note on the same claim, exchange files both ways, and both have both notes', async ({
  page,
}) => {
  const ana = await startChecker();
  const ben = await startChecker();
  const title = 'Notes check';
  await openLibrary(page, ana);
  await setInSettings(page, { name: 'Ana' });
  await createProjectWithTass(page, title);
  await markClaim(page, MIDDLE, 1);
  const start = await exportProjectFile(page, ana, title);
  await openLibrary(page, ben);
  await setInSettings(page, { name: 'Ben' });
  await importProjectFile(page, ben, start);

  const NOTES = {
    Ana: 'Ana: the treaty text is on the Kremlin site.',
    Ben: 'Ben: asked the ministry for a comment.',
  };
  const post = async (harness: RunningHarness, author: keyof typeof NOTES) => {
    await openArticle(page, harness, title);
    const notes = (await openClaim(page, 1)).getByRole('region', { name: 'Team notes' });
    await notes.getByRole('textbox', { name: 'New team note' }).fill(NOTES[author]);
    await notes.getByRole('button', { name: 'Post note' }).click();
    await expect(notes.getByRole('listitem').filter({ hasText: NOTES[author] })).toContainText(author);
  };
  await post(ana, 'Ana');
  await post(ben, 'Ben');

  // Both ways: Ben's file to Ana, Ana's to Ben.
  const fromBen = await exportProjectFile(page, ben, title);
  const fromAna = await exportProjectFile(page, ana, title);
  await expect(await importProjectFile(page, ana, fromBen)).toContainText('1 team note');
  await expect(await importProjectFile(page, ben, fromAna)).toContainText('1 team note');

  for (const harness of [ana, ben]) {
    await openArticle(page, harness, title);
    const notes = (await openClaim(page, 1)).getByRole('region', { name: 'Team notes' });
    await expect(notes.getByRole('listitem')).toHaveCount(2);
    await expect(notes.getByRole('listitem').filter({ hasText: NOTES.Ana })).toContainText('Ana');
    await expect(notes.getByRole('listitem').filter({ hasText: NOTES.Ben })).toContainText('Ben');
  }
});

test('a published claim that changed needs a correction note before it is approved again, and the report prints it', async ({
  page,
}) => {
  const harness = await startChecker();
  const title = 'Correction check';
  await openLibrary(page, harness);
  await setInSettings(page, { name: 'Ana' });
  await createProjectWithTass(page, title);
  await markClaim(page, EARLY, 1);
  await markClaim(page, MIDDLE, 2);
  for (const [number, verdict] of [
    [1, 'Mostly true'],
    [2, 'Unverifiable'],
  ] as const) {
    await setVerdict(page, number, verdict);
    await approve(page, number, 'Ana');
  }

  // Every claim approved: the report is exported and marked as published.
  const first = await exportReport(page, harness, {
    formats: ['Markdown'],
    claims: 'All claims',
    publish: true,
  });
  expect(fs.readFileSync(first.md!, 'utf8')).not.toContain('## Corrections and updates');

  // Claim 2 changes after publication: back In review, and approving it asks for a correction note.
  const editor = await openClaim(page, 2);
  await editor.getByRole('combobox', { name: 'Verdict', exact: true }).selectOption({ label: 'Misleading' });
  await waitForSaves(page);
  const status = editor.getByRole('combobox', { name: 'Status', exact: true });
  await expect(status).toHaveValue('in_review');
  await expect(claimButton(page, 2)).toContainText('In review');
  await status.selectOption({ label: 'Approved' });
  await expect(editor.getByRole('alert').filter({ hasText: /correction/i })).toBeVisible();
  await expect(status).toHaveValue('in_review');
  const note =
    'The ministry has since said the agreement includes a military clause, so the verdict is now Misleading';
  await editor.getByRole('textbox', { name: 'Correction note' }).fill(note);
  await editor.getByRole('button', { name: /^Add correction note$/ }).click();
  await expect(editor.getByRole('region', { name: 'Corrections and updates' })).toContainText(note);
  await expect(editor.getByRole('textbox', { name: 'Correction note' })).toHaveCount(0);
  await status.selectOption({ label: 'Approved' });
  await expect(editor.getByText(/^Approved by Ana on /)).toBeVisible();

  // The next report prints the correction under claim 2 and in the corrections section.
  const second = await exportReport(page, harness, { formats: ['Markdown'], claims: 'All claims' });
  const markdown = fs.readFileSync(second.md!, 'utf8');
  const claimTwo = markdown.slice(
    markdown.indexOf('### Claim 2:'),
    markdown.indexOf('#### Rationale', markdown.indexOf('### Claim 2:')),
  );
  expect(claimTwo).toContain(MIDDLE);
  expect(claimTwo).toMatch(/\*\*Correction — [^*]+:\*\* The ministry has since said/);
  const section = markdown.slice(markdown.indexOf('## Corrections and updates'));
  expect(markdown).toContain('## Corrections and updates');
  expect(section).toMatch(/- \*\*Claim 2\*\* · Correction — [^:]+: The ministry has since said/);
  expect(section.split('\n## ')[0]).not.toContain('Claim 1');
});

test('a merge conflict names the claim by its number and shows what both started from, beside yours and theirs', async ({
  page,
}) => {
  const ana = await startChecker();
  const ben = await startChecker();
  const title = 'Conflict check';
  await openLibrary(page, ana);
  await setInSettings(page, { name: 'Ana' });
  await createProjectWithTass(page, title);
  await markClaim(page, LATE, 1);
  await markClaim(page, EARLY, 2);
  await setVerdict(page, 2, 'False');
  const start = await exportProjectFile(page, ana, title);
  await openLibrary(page, ben);
  await setInSettings(page, { name: 'Ben' });
  await importProjectFile(page, ben, start);

  // Both change claim 2's verdict from False, each differently.
  await openArticle(page, ana, title);
  await setVerdict(page, 2, 'Mostly false');
  await openArticle(page, ben, title);
  await setVerdict(page, 2, 'True');
  const fromBen = await exportProjectFile(page, ben, title);

  await chooseFileToOpen(ana, fromBen);
  await openLibrary(page, ana);
  await page.getByRole('button', { name: 'Import project file…' }).click();
  const dialog = page.getByRole('dialog', { name: `Import “${path.basename(fromBen)}”` });
  const conflicts = dialog.getByRole('region', { name: 'Conflicts' });
  const conflict = conflicts.getByRole('group', { name: 'Claim 2 — Verdict' });
  await expect(conflicts.getByRole('group')).toHaveCount(1);
  // The claim's words (shortened when long), quoted once.
  await expect(conflict).toContainText(`“${EARLY.slice(0, 60)}`);
  await expect(conflict).toContainText(/Started from:\s*False/);
  await expect(conflict.getByRole('radio', { name: 'Yours: Mostly false' })).toBeVisible();
  await expect(conflict.getByRole('radio', { name: 'Theirs: True' })).toBeVisible();
  await expect(conflicts).not.toContainText('““');
  await expect(conflicts).not.toContainText('””');

  await conflict.getByRole('radio', { name: 'Theirs: True' }).check();
  await dialog.getByRole('button', { name: 'Merge' }).click();
  const done = page.getByRole('dialog', { name: 'Import finished' });
  await expect(done).toContainText('1 took theirs');
  await done.getByRole('button', { name: 'Open project' }).click();
  await page
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button', { name: new RegExp(`^${TASS.title}`) })
    .click();
  await expect(claimButton(page, 2)).toContainText('True');
  await expect(claimButton(page, 1)).toContainText(LATE);
});
