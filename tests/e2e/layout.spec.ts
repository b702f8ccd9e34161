/**
 * The workbench fits the screen and the keyboard (issue 12, items 1, 5 and 6): no page scroll from
 * 1280×720 up, a claims list that shows claims, a resizable and remembered list/editor split, a skip
 * link, Esc that cancels a rename, focus back after dialogs, and Find in the article.
 */
import { expect, test, type Page } from '@playwright/test';
import { createAnchor } from '../../shared/anchoring';
import {
  callApi,
  makeDataDir,
  readFixture,
  startHarnessProcess,
  type RunningHarness,
} from '../support/harnessProcess';

let harness: RunningHarness;
test.beforeEach(async () => {
  harness = await startHarnessProcess(makeDataDir('factcheck-layout-'));
});
test.afterEach(async () => {
  await harness?.stop();
});

interface Seeded {
  projectId: string;
  articleId: string;
}

/** A project with one article and `claimCount` claims, one per word from the start, made through the API. */
async function seed(text: string, claimCount: number): Promise<Seeded> {
  const project = await callApi<{ id: string }>(harness, 'projects.create', { title: 'Layout check' });
  const article = await callApi<{ id: string; text: string }>(harness, 'articles.create', {
    projectId: project.id,
    title: 'Peskov on DPRK',
    outlet: 'TASS',
    author: '',
    url: '',
    publishedDate: '2024-10-21',
    language: 'en',
    direction: 'ltr',
    text,
  });
  const words = [...article.text.matchAll(/\p{L}+/gu)];
  expect(words.length).toBeGreaterThanOrEqual(claimCount);
  const requests = words.slice(0, claimCount).map((word) => ({
    articleId: article.id,
    anchor: createAnchor(article.text, word.index, word.index + word[0].length),
    fields: { claimant: 'Dmitry Peskov' },
  }));
  // A few calls at a time: quicker than one by one, gentle on the harness.
  for (let at = 0; at < requests.length; at += 16)
    await Promise.all(requests.slice(at, at + 16).map((request) => callApi(harness, 'claims.create', request)));
  return { projectId: project.id, articleId: article.id };
}

async function openArticle(page: Page, { projectId, articleId }: Seeded, query = ''): Promise<void> {
  await page.goto(`${harness.url}/${query}#/project/${projectId}/article/${articleId}`);
  await expect(page.getByRole('region', { name: 'Article' }).locator('[data-s]').first()).toBeVisible();
}

const claimList = (page: Page) => page.getByRole('list', { name: 'Claims', exact: true });
const separator = (page: Page) => page.getByRole('separator', { name: /Resize the claims list/ });

/** The page itself never scrolls: only its regions do. */
async function expectNoPageScroll(page: Page): Promise<void> {
  const sizes = await page.evaluate(() => ({
    scrollHeight: document.scrollingElement!.scrollHeight,
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerHeight: window.innerHeight,
    innerWidth: window.innerWidth,
  }));
  expect(sizes.scrollHeight).toBeLessThanOrEqual(sizes.innerHeight);
  expect(sizes.scrollWidth).toBeLessThanOrEqual(sizes.innerWidth);
}

/** How many claims of the list are wholly inside the list's visible box. */
async function claimsInView(page: Page): Promise<number> {
  return claimList(page).evaluate((list) => {
    const box = list.getBoundingClientRect();
    return [...list.querySelectorAll('[data-claim-id]')].filter((item) => {
      const rect = item.getBoundingClientRect();
      return rect.height > 0 && rect.top >= box.top - 1 && rect.bottom <= box.bottom + 1;
    }).length;
  });
}

for (const [width, height] of [
  [1280, 720],
  [1440, 900],
  [1920, 1080],
] as const) {
  test(`at ${width}×${height} the page does not scroll and the list shows at least five claims`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize({ width, height });
    const seeded = await seed(readFixture('en-tass-2024-10-21-peskov-dprk.txt'), 30);
    await openArticle(page, seeded);
    await expect(claimList(page).getByRole('button')).toHaveCount(30);
    await expectNoPageScroll(page);
    expect(await claimsInView(page)).toBeGreaterThanOrEqual(5);
    // No claim open: the list fills the panel (it reaches the panel's bottom edge).
    const gap = await page.evaluate(() => {
      const panel = document.querySelector('.claims-panel')!.getBoundingClientRect();
      const list = document.querySelector('.claim-list')!.getBoundingClientRect();
      return panel.bottom - list.bottom;
    });
    expect(gap).toBeLessThan(4);
    await page.screenshot({ path: testInfo.outputPath(`workbench-${width}x${height}-list.png`) });

    await claimList(page).getByRole('button', { name: /^Claim 3:/ }).click();
    await expect(page.locator('.claim-editor').getByRole('heading', { name: 'Claim 3' })).toBeVisible();
    await expectNoPageScroll(page);
    await expect(separator(page)).toBeVisible();
    expect(await claimsInView(page)).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: testInfo.outputPath(`workbench-${width}x${height}-editor.png`) });
  });
}

test('wide screens give the claims panel more room', async ({ page }) => {
  const seeded = await seed(readFixture('en-tass-2024-10-21-peskov-dprk.txt'), 3);
  const panelWidth = async (width: number, height: number) => {
    await page.setViewportSize({ width, height });
    return page.getByRole('complementary', { name: 'Claim panel' }).evaluate((panel) => panel.getBoundingClientRect().width);
  };
  await openArticle(page, seeded);
  const narrow = await panelWidth(1280, 720);
  const wide = await panelWidth(1920, 1080);
  expect(narrow).toBeGreaterThanOrEqual(360);
  expect(wide).toBeGreaterThan(narrow + 120);
});

test('the list/editor split moves with the keyboard and a drag, and is remembered after a reload', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const seeded = await seed(readFixture('en-tass-2024-10-21-peskov-dprk.txt'), 12);
  await openArticle(page, seeded);
  await claimList(page).getByRole('button', { name: /^Claim 1:/ }).click();
  const split = separator(page);
  await expect(split).toHaveAttribute('aria-orientation', 'horizontal');
  const start = Number(await split.getAttribute('aria-valuenow'));
  const listHeight = () => page.locator('.claims-top').evaluate((top) => top.getBoundingClientRect().height);
  const before = await listHeight();
  await split.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(split).toHaveAttribute('aria-valuenow', String(start + 10));
  expect(await listHeight()).toBeGreaterThan(before + 40);
  await expectNoPageScroll(page);

  await page.reload();
  await claimList(page).getByRole('button', { name: /^Claim 1:/ }).click();
  await expect(separator(page)).toHaveAttribute('aria-valuenow', String(start + 10));

  // A pointer drag up to a quarter of the panel.
  const box = (await separator(page).boundingBox())!;
  const panel = (await page.getByRole('complementary', { name: 'Claim panel' }).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, panel.y + panel.height * 0.25, { steps: 5 });
  await page.mouse.up();
  const dragged = Number(await separator(page).getAttribute('aria-valuenow'));
  expect(Math.abs(dragged - 25)).toBeLessThanOrEqual(2);
});

test('resizing the panel with 2,000 claims does not re-render the article', async ({ page }) => {
  test.setTimeout(180_000);
  const text = Array.from({ length: 8 }, () => readFixture('en-tass-2024-10-21-peskov-dprk.txt')).join('\n\n');
  const seeded = await seed(text, 2000);
  await openArticle(page, seeded, '?renderCounts=1');
  await expect(claimList(page).getByRole('button')).toHaveCount(2000);
  await claimList(page).getByRole('button', { name: /^Claim 1:/ }).click();
  await expect(page.locator('.claim-editor').getByRole('heading', { name: 'Claim 1' })).toBeVisible();
  const counts = () => page.evaluate(() => ({ ...window.__renderCounts }));
  const before = await counts();
  expect(before.ReadingView).toBeGreaterThan(0);
  const start = await separator(page).getAttribute('aria-valuenow');
  await separator(page).focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
  const box = (await separator(page).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y - 120, { steps: 8 });
  await page.mouse.up();
  await expect(separator(page)).not.toHaveAttribute('aria-valuenow', start!);
  const after = await counts();
  expect(after.ReadingView).toBe(before.ReadingView);
  expect(after.Paragraph).toBe(before.Paragraph);
});

test('the skip link reaches the article in one Tab and Enter', async ({ page }) => {
  const seeded = await seed(readFixture('en-tass-2024-10-21-peskov-dprk.txt'), 2);
  await openArticle(page, seeded);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Article' }).locator('[data-s]').first()).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to article' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: /^Article text/ })).toBeFocused();
});

test('Esc cancels a rename and brings the old title back', async ({ page }) => {
  await callApi(harness, 'projects.create', { title: 'Kremlin briefing' });
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Rename Kremlin briefing' }).click();
  const input = page.getByLabel('New title');
  await input.fill('Something else');
  await input.press('Escape');
  await expect(page.getByLabel('New title')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Kremlin briefing', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rename Kremlin briefing' })).toBeFocused();
  await page.getByRole('button', { name: 'Rename Kremlin briefing' }).click();
  await expect(page.getByLabel('New title')).toHaveValue('Kremlin briefing');
});

test('focus goes back to the button that opened a dialog when it closes', async ({ page }) => {
  const seeded = await seed(readFixture('en-tass-2024-10-21-peskov-dprk.txt'), 1);
  await openArticle(page, seeded);
  const opener = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await opener.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(opener).toBeFocused();
});

test('Ctrl+F finds "cafe" in "café", steps through the matches and Esc gives focus back', async ({ page }) => {
  const text =
    // The decomposed é (e + U+0301) is stored composed, as every article's text is.
    'Le café est chaud, dit-il.\n\nUn CAFÉ noir et un cafe\u0301 crème plus tard, rien de neuf.\n\nAu café du coin, Ёлка.';
  const seeded = await seed(text, 1);
  await openArticle(page, seeded, '?renderCounts=1');
  const body = page.getByRole('textbox', { name: /^Article text/ });
  await body.click();
  const renders = () => page.evaluate(() => window.__renderCounts!.Paragraph);
  const paragraphRenders = await renders();
  await page.keyboard.press('ControlOrMeta+f');
  const find = page.getByRole('searchbox', { name: 'Find in article' });
  await expect(find).toBeFocused();
  await find.fill('cafe');
  const count = page.getByRole('search', { name: 'Find in article' }).getByRole('status');
  await expect(count).toHaveText('1 of 4');
  const painted = () =>
    page.evaluate(() => ({
      all: [...(CSS.highlights.get('find-match') ?? [])].map((range) => (range as Range).toString()),
      current: [...(CSS.highlights.get('find-current') ?? [])].map((range) => (range as Range).toString()),
    }));
  await expect.poll(async () => (await painted()).all).toEqual(['café', 'CAFÉ', 'café', 'café']);
  await find.press('Enter');
  await expect(count).toHaveText('2 of 4');
  expect((await painted()).current).toEqual(['CAFÉ']);
  await find.press('Enter');
  await find.press('Enter');
  await find.press('Enter');
  await expect(count).toHaveText('1 of 4');
  await find.press('Shift+Enter');
  await expect(count).toHaveText('4 of 4');
  await page.getByRole('button', { name: 'Previous match' }).click();
  await expect(count).toHaveText('3 of 4');
  // Highlights are painted over the text: no paragraph of the article rendered again.
  expect(await renders()).toBe(paragraphRenders);

  await find.fill('елка');
  await expect(count).toHaveText('1 of 1');
  await find.fill('thé');
  await expect(count).toHaveText('No matches');

  await find.press('Escape');
  await expect(find).toHaveCount(0);
  await expect(body).toBeFocused();
  expect((await painted()).all).toEqual([]);
});
