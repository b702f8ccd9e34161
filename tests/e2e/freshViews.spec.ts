/**
 * Fresh views after background changes (issue 10, item 9): with an article open, a project file
 * merged through the File menu and a "Restore version before import" change the open claims list and
 * claim editor at once, without a reload, and Ctrl+Z cannot bring back what they replaced.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  callApi,
  makeDataDir,
  readFixture,
  startHarnessProcess,
  type RunningHarness,
} from '../support/harnessProcess';

type Claim = { id: string; number: number; claimant: string; rationale: string };

const running: RunningHarness[] = [];
test.afterEach(async () => {
  while (running.length) await running.pop()!.stop();
});

async function start(): Promise<RunningHarness> {
  const harness = await startHarnessProcess(makeDataDir('factcheck-fresh-'));
  running.push(harness);
  return harness;
}

function anchorFor(text: string, quote: string) {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`Quote not in the article: ${quote}`);
  const end = start + quote.length;
  return {
    start,
    end,
    exact: quote,
    prefix: text.slice(Math.max(0, start - 32), start),
    suffix: text.slice(end, end + 32),
  };
}

/** Exports a project through the harness's save dialog (a folder) and answers the file's path. */
async function exportFile(harness: RunningHarness, projectId: string): Promise<string> {
  const saved = await callApi<{ path: string }>(harness, 'projectFiles.export', { projectId });
  return saved.path;
}

async function importFile(harness: RunningHarness, path: string) {
  const preview = await callApi<{ importId: string }>(harness, 'projectFiles.inspect', { path });
  await callApi(harness, 'projectFiles.apply', { importId: preview.importId });
}

/** What the native menu or the OS sends the window in the app. */
async function harnessPost(harness: RunningHarness, route: string, body: unknown) {
  const response = await fetch(`${harness.url}/__harness/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-factcheck-token': harness.token },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

const claimList = (page: Page) => page.getByRole('list', { name: 'Claims', exact: true });
const claimItem = (page: Page, number: number) =>
  claimList(page).getByRole('button', { name: new RegExp(`^Claim ${number}:`) });
const editor = (page: Page) => page.locator('.claim-editor');
const notice = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

async function openClaim(page: Page, number: number) {
  await claimItem(page, number).click();
  await expect(editor(page).getByRole('heading', { name: `Claim ${number}` })).toBeVisible();
}

async function writeRationale(page: Page, text: string) {
  const field = editor(page).getByLabel('Rationale', { exact: true });
  await field.fill(text);
  await field.blur();
  await expect(editor(page).locator('.field-status', { hasText: 'Saved' })).toBeVisible();
}

test('a merge and a restore change the open article at once; undo does not bring back what they replaced', async ({
  page,
}) => {
  const a = await start();
  const b = await start();
  await callApi(a, 'settings.update', { authorName: 'Ann Checker' });
  await callApi(b, 'settings.update', { authorName: 'Ben Checker' });

  // Ann's project: one article with three claims, sent to Ben.
  const project = await callApi<{ id: string }>(a, 'projects.create', { title: 'Shared check' });
  const article = await callApi<{ id: string; text: string }>(a, 'articles.create', {
    projectId: project.id,
    title: 'Peskov on the DPRK',
    outlet: 'TASS',
    author: '',
    url: '',
    publishedDate: '',
    language: 'en',
    direction: 'ltr',
    text: readFixture('en-tass-2024-10-21-peskov-dprk.txt'),
  });
  const quotes = [
    'North Korea is our close neighbor, our partner',
    'This is our sovereign right',
    'We will continue to develop this cooperation',
  ];
  const claims: Claim[] = [];
  for (const quote of quotes)
    claims.push(
      await callApi<Claim>(a, 'claims.create', {
        articleId: article.id,
        anchor: anchorFor(article.text, quote),
      }),
    );
  await callApi(a, 'claims.update', { id: claims[0]!.id, fields: { claimant: 'Dmitry Peskov' } });
  await importFile(b, await exportFile(a, project.id));

  // Ben names another claimant for claim 1 and deletes claim 2, and sends the file back.
  await callApi(b, 'claims.update', { id: claims[0]!.id, fields: { claimant: 'Kremlin spokesman' } });
  await callApi(b, 'workbench.deleteClaims', { ids: [claims[1]!.id] });
  const fromBen = await exportFile(b, project.id);

  // Meanwhile Ann has the article open: she writes rationales for claims 1 and 3 and reads claim 2.
  await page.goto(`${a.url}/#/project/${project.id}/article/${article.id}`);
  await openClaim(page, 1);
  await writeRationale(page, 'Ann on claim 1.');
  await openClaim(page, 3);
  await writeRationale(page, 'Ann on claim 3.');
  await openClaim(page, 2);
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toHaveAttribute(
    'title',
    'Undo Edit rationale (Ctrl+Z)',
  );

  // File → Import project file… with Ben's file, merged while the article stays open.
  await harnessPost(a, 'open-path', { path: fromBen });
  await harnessPost(a, 'event', { channel: 'menu.command', payload: { command: 'import-project' } });
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('The file’s work will be merged into it.');
  await dialog.getByRole('button', { name: 'Merge' }).click();
  await expect(page.getByRole('dialog', { name: 'Import finished' })).toContainText('was merged');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // No reload: claim 2 is gone and its editor closed; claim 1 shows Ben's claimant.
  await expect(claimItem(page, 2)).toHaveCount(0);
  await expect(editor(page)).toHaveCount(0);
  await expect(
    notice(page, 'Claim 2 is no longer in the project (import or restore); its editor was closed.'),
  ).toBeVisible();
  await expect(claimItem(page, 1)).toContainText('Kremlin spokesman');
  await openClaim(page, 1);
  await expect(editor(page).getByLabel('Claimant', { exact: true })).toHaveValue('Kremlin spokesman');
  await expect(editor(page).getByLabel('Rationale', { exact: true })).toHaveValue('Ann on claim 1.');

  // Claim 1 changed underneath, so its step (and everything before it) went; claim 3's still applies.
  await expect(
    notice(page, 'The project changed (import or restore): 1 undo step that no longer applies was dropped.'),
  ).toBeVisible();
  await claimItem(page, 1).focus();
  await page.keyboard.press('Control+z');
  await expect(notice(page, 'Undone: Edit rationale.')).toBeVisible();
  await expect
    .poll(
      async () =>
        (await callApi<{ claims: Claim[] }>(a, 'workbench.loadArticle', { id: article.id })).claims.find(
          (claim) => claim.number === 3,
        )?.rationale,
    )
    .toBe('');
  await page.keyboard.press('Control+z');
  await expect(notice(page, 'Nothing to undo.')).toBeVisible();
  const afterUndo = await callApi<{ claims: Claim[] }>(a, 'workbench.loadArticle', { id: article.id });
  expect(afterUndo.claims.find((claim) => claim.id === claims[0]!.id)).toMatchObject({
    claimant: 'Kremlin spokesman',
    rationale: 'Ann on claim 1.',
  });
  await expect(editor(page).getByLabel('Claimant', { exact: true })).toHaveValue('Kremlin spokesman');

  // "Restore version before import…": the version before the merge comes back, again at once.
  await page.getByRole('button', { name: 'Restore version before import…' }).click();
  const restore = page.getByRole('dialog', { name: 'Restore version before import' });
  await expect(restore).toContainText(/\d+ claims?/);
  await restore.getByRole('button', { name: 'Restore this version' }).click();
  await expect(restore).toHaveCount(0);
  await expect(claimItem(page, 2)).toBeVisible();
  await expect(editor(page).getByRole('heading', { name: 'Claim 1' })).toBeVisible();
  await expect(editor(page).getByLabel('Claimant', { exact: true })).toHaveValue('Dmitry Peskov');
  await expect(claimItem(page, 1)).toContainText('Dmitry Peskov');
  await expect(notice(page, 'The project changed (import or restore): undo history cleared.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Redo', exact: true })).toBeDisabled();
  await claimItem(page, 1).focus();
  await page.keyboard.press('Control+z');
  await expect(notice(page, 'Nothing to undo.')).toBeVisible();
  await expect(editor(page).getByLabel('Claimant', { exact: true })).toHaveValue('Dmitry Peskov');
});
