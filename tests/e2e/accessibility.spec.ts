/**
 * Screen readers (issue 12, item 5): axe-core finds no serious or critical violation on the project
 * list, the workbench with claims (a claim open), every dialog a person reaches from them, and the
 * report preview. Each screen is checked as the person sees it, at 1280×720.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { createAnchor } from '../../shared/anchoring';
import { callApi, makeDataDir, readFixture, startHarnessProcess, type RunningHarness } from '../support/harnessProcess';

let harness: RunningHarness;
test.beforeEach(async () => {
  harness = await startHarnessProcess(makeDataDir('factcheck-axe-'));
});
test.afterEach(async () => {
  await harness?.stop();
});
test.use({ viewport: { width: 1280, height: 720 } });

/** Serious and critical violations of WCAG 2.1 A/AA, each named with the elements it was found on. */
async function violations(page: Page, screen: string, exclude: string[] = []): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const selector of exclude) builder = builder.exclude(selector);
  const result = await builder.analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${screen}: ${violation.id} (${violation.impact}) — ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(' | ')}`,
    );
}

/** Opens a dialog, checks it, closes it with Esc. */
async function checkDialog(page: Page, open: Locator, name: string | RegExp, found: string[]): Promise<void> {
  await open.click();
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  found.push(...(await violations(page, `dialog ${String(name)}`)));
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
}

async function seedProject(): Promise<{ projectId: string; articleId: string }> {
  const project = await callApi<{ id: string }>(harness, 'projects.create', { title: 'Accessibility check' });
  const article = await callApi<{ id: string; text: string }>(harness, 'articles.create', {
    projectId: project.id,
    title: 'Peskov on DPRK',
    outlet: 'TASS',
    author: '',
    url: '',
    publishedDate: '2024-10-21',
    language: 'en',
    direction: 'ltr',
    text: readFixture('en-tass-2024-10-21-peskov-dprk.txt'),
  });
  for (const quote of ['Cooperation between Russia and North Korea is not directed against other countries', 'This is our sovereign right']) {
    const start = article.text.indexOf(quote);
    await callApi(harness, 'claims.create', {
      articleId: article.id,
      anchor: createAnchor(article.text, start, start + quote.length),
      fields: { claimant: 'Dmitry Peskov', rationale: 'The **treaty** text says otherwise.' },
    });
  }
  return { projectId: project.id, articleId: article.id };
}

test('the project list, the workbench with a claim open, every dialog and the report preview have no serious or critical axe violations', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { projectId, articleId } = await seedProject();
  const found: string[] = [];

  // The project list and its dialogs.
  await page.goto(`${harness.url}/`);
  await expect(page.getByRole('button', { name: 'New project' })).toBeVisible();
  found.push(...(await violations(page, 'project list')));
  await checkDialog(page, page.getByRole('button', { name: 'Settings' }), 'Settings', found);
  await checkDialog(page, page.getByRole('button', { name: 'Search library' }), 'Search library', found);
  await checkDialog(page, page.getByRole('button', { name: 'Reference fact-checks…' }), 'Reference fact-checks', found);

  // Search with results.
  await page.keyboard.press('Control+k');
  const search = page.getByRole('dialog', { name: 'Search library' });
  await expect(search).toBeVisible();
  await page.keyboard.type('sovereign');
  await expect(search.getByRole('listbox', { name: 'Search results' }).getByRole('option').first()).toBeVisible();
  found.push(...(await violations(page, 'search results')));
  await page.keyboard.press('Escape');
  await expect(search).toHaveCount(0);

  // The workbench with a claim open.
  await page.goto(`${harness.url}/#/project/${projectId}/article/${articleId}`);
  await page.getByRole('list', { name: 'Claims', exact: true }).getByRole('button').first().click();
  await expect(page.getByRole('region', { name: 'Claim 1', exact: true })).toBeVisible();
  found.push(...(await violations(page, 'workbench')));

  await checkDialog(page, page.getByRole('button', { name: 'Verdict scale' }), /Verdict scale/, found);
  await checkDialog(page, page.getByRole('button', { name: 'Project details' }), /Project details|details/i, found);
  await checkDialog(page, page.getByRole('button', { name: 'Publications' }), /Publications|Publication/i, found);
  await checkDialog(page, page.getByRole('button', { name: 'Keyboard shortcuts' }), /Keyboard shortcuts/, found);
  await checkDialog(page, page.getByRole('button', { name: 'Export project file…' }), /Export/, found);
  await checkDialog(page, page.getByRole('button', { name: 'Edit details' }), /details/i, found);
  await checkDialog(page, page.getByRole('button', { name: 'Edit text' }), /text/i, found);
  // A confirmation (alertdialog): deleting the article asks first.
  await page.getByRole('button', { name: 'Delete article' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toBeVisible();
  found.push(...(await violations(page, 'delete confirmation')));
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);

  // The report dialog with its preview.
  await page.getByRole('button', { name: 'Export report…' }).click();
  const report = page.getByRole('dialog', { name: /report/i });
  await expect(report).toBeVisible();
  await expect(page.frameLocator('iframe[title="Report preview"]').getByText('Dmitry Peskov').first()).toBeVisible();
  // The preview is a sandboxed frame without scripts, which axe cannot enter: the dialog is checked
  // around it, and the report it shows is checked on a page of its own.
  const frame = 'iframe[title="Report preview"]';
  found.push(...(await violations(page, 'report dialog', [frame])));
  const reportHtml = await page.locator(frame).getAttribute('srcdoc');
  expect(reportHtml).toContain('Dmitry Peskov');
  await page.keyboard.press('Escape');
  const reportPage = await page.context().newPage();
  await reportPage.setContent(reportHtml!);
  found.push(...(await violations(reportPage, 'report preview')));
  await reportPage.close();

  expect(found, found.join('\n')).toEqual([]);
});
