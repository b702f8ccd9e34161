/**
 * "Search library" end to end, in Chromium through the harness: a rationale written in the claim
 * editor is found from the project list with Ctrl+K, its word marked, and Enter opens the claim in
 * its project. Set-up (project, article, claim) goes through the API; the rest as a user would.
 */
import { expect, test } from '@playwright/test';
import { createAnchor } from '../../shared/anchoring';
import { callApi, makeDataDir, readFixture, startHarnessProcess, type RunningHarness } from '../support/harnessProcess';

const QUOTE = 'North Korea is our close neighbor, our partner';
const WORD = 'Quokkalicious';

let harness: RunningHarness;
test.afterEach(async () => {
  await harness?.stop();
});

test('finds a claim by a word of its rationale with Ctrl+K, marks it, and opens the claim with Enter', async ({ page }) => {
  harness = await startHarnessProcess(makeDataDir('factcheck-search-'));
  const project = await callApi<{ id: string }>(harness, 'projects.create', { title: 'Peskov briefing' });
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
  const start = article.text.indexOf(QUOTE);
  await callApi(harness, 'claims.create', { articleId: article.id, anchor: createAnchor(article.text, start, start + QUOTE.length) });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${harness.url}/#/project/${project.id}/article/${article.id}`);

  // The rationale, written in the claim editor (it saves on its own).
  await page.getByRole('list', { name: 'Claims', exact: true }).getByRole('button', { name: /^Claim 1:/ }).click();
  const editor = page.locator('.claim-editor');
  const rationale = editor.getByLabel('Rationale', { exact: true });
  await rationale.fill(`The ministry's figures are ${WORD} at best.`);
  await rationale.blur();
  await expect(editor.locator('.field-status', { hasText: 'Saved' })).toBeVisible();

  await page.getByRole('button', { name: '← All projects' }).click();
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Search library' })).toBeVisible();

  await page.keyboard.press('Control+K');
  const dialog = page.getByRole('dialog', { name: 'Search library' });
  await expect(dialog).toBeVisible();
  const box = dialog.getByRole('combobox', { name: 'Search library' });
  await expect(box).toBeFocused();
  await box.pressSequentially(WORD.toLowerCase().slice(0, 9));

  const results = dialog.getByRole('listbox', { name: 'Search results' });
  const hit = results.getByRole('option').first();
  await expect(hit).toContainText('#1');
  await expect(hit).toContainText(QUOTE);
  await expect(hit.locator('mark')).toHaveText(WORD);
  await expect(results.getByRole('group', { name: 'Peskov briefing' })).toBeVisible();
  await expect(hit).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute('aria-activedescendant', (await hit.getAttribute('id'))!);

  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`#/project/${project.id}/article/${article.id}$`));
  await expect(editor.getByRole('heading', { name: 'Claim 1' })).toBeVisible();
  await expect(editor.getByLabel('Rationale', { exact: true })).toHaveValue(new RegExp(WORD));

  // Esc closes it; inside another dialog Ctrl+K does nothing.
  await page.keyboard.press('Control+K');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('offers every project’s verdict labels and languages, even of claims never found, and filters by them', async ({ page }) => {
  harness = await startHarnessProcess(makeDataDir('factcheck-search-facets-'));
  const text = readFixture('en-tass-2024-10-21-peskov-dprk.txt');
  // The quote as the library stores the article (its text is normalised on the way in).
  const anchorIn = (stored: string) => createAnchor(stored, stored.indexOf(QUOTE), stored.indexOf(QUOTE) + QUOTE.length);
  const articleIn = async (title: string, language: string) => {
    const project = await callApi<{ id: string }>(harness, 'projects.create', { title });
    const article = await callApi<{ id: string; text: string }>(harness, 'articles.create', {
      projectId: project.id, title, outlet: 'TASS', author: '', url: '', publishedDate: '2024-10-21', language, direction: 'ltr', text,
    });
    return { project, article };
  };
  const seen = await articleIn('Seen briefing', 'en');
  await callApi(harness, 'claims.create', { articleId: seen.article.id, anchor: anchorIn(seen.article.text), fields: { statement: 'Wombat exports doubled' } });
  // Another project, its own scale (PolitiFact's), a Russian article; its claim has another word.
  const unseen = await articleIn('Unseen briefing', 'ru');
  const scale = await callApi<{ id: string; label: string }[]>(harness, 'verdicts.applyPreset', { projectId: unseen.project.id, preset: 'politifact' });
  const pants = scale.find((verdict) => verdict.label === 'Pants on Fire')!;
  await callApi(harness, 'claims.create', { articleId: unseen.article.id, anchor: anchorIn(unseen.article.text), fields: { statement: 'Wombat imports tripled overnight', verdictId: pants.id } });

  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`${harness.url}/#/`);
  await expect(page.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await page.keyboard.press('Control+K');
  const dialog = page.getByRole('dialog', { name: 'Search library' });
  const box = dialog.getByRole('combobox', { name: 'Search library' });
  await box.fill('exports');
  const results = dialog.getByRole('listbox', { name: 'Search results' });
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results.getByRole('group', { name: 'Unseen briefing' })).toHaveCount(0);

  // The unseen project's label and language are offered all the same.
  const verdict = dialog.getByLabel('Verdict');
  await expect(verdict.getByRole('option', { name: 'Pants on Fire' })).toHaveCount(1);
  await expect(dialog.getByLabel('Language').getByRole('option', { name: 'Russian (ru)' })).toHaveCount(1);

  await verdict.selectOption('Pants on Fire');
  await expect(dialog.getByRole('status')).toHaveText('Nothing found.');
  await box.fill('wombat');
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results.getByRole('group', { name: 'Unseen briefing' })).toBeVisible();
  await expect(results.getByRole('option').first()).toContainText('Wombat imports tripled overnight');
});
