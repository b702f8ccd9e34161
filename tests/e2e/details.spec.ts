/**
 * Editorial integrity in the browser (issue 9): article details corrected and kept after a reload,
 * the project's "Second pair of eyes", and a report whose every claim is approved exported, marked
 * as published and found in the project's publication log.
 */
import { expect, test, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { callApi, makeDataDir, readFixture, startHarnessProcess, type RunningHarness } from '../support/harnessProcess';

let harness: RunningHarness;
test.afterEach(async () => {
  await harness?.stop();
});

const FIXTURE = 'en-tass-2024-10-21-peskov-dprk.txt';

/** A project with the TASS article (set up through the API; everything checked goes through the UI). */
async function setUp(title: string): Promise<{ projectId: string; article: { id: string; text: string } }> {
  harness = await startHarnessProcess(makeDataDir('factcheck-details-'));
  await callApi(harness, 'settings.update', { authorName: 'Dana Editor' });
  const project = await callApi<{ id: string }>(harness, 'projects.create', { title });
  const article = await callApi<{ id: string; text: string }>(harness, 'articles.create', {
    projectId: project.id,
    title: 'Peskov on DPRK',
    outlet: 'TASS',
    author: '',
    url: '',
    publishedDate: '2024-10-20',
    language: 'en',
    direction: 'ltr',
    text: readFixture(FIXTURE),
  });
  return { projectId: project.id, article };
}

async function openProject(page: Page, title: string): Promise<void> {
  await page.goto(harness.url);
  await page.getByRole('button', { name: title, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test('correct an article’s details and find them after a reload', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await setUp('Peskov briefing');
  await openProject(page, 'Peskov briefing');
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: /Peskov on DPRK/ }).click();

  const editDetails = page.getByRole('button', { name: 'Edit details' });
  await editDetails.click();
  const dialog = page.getByRole('dialog', { name: 'Edit article details' });
  await expect(dialog.getByLabel('Title')).toHaveValue('Peskov on DPRK');

  // A wrong address is refused under its own field.
  await dialog.getByLabel('URL').fill('javascript:alert(1)');
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await expect(dialog.getByLabel('URL')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('alert')).toHaveText('Enter a web address that starts with http:// or https://.');

  await dialog.getByLabel('Title').fill('Peskov: cooperation with the DPRK is not directed against others');
  await dialog.getByLabel('Outlet').fill('TASS Russian News Agency');
  await dialog.getByLabel('Author').fill('Staff reporter');
  await dialog.getByLabel('URL').fill('https://tass.com/politics/1859999');
  await dialog.getByLabel('Published').fill('2024-10-21');
  await dialog.getByLabel('Language').selectOption({ label: 'English' });
  await page.screenshot({ path: test.info().outputPath('edit-details-dialog.png') });
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await expect(dialog).toBeHidden();
  await expect(editDetails).toBeFocused();

  const checkHeader = async () => {
    const reading = page.getByRole('article');
    await expect(
      reading.getByRole('heading', { name: 'Peskov: cooperation with the DPRK is not directed against others' }),
    ).toBeVisible();
    // The date in the app's one display format (Chromium here speaks en-US).
    await expect(reading).toContainText('TASS Russian News Agency · Staff reporter · Oct 21, 2024');
    await expect(reading.getByRole('link', { name: 'https://tass.com/politics/1859999' })).toHaveAttribute(
      'href',
      'https://tass.com/politics/1859999',
    );
    await expect(
      page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: /cooperation with the DPRK/ }),
    ).toBeVisible();
  };
  await checkHeader();
  await page.screenshot({ path: test.info().outputPath('article-header.png') });

  await page.reload();
  await checkHeader();

  // Esc closes the dialog without saving, and the focus is back on the button.
  await editDetails.click();
  await expect(dialog.getByLabel('Author')).toHaveValue('Staff reporter');
  await dialog.getByLabel('Author').fill('Someone else');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(editDetails).toBeFocused();
  await expect(page.getByRole('article')).toContainText('Staff reporter');
});

test('describe the project and turn on “Second pair of eyes”; both are kept', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await setUp('Budget check');
  await openProject(page, 'Budget check');
  const button = page.getByRole('button', { name: 'Project details' });
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'Project details' });
  await dialog.getByLabel('Description').fill('Claims from the Kremlin briefing of 21 October 2024.');
  const eyes = dialog.getByRole('checkbox', { name: 'Second pair of eyes' });
  await expect(eyes).toHaveAccessibleDescription('The approver must not be the last person who changed the verdict.');
  await eyes.check();
  await page.screenshot({ path: test.info().outputPath('project-details-dialog.png') });
  await dialog.getByRole('button', { name: 'Save details' }).click();
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
  await expect(page.getByRole('banner')).toContainText('Claims from the Kremlin briefing of 21 October 2024.');

  await page.reload();
  await expect(page.getByRole('banner')).toContainText('Second pair of eyes');
  await page.getByRole('button', { name: 'Project details' }).click();
  await expect(dialog.getByRole('checkbox', { name: 'Second pair of eyes' })).toBeChecked();
  await expect(dialog.getByLabel('Description')).toHaveValue('Claims from the Kremlin briefing of 21 October 2024.');
});

test('export a report whose every claim is approved, mark it as published, and find it in the publication log', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const { projectId, article } = await setUp('Peskov briefing');
  const { verdicts } = await callApi<{ verdicts: { id: string; label: string }[] }>(harness, 'projects.get', { id: projectId });
  const verdict = (label: string) => verdicts.find((candidate) => candidate.label === label)!.id;
  const mark = async (quote: string, fields: Record<string, unknown>) => {
    const start = article.text.indexOf(quote);
    const anchor = {
      start,
      end: start + quote.length,
      exact: quote,
      prefix: article.text.slice(Math.max(0, start - 32), start),
      suffix: article.text.slice(start + quote.length, start + quote.length + 32),
    };
    const claim = await callApi<{ id: string }>(harness, 'claims.create', { articleId: article.id, anchor, fields });
    await callApi(harness, 'claims.update', { id: claim.id, fields: { status: 'approved' } });
  };
  await mark('This is our sovereign right', { claimant: 'Dmitry Peskov', verdictId: verdict('Unverifiable') });
  await mark('is not directed against other countries', { claimant: 'Dmitry Peskov', verdictId: verdict('Mostly true') });

  await openProject(page, 'Peskov briefing');
  await page.getByRole('button', { name: 'Export report…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export report' });
  await dialog.getByLabel('PDF for editors').uncheck();
  await dialog.getByLabel('Web page (HTML)').check();
  await dialog.getByLabel('Markdown').check();
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved 2 files' })).toBeVisible({ timeout: 30_000 });

  const publish = dialog.getByRole('button', { name: 'Mark as published' });
  await expect(publish).toBeEnabled();
  await page.screenshot({ path: test.info().outputPath('export-mark-as-published.png') });
  await publish.click();
  const confirmation = dialog.getByRole('status').filter({ hasText: 'Marked as published on' });
  await expect(confirmation).toContainText('Marked as published on');
  await expect(confirmation).toContainText('(HTML, Markdown)');
  await page.screenshot({ path: test.info().outputPath('export-published.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  const exportsDir = path.join(harness.dataDir, 'exports');
  const sha = (name: string) => createHash('sha256').update(fs.readFileSync(path.join(exportsDir, name))).digest('hex');

  await page.reload();
  await page.getByRole('button', { name: 'Publications' }).click();
  const log = page.getByRole('dialog', { name: 'Publications' }).getByRole('list', { name: 'Publication log' });
  const entry = log.getByRole('listitem', { name: /^Published / });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('By Dana Editor · HTML, Markdown');
  for (const name of ['Peskov briefing report.html', 'Peskov briefing report.md']) {
    await expect(entry).toContainText(name);
    const checksum = sha(name);
    await expect(entry.getByText(`SHA-256 ${checksum.slice(0, 12)}…`)).toHaveAttribute('title', `SHA-256 ${checksum}`);
  }
  const claims = entry.getByRole('list').last();
  await expect(claims.getByRole('listitem')).toHaveCount(2);
  await expect(claims.getByRole('listitem').filter({ hasText: 'This is our sovereign right' })).toContainText('Unverifiable');
  await expect(claims.getByRole('listitem').filter({ hasText: 'is not directed against other countries' })).toContainText(
    'Mostly true',
  );
  await expect(claims).toContainText('Claim 1');
  await expect(claims).toContainText('Claim 2');
  await page.screenshot({ path: test.info().outputPath('publication-log.png') });
});

test('the claim history reads as a log, and “Restore this value” saves an old value under the approval rule', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const { projectId, article } = await setUp('Peskov briefing');
  const { verdicts } = await callApi<{ verdicts: { id: string; label: string }[] }>(harness, 'projects.get', { id: projectId });
  const quote = 'This is our sovereign right';
  const start = article.text.indexOf(quote);
  const claim = await callApi<{ id: string }>(harness, 'claims.create', {
    articleId: article.id,
    anchor: {
      start,
      end: start + quote.length,
      exact: quote,
      prefix: article.text.slice(Math.max(0, start - 32), start),
      suffix: article.text.slice(start + quote.length, start + quote.length + 32),
    },
    fields: { claimant: 'Peskov', verdictId: verdicts.find((verdict) => verdict.label === 'Unverifiable')!.id },
  });
  await callApi(harness, 'claims.update', { id: claim.id, fields: { claimant: 'Dmitry Peskov' } });
  await callApi(harness, 'claims.update', { id: claim.id, fields: { status: 'approved' } });

  await openProject(page, 'Peskov briefing');
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: /Peskov on DPRK/ }).click();
  await page.getByRole('list', { name: 'Claims', exact: true }).getByRole('button', { name: /^Claim 1\b/ }).click();
  const panel = page.getByRole('complementary', { name: 'Claim panel' });
  await panel.getByText('History', { exact: true }).click();
  const log = panel.getByRole('list', { name: 'History of this claim' });
  await expect(log).toContainText('Approved by Dana Editor');
  await expect(log).toContainText('Marked as Claim 1');

  const claimantLine = log.getByRole('listitem').filter({ hasText: 'Claimant: “Peskov” → “Dmitry Peskov”' });
  await claimantLine.getByRole('button', { name: 'Restore this value' }).click();
  await expect(panel.getByLabel('Claimant', { exact: true })).toHaveValue('Peskov');
  // Saved like any edit: the approval no longer holds, and the log says why.
  await expect(log).toContainText('Claimant: “Dmitry Peskov” → “Peskov”');
  await expect(log).toContainText('Approval withdrawn: changed after approval: claimant');
  await expect(log).toContainText('Status: Approved → In review');
  await page.screenshot({ path: test.info().outputPath('history-log.png') });
});
