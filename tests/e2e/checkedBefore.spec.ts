/**
 * "Checked before" as a fact-checker meets it: project A holds a claim rated False; in project B a
 * claim with nearly the same words is marked, the panel lists A's claim with its verdict, "Same
 * claim" links them, and B's report says "Previously checked".
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { callApi, makeDataDir, readFixture, startHarnessProcess, type RunningHarness } from '../support/harnessProcess';
import { dragSelect } from '../support/readingView';

let harness: RunningHarness;
test.afterEach(async () => {
  await harness?.stop();
});

const ARTICLE_TITLE = 'Peskov on DPRK';
const QUOTE = 'This is our sovereign right';

/** A project holding the TASS article; answers its id, the article and the verdict scale. */
async function projectWithTass(title: string) {
  const project = await callApi<{ id: string }>(harness, 'projects.create', { title });
  const article = await callApi<{ id: string; text: string }>(harness, 'articles.create', {
    projectId: project.id,
    title: ARTICLE_TITLE,
    outlet: 'TASS',
    author: '',
    url: '',
    publishedDate: '2024-10-21',
    language: 'en',
    direction: 'ltr',
    text: readFixture('en-tass-2024-10-21-peskov-dprk.txt'),
  });
  const { verdicts } = await callApi<{ verdicts: { id: string; label: string }[] }>(harness, 'projects.get', { id: project.id });
  return { project, article, verdicts };
}

const articleRegion = (page: Page): Locator => page.getByRole('region', { name: 'Article', exact: true });
const claimList = (page: Page): Locator => page.getByRole('list', { name: 'Claims', exact: true });

test('a claim checked in another project is offered, linked as the same claim, and printed as previously checked', async ({ page }) => {
  harness = await startHarnessProcess(makeDataDir('factcheck-checked-before-'));
  await callApi(harness, 'settings.update', { authorName: 'Dana Editor' });

  // Project A: the claim was checked before, rated False, with a rationale.
  const a = await projectWithTass('Kremlin statements 2024');
  const start = a.article.text.indexOf(QUOTE);
  const anchor = {
    start,
    end: start + QUOTE.length,
    exact: QUOTE,
    prefix: a.article.text.slice(Math.max(0, start - 32), start),
    suffix: a.article.text.slice(start + QUOTE.length, start + QUOTE.length + 32),
  };
  await callApi(harness, 'claims.create', {
    articleId: a.article.id,
    anchor,
    fields: {
      statement: 'Peskov: sending troops to North Korea is our sovereign right',
      claimant: 'Dmitry Peskov',
      verdictId: a.verdicts.find((verdict) => verdict.label === 'False')!.id,
      rationale: 'The treaty says nothing of the kind.',
    },
  });
  await projectWithTass('Peskov briefing');

  // Project B: mark the same words in the article.
  await page.goto(`${harness.url}/`);
  await page.getByRole('button', { name: 'Peskov briefing', exact: true }).click();
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: new RegExp(`^${ARTICLE_TITLE}`) }).click();
  await expect(articleRegion(page).getByText(/Kremlin Spokesman Dmitry Peskov/)).toBeVisible();
  await dragSelect(page, QUOTE);
  await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Mark claim' }).click();
  await expect(claimList(page).getByRole('button')).toHaveCount(1);

  const panel = page.getByRole('region', { name: 'Checked before' });
  const earlier = panel.getByRole('listitem').filter({ hasText: 'Kremlin statements 2024 · Claim 1' });
  await expect(earlier).toBeVisible({ timeout: 15_000 });
  await expect(earlier).toContainText('False');
  await expect(earlier).toContainText('sovereign right');
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('checked-before-panel.png') });

  await panel.getByRole('button', { name: 'Same claim as Claim 1 of Kremlin statements 2024' }).click();
  const previously = page.getByRole('region', { name: 'Previously checked' });
  await expect(previously).toContainText('Kremlin statements 2024');
  await expect(previously).toContainText('False');
  await expect(previously.getByRole('button', { name: /^Unlink Kremlin statements 2024/ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('previously-checked.png') });

  // B's report prints the link.
  await page.getByRole('button', { name: 'Export report…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export report' });
  await dialog.getByLabel('PDF for editors').uncheck();
  await dialog.getByLabel('Web page (HTML)').check();
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Peskov briefing report.html' })).toBeVisible({ timeout: 30_000 });
  const html = fs.readFileSync(path.join(harness.dataDir, 'exports', 'Peskov briefing report.html'), 'utf8');
  expect(html).toContain('Previously checked:');
  expect(html).toContain('Kremlin statements 2024');
});
