/**
 * Keyboard safety (issue 9): single-key shortcuts act only while the article or the claims list has
 * focus. A click on a blank spot of the claim editor followed by typing "2024" changes nothing; a
 * verdict set by a number in the claims list says what changed (and that an approved claim is back
 * in review) and can be undone from the notice; a key held down acts once.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { makeDataDir, readFixture, startHarnessProcess, type RunningHarness } from '../support/harnessProcess';

let harness: RunningHarness;
test.afterEach(async () => {
  await harness?.stop();
});

const TASS = {
  file: 'en-tass-2024-10-21-peskov-dprk.txt',
  title: 'Peskov: Russia–DPRK cooperation not directed against others',
  outlet: 'TASS',
  published: '2024-10-21',
};

const claimList = (page: Page): Locator => page.getByRole('list', { name: 'Claims', exact: true });
const listItem = (page: Page, number: number): Locator =>
  claimList(page).getByRole('button', { name: new RegExp(`^Claim ${number}:`) });
const articleText = (page: Page): Locator => page.getByRole('textbox', { name: /^Article text \(read only\)/ });
const editor = (page: Page, number: number): Locator => page.getByRole('region', { name: `Claim ${number}`, exact: true });
const checked = (select: Locator): Locator => select.locator('option:checked');

async function setAuthorName(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Your name').fill(name);
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings).toHaveCount(0);
}

async function createProjectWithArticle(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Project title').fill('Keyboard safety');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Keyboard safety' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Add article' });
  if (!(await form.isVisible())) await page.getByRole('button', { name: 'Add article' }).click();
  await form.getByLabel('Article text').fill(readFixture(TASS.file));
  await form.getByLabel('Title', { exact: true }).fill(TASS.title);
  await form.getByLabel('Outlet').fill(TASS.outlet);
  await form.getByLabel('Published').fill(TASS.published);
  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(articleText(page)).toBeVisible();
}

/** Selects `quote` (inside one paragraph) in the article text and presses M there, as a keyboard user would. */
async function markByKeyboard(page: Page, quote: string, number: number): Promise<void> {
  await articleText(page).focus();
  await articleText(page).evaluate((body, quote) => {
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    const nodes: { node: Text; start: number }[] = [];
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push({ node: node as Text, start: text.length });
      text += node.textContent;
    }
    const at = text.indexOf(quote);
    if (at < 0) throw new Error(`Not in the article: ${quote}`);
    const locate = (offset: number) => {
      let hit = nodes[0]!;
      for (const entry of nodes) if (entry.start <= offset) hit = entry;
      return [hit.node, offset - hit.start] as const;
    };
    const range = document.createRange();
    range.setStart(...locate(at));
    range.setEnd(...locate(at + quote.length));
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  }, quote);
  await page.keyboard.press('m');
  await expect(listItem(page, number)).toBeVisible();
  await expect(editor(page, number)).toBeVisible();
  // M puts the caret in the claimant; Escape goes back to the article.
  await page.keyboard.press('Escape');
  await expect(articleText(page)).toBeFocused();
}

/** Every field has saved (nothing pending, nothing in flight). */
async function waitForSaves(page: Page): Promise<void> {
  await expect(page.locator('.field-status', { hasText: 'Saving…' })).toHaveCount(0);
}

/** Types as a user would, then gives anything the keys might have started time to reach main and back. */
async function typeAndSettle(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text);
  await page.waitForTimeout(500);
  await waitForSaves(page);
}

test('shortcuts act only in the article and the claims list; a verdict change by number says so and undoes', async ({
  page,
}) => {
  harness = await startHarnessProcess(makeDataDir('factcheck-keys-'));
  await page.goto(`${harness.url}/`);
  // Approving records who approved: main refuses an approval without a name.
  await setAuthorName(page, 'Ana Checker');
  await createProjectWithArticle(page);

  await markByKeyboard(page, 'Cooperation between Russia and North Korea is not directed against other countries', 1);
  const claim = editor(page, 1);
  const verdict = claim.getByLabel('Verdict', { exact: true });
  const status = claim.getByLabel('Status', { exact: true });
  // A source first (a source added later would itself withdraw the approval), then the verdict and the approval.
  await claim.getByRole('button', { name: 'Add source' }).click();
  await claim.getByLabel('Source URL', { exact: true }).fill('https://tass.com/politics/1859999');
  await claim.getByLabel('Source title', { exact: true }).fill('TASS report');
  await waitForSaves(page);
  await verdict.selectOption({ label: 'False' });
  await waitForSaves(page);
  await status.selectOption({ label: 'Approved' });
  await waitForSaves(page);
  await expect(checked(status)).toHaveText('Approved');
  await expect(listItem(page, 1)).toContainText('Approved');

  // A click on the editor's heading, then "2024": nothing changes.
  await claim.getByRole('heading', { name: 'Claim 1' }).click();
  await expect(claim.locator(':focus')).toHaveCount(0);
  await typeAndSettle(page, '2024');
  await expect(checked(verdict)).toHaveText('False');
  await expect(checked(status)).toHaveText('Approved');

  // A click on the padding of a source box, then "2024": nothing changes either.
  const source = claim.getByRole('group', { name: /^Source 1/ });
  const box = (await source.boundingBox())!;
  await source.click({ position: { x: 4, y: box.height - 4 } });
  await expect(claim.locator(':focus')).toHaveCount(0);
  await typeAndSettle(page, '2024');
  await expect(checked(verdict)).toHaveText('False');
  await expect(checked(status)).toHaveText('Approved');
  await expect(listItem(page, 1)).toContainText('False');
  await expect(listItem(page, 1)).toContainText('Approved');
  // Nor did J, K, M, E or Delete act from there.
  await typeAndSettle(page, 'jkme');
  await page.keyboard.press('Delete');
  await expect(claimList(page).getByRole('button')).toHaveCount(1);
  await expect(checked(verdict)).toHaveText('False');

  // In the claims list a number sets the verdict; the notice names the claim, the old and the new
  // verdict, and says the approved claim is back in review.
  await listItem(page, 1).click();
  await expect(listItem(page, 1)).toBeFocused();
  await page.keyboard.press('2');
  const notice = page
    .getByRole('status')
    .filter({ hasText: 'Claim 1: verdict changed from False to Mostly true.' });
  await expect(notice).toContainText('It was approved, so it is back In review.');
  await expect(checked(verdict)).toHaveText('Mostly true');
  await expect(checked(status)).toHaveText('In review');
  await expect(listItem(page, 1)).toContainText('In review');

  // Undo in the notice restores the old verdict (the approval is not given back: someone approves again).
  await page.getByRole('button', { name: 'Undo the verdict change of Claim 1' }).click();
  await expect(checked(verdict)).toHaveText('False');
  await expect(page.getByRole('status').filter({ hasText: 'Claim 1: verdict back to False.' })).toBeVisible();
  await expect(checked(status)).toHaveText('In review');
  await expect(listItem(page, 1)).toBeFocused();
  await page.reload();
  await listItem(page, 1).click();
  await expect(checked(editor(page, 1).getByLabel('Verdict', { exact: true }))).toHaveText('False');
});

test('a key held down acts once: holding Delete removes one claim, holding J moves one claim', async ({ page }) => {
  harness = await startHarnessProcess(makeDataDir('factcheck-keys-'));
  await page.goto(`${harness.url}/`);
  await createProjectWithArticle(page);
  await markByKeyboard(page, 'Cooperation between Russia and North Korea', 1);
  await markByKeyboard(page, 'North Korea is our close neighbor', 2);
  await markByKeyboard(page, 'This is our sovereign right', 3);
  const items = claimList(page).getByRole('button');
  await expect(items).toHaveCount(3);

  // J held down in the list (the browser repeats it): one step, from Claim 1 to Claim 2.
  await listItem(page, 1).click();
  await expect(editor(page, 1)).toBeVisible();
  await page.keyboard.down('j');
  await expect(editor(page, 2)).toBeVisible();
  for (let i = 0; i < 5; i++) await page.keyboard.down('j');
  await page.keyboard.up('j');
  await page.waitForTimeout(300);
  await expect(editor(page, 2)).toBeVisible();
  await expect(listItem(page, 2)).toHaveAttribute('aria-current', 'true');

  // Delete held down in the article: one claim goes, not all of them.
  await articleText(page).focus();
  await page.keyboard.down('Delete');
  await expect(items).toHaveCount(2);
  for (let i = 0; i < 5; i++) await page.keyboard.down('Delete');
  await page.keyboard.up('Delete');
  await page.waitForTimeout(500);
  await expect(items).toHaveCount(2);

  // A number held down sets the verdict once: one undo step brings back "Not yet rated".
  await listItem(page, 1).click();
  await page.keyboard.down('5');
  await expect(page.getByRole('status').filter({ hasText: 'verdict changed from Not yet rated to False' })).toBeVisible();
  for (let i = 0; i < 5; i++) await page.keyboard.down('5');
  await page.keyboard.up('5');
  await page.waitForTimeout(300);
  await expect(page.getByRole('status').filter({ hasText: 'is already' })).toHaveCount(0);
  await expect(listItem(page, 1)).toContainText('False');
});
