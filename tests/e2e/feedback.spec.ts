/**
 * Feedback on long work and the small things (issue 12, items 2, 4 and 7): after an export the
 * notice names the files with "Show in folder" and "Open", which reach the harness's stand-in for
 * the file manager; an impossible date is refused with a message under the field; the merge dialog
 * quotes a claim once.
 */
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { callApi, makeDataDir, readFixture, startHarnessProcess, type RunningHarness } from '../support/harnessProcess';

type ShellRequest = { action: 'showInFolder' | 'open'; path: string };

const running: RunningHarness[] = [];
test.afterEach(async () => {
  while (running.length) await running.pop()!.stop();
});

async function start(): Promise<RunningHarness> {
  const harness = await startHarnessProcess(makeDataDir('factcheck-feedback-'));
  running.push(harness);
  return harness;
}

async function harnessPost<T>(harness: RunningHarness, route: string, body: unknown = {}): Promise<T> {
  const response = await fetch(`${harness.url}/__harness/${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-factcheck-token': harness.token },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { value: T }).value;
}

const shellRequests = async (harness: RunningHarness) =>
  (await harnessPost<{ requests: ShellRequest[] }>(harness, 'shell-requests')).requests;

async function projectWithClaim(harness: RunningHarness, title: string, statement = '') {
  const project = await callApi<{ id: string }>(harness, 'projects.create', { title });
  const article = await callApi<{ id: string; text: string }>(harness, 'articles.create', {
    projectId: project.id,
    title: 'Peskov on the DPRK',
    outlet: 'TASS',
    author: '',
    url: '',
    publishedDate: '2024-10-21',
    language: 'en',
    direction: 'ltr',
    text: readFixture('en-tass-2024-10-21-peskov-dprk.txt'),
  });
  const quote = 'Cooperation between Russia and North Korea is not directed against other countries';
  const at = article.text.indexOf(quote);
  const claim = await callApi<{ id: string }>(harness, 'claims.create', {
    articleId: article.id,
    anchor: { start: at, end: at + quote.length, exact: quote, prefix: article.text.slice(Math.max(0, at - 32), at), suffix: article.text.slice(at + quote.length, at + quote.length + 32) },
    fields: { statement },
  });
  return { project, article, claim };
}

const savedFiles = (page: Page) => page.getByRole('status').getByRole('list', { name: 'Saved files' }).last();

test.use({ viewport: { width: 1280, height: 720 } });

test('after exporting a report and a project file the notice names the files; "Show in folder" and "Open" reach the file manager', async ({ page }) => {
  const harness = await start();
  await projectWithClaim(harness, 'Peskov briefing');
  const exportsDir = path.join(harness.dataDir, 'exports');

  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Peskov briefing', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Export project file…' })).toBeVisible();
  // Nothing was ever merged into this project, so there is no version before an import to restore.
  await expect(page.getByRole('button', { name: 'Restore version before import…' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Export report…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export report' });
  await dialog.getByLabel('Spreadsheet (CSV)').check();
  await dialog.getByRole('button', { name: 'Export' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Saved 2 files' });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  // Names, not full paths: the folder is one click away.
  const files = notice.getByRole('list', { name: 'Saved files' }).getByRole('listitem');
  await expect(files).toHaveCount(2);
  await expect(notice).not.toContainText(exportsDir);
  await expect(files.first()).toContainText(/Peskov briefing report\.(pdf|csv)/);
  const html = notice.getByRole('button', { name: /^Show Peskov briefing report\.\w+ in folder$/ }).first();
  const shownName = (await html.getAttribute('aria-label'))!.replace(/^Show | in folder$/g, '');
  await html.click();
  await expect.poll(() => shellRequests(harness)).toEqual([{ action: 'showInFolder', path: path.join(exportsDir, shownName) }]);
  await notice.getByRole('button', { name: `Open ${shownName}` }).click();
  await expect.poll(async () => (await shellRequests(harness)).length).toBe(2);
  expect((await shellRequests(harness))[1]).toEqual({ action: 'open', path: path.join(exportsDir, shownName) });
  await dialog.getByRole('button', { name: /Close|Cancel/ }).first().click();

  await page.getByRole('button', { name: 'Export project file…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export project file' });
  await exportDialog.getByRole('button', { name: 'Export…' }).click();
  await expect(exportDialog).toBeHidden();
  const projectNotice = page.getByRole('status').filter({ hasText: 'Saved the project file' });
  await expect(projectNotice.getByRole('listitem')).toHaveText(/^Peskov briefing\.factcheck/);
  await projectNotice.getByRole('button', { name: 'Show Peskov briefing.factcheck in folder' }).click();
  await expect.poll(async () => (await shellRequests(harness)).at(-1)).toEqual({
    action: 'showInFolder',
    path: path.join(exportsDir, 'Peskov briefing.factcheck'),
  });
  await expect(savedFiles(page)).toBeVisible();
});

test('the window cannot have the file manager show a file the app did not write', async () => {
  const harness = await start();
  await expect(callApi(harness, 'files.open', { path: path.join(harness.dataDir, 'library.sqlite') })).rejects.toThrow(/Only files this app saved/);
  expect(await shellRequests(harness)).toEqual([]);
});

test('an impossible published date is refused with a message under the field', async ({ page }) => {
  const harness = await start();
  await callApi(harness, 'projects.create', { title: 'Dates' });
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Dates', exact: true }).click();
  const addArticle = page.getByRole('button', { name: 'Add article' });
  if (await addArticle.isVisible()) await addArticle.click();
  const form = page.getByRole('form', { name: 'Add article' });
  await form.getByLabel('Article text').fill('The minister said unemployment fell to four percent.');
  await form.getByLabel('Title').fill('Unemployment');
  const published = form.getByLabel('Published');
  await published.fill('212024-05-01');
  await expect(form.getByRole('alert')).toHaveText('The year 212024 is not possible here. Use a year between 1000 and 9999.');
  await expect(published).toHaveAttribute('aria-invalid', 'true');
  await form.getByRole('button', { name: 'Save article' }).click();
  await expect(form).toBeVisible();
  const project = (await callApi<{ id: string; title: string }[]>(harness, 'projects.list', {})).find((p) => p.title === 'Dates')!;
  expect((await callApi<{ articles: unknown[] }>(harness, 'projects.get', { id: project.id })).articles).toHaveLength(0);

  await published.fill('2024-05-01');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await form.getByRole('button', { name: 'Save article' }).click();
  await expect.poll(async () => (await callApi<{ articles: unknown[] }>(harness, 'projects.get', { id: project.id })).articles.length).toBe(1);
});

test('the merge dialog quotes a claim that is itself a quotation once', async ({ page }) => {
  const a = await start();
  const b = await start();
  const { project, claim } = await projectWithClaim(a, 'Quoted claim', '“Cooperation is not directed against anyone”');
  const first = await callApi<{ path: string }>(a, 'projectFiles.export', { projectId: project.id });
  const inB = await callApi<{ importId: string }>(b, 'projectFiles.inspect', { path: first.path });
  await callApi(b, 'projectFiles.apply', { importId: inB.importId });
  await callApi(a, 'claims.update', { id: claim.id, fields: { claimant: 'Peskov' } });
  await callApi(b, 'claims.update', { id: claim.id, fields: { claimant: 'Dmitry Peskov' } });
  const back = await callApi<{ path: string }>(b, 'projectFiles.export', { projectId: project.id });

  await harnessPost(a, 'open-path', { path: back.path });
  await page.goto(a.url);
  await page.getByRole('button', { name: 'Import project file…' }).click();
  const dialog = page.getByRole('dialog');
  const conflicts = dialog.getByRole('region', { name: 'Conflicts' });
  await expect(conflicts.getByRole('group')).toHaveCount(1);
  await expect(conflicts).toContainText('“Cooperation is not directed against anyone”');
  await expect(conflicts).not.toContainText('““');
  await expect(conflicts).not.toContainText('””');
  // Dates in the dialog read in the app's one format, not the raw ISO time.
  await expect(dialog).not.toContainText(/\d{4}-\d{2}-\d{2}T/);
});
