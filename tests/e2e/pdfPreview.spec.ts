/**
 * PDF evidence previews inside the app (issue 13): pdf.js draws the pages onto a canvas, in a worker
 * the window's CSP allows, page by page with "Next page"/"Previous page"; a damaged PDF says so.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
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

async function openClaimWithSource(page: Page) {
  const project = await callApi<{ id: string }>(harness, 'projects.create', { title: 'Evidence desk' });
  const article = await callApi<{ id: string; text: string }>(harness, 'articles.create', {
    projectId: project.id, title: ARTICLE_TITLE, outlet: 'TASS', author: '', url: '', publishedDate: '2024-10-21', language: 'en', direction: 'ltr',
    text: readFixture('en-tass-2024-10-21-peskov-dprk.txt'),
  });
  const start = article.text.indexOf(QUOTE);
  const claim = await callApi<{ id: string }>(harness, 'claims.create', {
    articleId: article.id, anchor: createAnchor(article.text, start, start + QUOTE.length), fields: { statement: 'Sovereign right' },
  });
  await callApi(harness, 'sources.create', { claimId: claim.id, fields: { title: 'Kremlin briefing', url: '' } });
  await page.goto(`${harness.url}/`);
  await page.getByRole('button', { name: 'Evidence desk', exact: true }).click();
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: new RegExp(`^${ARTICLE_TITLE}`) }).click();
  await page.getByRole('list', { name: 'Claims', exact: true }).getByRole('button').first().click();
  return page.getByRole('group', { name: 'Evidence of source 1' });
}

/** What the canvas shows, counted from its pixels: painted (opaque, non-white) ones and strongly red ones. */
function pixelsOf(canvas: Locator) {
  return canvas.evaluate((element: HTMLCanvasElement) => {
    const { data } = element.getContext('2d')!.getImageData(0, 0, element.width, element.height);
    let painted = 0;
    let red = 0;
    for (let index = 0; index < data.length; index += 4) {
      const [r, g, b, alpha] = [data[index]!, data[index + 1]!, data[index + 2]!, data[index + 3]!];
      // An undrawn canvas is transparent black: only opaque pixels count.
      if (alpha > 200 && (r < 240 || g < 240 || b < 240)) painted++;
      if (r > 150 && g < 60 && b < 60) red++;
    }
    return { painted, red, width: element.width };
  });
}

test('a PDF previews as pages drawn in the app, page by page; a damaged one says it could not be read', async ({ page }) => {
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  harness = await startHarnessProcess(makeDataDir());
  const evidence = await openClaimWithSource(page);
  const input = evidence.getByLabel('Choose evidence files for source 1');
  const files = evidence.getByRole('list', { name: 'Evidence files of source 1' });

  await input.setInputFiles(path.join(FIXTURES, 'statement.pdf'));
  await expect(files).toContainText('statement.pdf');
  await evidence.getByRole('button', { name: 'Preview of statement.pdf' }).click();
  const onlyPage = evidence.getByRole('img', { name: 'Page 1 of 1 of statement.pdf' });
  await expect(onlyPage).toBeVisible();
  await expect.poll(async () => (await pixelsOf(onlyPage)).painted).toBeGreaterThan(1000);
  await expect(evidence.getByText('Page 1 of 1', { exact: true })).toBeVisible();
  await expect(evidence.getByRole('button', { name: 'Next page' })).toBeDisabled();
  await expect(evidence.getByRole('button', { name: 'Previous page' })).toBeDisabled();
  // Drawn in pdf.js's own worker (a same-origin script), not on the page's thread.
  expect(page.workers().some((worker) => /pdf\.worker/.test(worker.url()))).toBe(true);
  await page.screenshot({ path: test.info().outputPath('pdf-preview.png') });
  await onlyPage.screenshot({ path: test.info().outputPath('pdf-page.png') });
  await evidence.getByRole('button', { name: 'Hide preview of statement.pdf' }).click();
  await expect(onlyPage).toHaveCount(0);

  // Two pages: the red square is on page 2 only.
  await input.setInputFiles(path.join(FIXTURES, 'two-pages.pdf'));
  await evidence.getByRole('button', { name: 'Preview of two-pages.pdf' }).click();
  const first = evidence.getByRole('img', { name: 'Page 1 of 2 of two-pages.pdf' });
  await expect(first).toBeVisible();
  await expect.poll(async () => (await pixelsOf(first)).painted).toBeGreaterThan(1000);
  expect((await pixelsOf(first)).red).toBe(0);
  await evidence.getByRole('button', { name: 'Next page' }).click();
  const second = evidence.getByRole('img', { name: 'Page 2 of 2 of two-pages.pdf' });
  await expect(second).toBeVisible();
  await expect.poll(async () => (await pixelsOf(second)).red).toBeGreaterThan(1000);
  await expect(evidence.getByRole('button', { name: 'Next page' })).toBeDisabled();
  await evidence.getByRole('button', { name: 'Previous page' }).click();
  await expect(evidence.getByRole('img', { name: 'Page 1 of 2 of two-pages.pdf' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('pdf-preview-two-pages.png') });
  await evidence.getByRole('button', { name: 'Hide preview of two-pages.pdf' }).click();

  // A file that starts like a PDF but is not one: a message, nothing thrown, the panel still works.
  await input.setInputFiles({ name: 'damaged.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\nthis is not really a PDF\n') });
  await evidence.getByRole('button', { name: 'Preview of damaged.pdf' }).click();
  await expect(evidence.getByRole('alert')).toHaveText(/^This PDF could not be read: .+/);
  await expect(files.getByRole('listitem')).toHaveCount(3);
  expect(cspViolations).toEqual([]);
});
