import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { callApi, makeDataDir, readFixture, startHarnessProcess, type RunningHarness } from '../support/harnessProcess';

let harness: RunningHarness;
test.afterEach(async () => {
  await harness?.stop();
});

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

test('an editor previews the report and exports it as PDF and CSV', async ({ page }) => {
  test.skip(!hasPdftotext, 'pdftotext (poppler-utils) is not installed, so the PDF cannot be read back');
  harness = await startHarnessProcess(makeDataDir('factcheck-report-'));
  await callApi(harness, 'settings.update', { authorName: 'Dana Editor', organisationName: 'Newsroom Check' });
  const project = await callApi<{ id: string }>(harness, 'projects.create', { title: 'Peskov briefing' });
  const article = await callApi<{ id: string; text: string }>(harness, 'articles.create', {
    projectId: project.id,
    title: 'Peskov on DPRK',
    outlet: 'TASS',
    author: '',
    url: 'https://tass.com/politics/1859999',
    publishedDate: '2024-10-21',
    language: 'en',
    direction: 'ltr',
    text: readFixture('en-tass-2024-10-21-peskov-dprk.txt'),
  });
  const verdicts = (await callApi<{ verdicts: { id: string; label: string }[] }>(harness, 'projects.get', { id: project.id })).verdicts;
  const quote = 'This is our sovereign right';
  const start = article.text.indexOf(quote);
  const claim = await callApi<{ id: string }>(harness, 'claims.create', {
    articleId: article.id,
    anchor: { start, end: start + quote.length, exact: quote, prefix: article.text.slice(start - 32, start), suffix: article.text.slice(start + quote.length, start + quote.length + 32) },
    fields: { claimant: 'Dmitry Peskov', verdictId: verdicts.find((v) => v.label === 'Unverifiable')!.id, rationale: 'No treaty text is public [1].' },
  });
  await callApi(harness, 'sources.create', { claimId: claim.id, fields: { title: 'Kremlin press briefing transcript', publisher: 'Kremlin' } });

  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Peskov briefing', exact: true }).click();
  await page.getByRole('button', { name: 'Export report…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export report' });
  const preview = page.frameLocator('iframe[title="Report preview"]');
  await expect(preview.getByText('Kremlin press briefing transcript')).toBeVisible();
  await expect(preview.getByText('Dmitry Peskov').first()).toBeVisible();
  await dialog.getByLabel('Spreadsheet (CSV)').check();
  await dialog.getByLabel('Letter').check();
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved 2 files' })).toBeVisible({ timeout: 30_000 });

  const exportsDir = path.join(harness.dataDir, 'exports');
  const pdf = path.join(exportsDir, 'Peskov briefing report.pdf');
  const csv = path.join(exportsDir, 'Peskov briefing report.csv');
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  expect(text).toContain('This is our sovereign right');
  expect(text).toContain('Unverifiable');
  expect(text).toContain('Kremlin press briefing transcript');
  expect(text).toMatch(/Page 1 of \d+/);
  const csvText = fs.readFileSync(csv, 'utf8');
  expect(csvText.charCodeAt(0)).toBe(0xfeff);
  expect(csvText).toContain('Dmitry Peskov');
  // Nothing half-written was left behind.
  expect(fs.readdirSync(exportsDir).sort()).toEqual(['Peskov briefing report.csv', 'Peskov briefing report.pdf']);
});
