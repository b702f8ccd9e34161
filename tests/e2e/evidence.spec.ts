/**
 * Evidence on a source as a fact-checker meets it: "Attach file…" (the hidden file input behind it)
 * takes a PNG, a text file is dropped onto the source, both preview in place, "Open with system
 * viewer" asks first and reaches the host's shell, and "Remove" asks first.
 */
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { createAnchor } from '../../shared/anchoring';
import { callApi, makeDataDir, readFixture, startHarnessProcess, type RunningHarness } from '../support/harnessProcess';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'evidence');
const ARTICLE_TITLE = 'Peskov on DPRK';
const QUOTE = 'This is our sovereign right';

let harness: RunningHarness;
test.afterEach(async () => {
  await harness?.stop();
});

async function claimWithSource() {
  const project = await callApi<{ id: string }>(harness, 'projects.create', { title: 'Evidence desk' });
  const text = readFixture('en-tass-2024-10-21-peskov-dprk.txt');
  const article = await callApi<{ id: string; text: string }>(harness, 'articles.create', {
    projectId: project.id, title: ARTICLE_TITLE, outlet: 'TASS', author: '', url: '', publishedDate: '2024-10-21', language: 'en', direction: 'ltr', text,
  });
  const start = article.text.indexOf(QUOTE);
  const claim = await callApi<{ id: string }>(harness, 'claims.create', {
    articleId: article.id, anchor: createAnchor(article.text, start, start + QUOTE.length), fields: { statement: 'Sovereign right' },
  });
  await callApi(harness, 'sources.create', { claimId: claim.id, fields: { title: 'Kremlin briefing', url: 'https://example.org/briefing' } });
}

/** Drops a file onto the element as the OS would: a DataTransfer built in the page. */
async function dropFile(page: Page, selector: string, name: string, type: string, content: string) {
  await page.evaluate(
    ({ selector, name, type, content }) => {
      const target = document.querySelector(selector)!;
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], name, { type }));
      for (const kind of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      }
    },
    { selector, name, type, content },
  );
}

test('attach a PNG, drop a text file, preview both, open after confirming, remove after confirming', async ({ page }) => {
  harness = await startHarnessProcess(makeDataDir());
  await callApi(harness, 'settings.update', { authorName: 'Ana Checker' });
  await claimWithSource();
  await page.goto(`${harness.url}/`);
  await page.getByRole('button', { name: 'Evidence desk', exact: true }).click();
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: new RegExp(`^${ARTICLE_TITLE}`) }).click();
  await page.getByRole('list', { name: 'Claims', exact: true }).getByRole('button').first().click();

  const evidence = page.getByRole('group', { name: 'Evidence of source 1' });
  await expect(evidence.getByRole('button', { name: 'Attach file…' })).toBeVisible();
  await evidence.getByLabel('Choose evidence files for source 1').setInputFiles(path.join(FIXTURES, 'red-square.png'));
  const files = evidence.getByRole('list', { name: 'Evidence files of source 1' });
  await expect(files.getByRole('listitem')).toHaveCount(1);
  await expect(files).toContainText('red-square.png');
  await expect(files).toContainText('PNG image');
  await expect(files).toContainText('Ana Checker');

  await dropFile(page, '[aria-label="Evidence of source 1"]', 'statement.txt', 'text/plain', fs.readFileSync(path.join(FIXTURES, 'statement.txt'), 'utf8'));
  await expect(files.getByRole('listitem')).toHaveCount(2);

  await evidence.getByRole('button', { name: 'Preview of red-square.png' }).click();
  const image = evidence.getByRole('img', { name: 'Preview of red-square.png' });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(4);

  await evidence.getByRole('button', { name: 'Preview of statement.txt' }).click();
  await expect(evidence.getByLabel('Preview of statement.txt', { exact: true })).toHaveText(/troops were not deployed/);

  // "Open with system viewer" asks first; the harness's shell records what it was asked to open.
  await evidence.getByRole('button', { name: 'Open with system viewer: statement.txt' }).click();
  const openDialog = page.getByRole('alertdialog', { name: 'Open with the system viewer?' });
  await expect(openDialog).toBeVisible();
  await openDialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect
    .poll(async () => {
      const response = await fetch(`${harness.url}/__harness/shell-requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-factcheck-token': harness.token },
        body: '{}',
      });
      const body = (await response.json()) as { value: { requests: { action: string; path: string }[] } };
      return body.value.requests.map((request) => `${request.action} ${path.basename(request.path)}`);
    })
    .toEqual(['open statement.txt']);

  // Remove asks first: Cancel keeps the file, Remove takes it off.
  await evidence.getByRole('button', { name: 'Remove red-square.png' }).click();
  const removeDialog = page.getByRole('alertdialog', { name: 'Remove evidence?' });
  await removeDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(files.getByRole('listitem')).toHaveCount(2);
  await evidence.getByRole('button', { name: 'Remove red-square.png' }).click();
  await removeDialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(files.getByRole('listitem')).toHaveCount(1);
  await expect(files).not.toContainText('red-square.png');
  await page.screenshot({ path: test.info().outputPath('evidence.png') });
});
