/**
 * "Capture page" as a fact-checker meets it: a source whose URL is a page of a local site (started
 * by the test on 127.0.0.1) → Capture page → the MHTML snapshot, the PDF and the screenshot (and the
 * page's text) are listed as evidence with their SHA-256, the final URL and the HTTP status.
 */
import { expect, test } from '@playwright/test';
import { createAnchor } from '../../shared/anchoring';
import { startCaptureSite, type CaptureSite } from '../fixtures/captureSite';
import { callApi, makeDataDir, readFixture, startHarnessProcess, type RunningHarness } from '../support/harnessProcess';

const ARTICLE_TITLE = 'Peskov on DPRK';
const QUOTE = 'This is our sovereign right';

let harness: RunningHarness;
let site: CaptureSite;
test.afterEach(async () => {
  await harness?.stop();
  await site?.close();
});

test('Capture page keeps the page as MHTML, PDF and screenshot, each with its SHA-256', async ({ page }) => {
  test.setTimeout(120_000);
  site = await startCaptureSite();
  harness = await startHarnessProcess(makeDataDir());
  const project = await callApi<{ id: string }>(harness, 'projects.create', { title: 'Capture desk' });
  const text = readFixture('en-tass-2024-10-21-peskov-dprk.txt');
  const article = await callApi<{ id: string; text: string }>(harness, 'articles.create', {
    projectId: project.id, title: ARTICLE_TITLE, outlet: 'TASS', author: '', url: '', publishedDate: '2024-10-21', language: 'en', direction: 'ltr', text,
  });
  const start = article.text.indexOf(QUOTE);
  const claim = await callApi<{ id: string }>(harness, 'claims.create', {
    articleId: article.id, anchor: createAnchor(article.text, start, start + QUOTE.length), fields: { statement: 'Sovereign right' },
  });
  await callApi(harness, 'sources.create', { claimId: claim.id, fields: { title: 'The minister’s page', url: `${site.origin}/redirect` } });

  await page.goto(`${harness.url}/`);
  await page.getByRole('button', { name: 'Capture desk', exact: true }).click();
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: new RegExp(`^${ARTICLE_TITLE}`) }).click();
  await page.getByRole('list', { name: 'Claims', exact: true }).getByRole('button').first().click();

  const evidence = page.getByRole('group', { name: 'Evidence of source 1' });
  await evidence.getByRole('button', { name: 'Capture page: source 1' }).click();
  await expect(evidence.getByRole('status')).toContainText(/Captured .*\/normal \(HTTP 200\)/, { timeout: 60_000 });

  const files = evidence.getByRole('list', { name: 'Evidence files of source 1' });
  for (const name of [/page\.mhtml/, /page\.pdf/, /screenshot\.png/]) {
    const item = files.getByRole('listitem').filter({ hasText: name });
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(`from ${site.origin}/normal`);
    await expect(item).toContainText('(HTTP 200)');
    // The short SHA-256 shown, the full value in its title.
    await expect(item.locator('code')).toHaveAttribute('title', /^[0-9a-f]{64}$/);
  }
  await expect(files.getByRole('listitem').filter({ hasText: /page\.txt/ })).toHaveCount(1);
  expect(site.hits.get('/normal')).toBe(1);
});
