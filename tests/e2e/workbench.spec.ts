/** End-to-end tests of the claim workbench (issue 3), in Chromium through the harness, as a user works. */
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  callApi,
  makeDataDir,
  readFixture,
  startHarnessProcess,
  type RunningHarness,
} from '../support/harnessProcess';

export interface FixtureArticle {
  file: string;
  title: string;
  outlet: string;
  published: string;
}

export const TASS: FixtureArticle = {
  file: 'en-tass-2024-10-21-peskov-dprk.txt',
  title: 'Peskov: Russia–DPRK cooperation not directed against others',
  outlet: 'TASS',
  published: '2024-10-21',
};
export const RU: FixtureArticle = {
  file: 'ru-sample-budget.txt',
  title: 'Бюджет Самары на 2025 год',
  outlet: 'Самарские вести',
  published: '2024-11-14',
};
export const KO: FixtureArticle = {
  file: 'ko-sample-energy.txt',
  title: '정부 "내년 원전 비중 35% 넘을 것"',
  outlet: '연합',
  published: '2024-03-08',
};
export const AR: FixtureArticle = {
  file: 'ar-sample-water.txt',
  title: 'الوزير: إنتاج المياه المحلاة سيتضاعف بحلول 2030',
  outlet: 'الرأي',
  published: '2024-05-21',
};

export async function createProject(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Project title').fill(title);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

/** Pastes an article through the "Add article" form, as a user would. */
export async function addArticle(
  page: Page,
  article: FixtureArticle,
  text = readFixture(article.file),
): Promise<void> {
  const form = page.getByRole('form', { name: 'Add article' });
  if (!(await form.isVisible())) await page.getByRole('button', { name: 'Add article' }).click();
  await form.getByLabel('Article text').fill(text);
  await form.getByLabel('Title', { exact: true }).fill(article.title);
  await form.getByLabel('Outlet').fill(article.outlet);
  await form.getByLabel('Published').fill(article.published);
  await page.getByRole('button', { name: 'Save article' }).click();
  await expect(page.getByRole('region', { name: 'Article' }).locator('[data-s]').first()).toBeVisible();
}

export const articleRegion = (page: Page): Locator => page.getByRole('region', { name: 'Article' });
export const claimList = (page: Page): Locator => page.getByRole('list', { name: 'Claims', exact: true });

/**
 * Selects the `nth` occurrence of `quote` in the article by dragging the mouse from just inside its
 * first character to just inside its last one (right to left in RTL text). `trimStart`/`trimEnd`
 * move the ends inward by that many characters (a ragged selection that snapping must fix).
 */
export async function dragSelect(
  page: Page,
  quote: string,
  options: { nth?: number; trimStart?: number; trimEnd?: number } = {},
): Promise<void> {
  const { nth = 0, trimStart = 0, trimEnd = 0 } = options;
  const find = async () =>
    page.evaluate(
      ({ quote, nth, trimStart, trimEnd }) => {
        const body = document.querySelector('[data-wb-article]')!;
        const segments = [...body.querySelectorAll<HTMLElement>('[data-s]')];
        let text = '';
        for (const segment of segments) {
          const start = Number(segment.dataset.s);
          while (text.length < start) text += '\n';
          text += segment.textContent;
        }
        let at = -1;
        for (let i = 0; i <= nth; i++) at = text.indexOf(quote, at + 1);
        if (at < 0) throw new Error(`Not in the article: ${quote}`);
        const from = at + trimStart;
        const to = at + quote.length - trimEnd;
        const locate = (offset: number) => {
          for (const segment of segments) {
            const start = Number(segment.dataset.s);
            const node = segment.firstChild as Text;
            if (offset >= start && offset < start + node.length) return { node, offset: offset - start };
          }
          throw new Error(`No segment holds ${offset}`);
        };
        const first = locate(from);
        const last = locate(to - 1);
        first.node.parentElement!.scrollIntoView({ block: 'center' });
        return { first, last };
      },
      { quote, nth, trimStart, trimEnd },
    );
  await find();
  // Let content-visibility lay out what scrolled into view.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  const points = await page.evaluate(
    ({ quote, nth, trimStart, trimEnd }) => {
      const body = document.querySelector('[data-wb-article]')!;
      const segments = [...body.querySelectorAll<HTMLElement>('[data-s]')];
      let text = '';
      for (const segment of segments) {
        const start = Number(segment.dataset.s);
        while (text.length < start) text += '\n';
        text += segment.textContent;
      }
      let at = -1;
      for (let i = 0; i <= nth; i++) at = text.indexOf(quote, at + 1);
      const from = at + trimStart;
      const to = at + quote.length - trimEnd;
      const locate = (offset: number) => {
        for (const segment of segments) {
          const start = Number(segment.dataset.s);
          const node = segment.firstChild as Text;
          if (offset >= start && offset < start + node.length) return { node, offset: offset - start };
        }
        throw new Error(`No segment holds ${offset}`);
      };
      const rectOf = ({ node, offset }: { node: Text; offset: number }) => {
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        return range.getClientRects()[0] ?? range.getBoundingClientRect();
      };
      const first = locate(from);
      const last = locate(to - 1);
      const a = rectOf(first);
      const b = rectOf(last);
      const rtl = getComputedStyle(first.node.parentElement!).direction === 'rtl';
      return {
        x1: rtl ? a.right - 1 : a.left + 1,
        y1: a.top + a.height / 2,
        x2: rtl ? b.left + 1 : b.right - 1,
        y2: b.top + b.height / 2,
      };
    },
    { quote, nth, trimStart, trimEnd },
  );
  await page.mouse.move(points.x1, points.y1);
  await page.mouse.down();
  await page.mouse.move((points.x1 + points.x2) / 2, (points.y1 + points.y2) / 2, { steps: 4 });
  await page.mouse.move(points.x2, points.y2, { steps: 4 });
  await page.mouse.up();
}

/** Selects `quote` and marks it with the toolbar button; answers the new claim's id. */
export async function markWithMouse(
  page: Page,
  quote: string,
  options: { nth?: number; trimStart?: number; trimEnd?: number } = {},
): Promise<string> {
  const items = claimList(page).getByRole('button');
  const before = await items.count();
  const current = claimList(page).locator('[aria-current="true"]');
  const previous = (await current.count()) > 0 ? await current.getAttribute('data-claim-id') : null;
  await dragSelect(page, quote, options);
  await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Mark claim' }).click();
  // The panel follows the reading view a moment later (a deferred render): wait for the new claim.
  await expect(items).toHaveCount(before + 1);
  if (previous) await expect(current).not.toHaveAttribute('data-claim-id', previous);
  return selectedClaimId(page);
}

/** The id of the claim the panel has selected (the list item marked current). */
export async function selectedClaimId(page: Page): Promise<string> {
  const current = claimList(page).locator('[aria-current="true"]');
  await expect(current).toHaveCount(1);
  return (await current.getAttribute('data-claim-id'))!;
}

/** The text of a claim's highlight in the reading view (all its segments, across paragraphs). */
export async function highlightText(page: Page, claimId: string): Promise<string[]> {
  return articleRegion(page)
    .locator('p')
    .evaluateAll(
      (paragraphs, id) =>
        paragraphs
          .map((p) =>
            [...p.querySelectorAll<HTMLElement>('mark[data-c]')]
              .filter((mark) => mark.dataset.c!.split(' ').includes(id))
              .map((mark) => mark.textContent)
              .join(''),
          )
          .filter((text) => text.length > 0),
      claimId,
    );
}

export interface ClaimInput {
  claimant: string;
  verdict: string;
  status?: string;
  rationale: string;
  source?: { url: string; title: string };
}

/** Fills the open claim editor as a user would. */
export async function fillClaim(page: Page, input: ClaimInput): Promise<void> {
  const editor = claimEditor(page);
  await editor.getByLabel('Claimant', { exact: true }).fill(input.claimant);
  await editor.getByLabel('Verdict', { exact: true }).selectOption({ label: input.verdict });
  if (input.status) await editor.getByLabel('Status', { exact: true }).selectOption({ label: input.status });
  await editor.getByLabel('Rationale', { exact: true }).fill(input.rationale);
  if (input.source) {
    await editor.getByRole('button', { name: 'Add source' }).click();
    const url = editor.getByLabel('Source URL', { exact: true }).last();
    await expect(url).toBeFocused();
    await url.fill(input.source.url);
    await editor.getByLabel('Source title', { exact: true }).last().fill(input.source.title);
  }
  await waitForSaves(page);
}

export const claimEditor = (page: Page): Locator => page.locator('.claim-editor');

/** Every field has saved (nothing pending, nothing in flight). */
export async function waitForSaves(page: Page): Promise<void> {
  await expect(page.locator('.field-status', { hasText: 'Saving…' })).toHaveCount(0);
}

export async function openClaim(page: Page, number: number): Promise<void> {
  await claimList(page)
    .getByRole('button', { name: new RegExp(`^Claim ${number}:`) })
    .click();
  await expect(claimEditor(page).getByRole('heading', { name: `Claim ${number}` })).toBeVisible();
}

let harness: RunningHarness;
test.afterEach(async () => {
  await harness?.stop();
});

async function openApp(page: Page, query = ''): Promise<void> {
  harness = await startHarnessProcess(makeDataDir());
  await page.goto(`${harness.url}/${query}`);
}

test('mark six claims in the TASS article (overlapping, nested, across paragraphs), research them, and find all after a reload', async ({
  page,
}) => {
  await openApp(page);
  await callApi(harness, 'settings.update', { authorName: 'Ana Checker' });
  await createProject(page, 'Peskov briefing');
  await addArticle(page, TASS);

  const claims: { quote: string; input: ClaimInput; options?: { trimStart?: number; trimEnd?: number } }[] = [
    {
      quote: 'Cooperation between Russia and North Korea is not directed against other countries',
      input: {
        claimant: 'Dmitry Peskov',
        verdict: 'Misleading',
        status: 'Researching',
        rationale: 'The treaty of June 2024 includes **mutual military assistance**.',
        source: { url: 'https://tass.com/politics/1859999', title: 'TASS report' },
      },
    },
    {
      // Overlaps the first claim; the drag starts and ends mid-word and is snapped to whole words.
      quote: 'is not directed against other countries, so it should not cause concern',
      options: { trimStart: 1, trimEnd: 2 },
      input: {
        claimant: 'Dmitry Peskov',
        verdict: 'Unverifiable',
        rationale: 'An opinion about concern.',
        source: { url: 'https://en.kremlin.ru/', title: 'Kremlin transcript' },
      },
    },
    {
      quote: 'North Korea is our close neighbor, our partner',
      input: {
        claimant: 'Dmitry Peskov',
        verdict: 'True',
        rationale: 'Russia and North Korea share a 17 km border.',
        source: { url: 'https://www.britannica.com/place/North-Korea', title: 'Britannica: North Korea' },
      },
    },
    {
      // Nested inside the third claim.
      quote: 'our close neighbor',
      input: {
        claimant: 'Dmitry Peskov',
        verdict: 'Mostly true',
        rationale: 'Neighbour: yes; close: a short border.',
        source: { url: 'https://example.org/border', title: 'Border length' },
      },
    },
    {
      // Crosses from the second paragraph into the third.
      quote: 'This is our sovereign right," the spokesman emphasized.\n\n"This should not worry anyone',
      input: {
        claimant: 'Dmitry Peskov',
        verdict: 'Half true',
        rationale: '- A right under the UN Charter\n- but sanctions apply',
        source: { url: 'https://www.un.org/en/about-us/un-charter', title: 'UN Charter' },
      },
    },
    {
      quote: 'serious escalation',
      input: {
        claimant: 'Mark Rutte',
        verdict: 'False',
        status: 'In review',
        rationale: 'Rutte called it a serious escalation; the quote is his.',
        source: { url: 'https://www.nato.int/', title: 'NATO press conference' },
      },
    },
  ];

  const ids: string[] = [];
  for (const [index, claim] of claims.entries()) {
    const id = await markWithMouse(page, claim.quote, claim.options);
    ids.push(id);
    // The new claim opens in the editor, ready for its claimant.
    await expect(claimEditor(page).getByLabel('Claimant', { exact: true })).toBeFocused();
    await expect(claimEditor(page).getByLabel('Claim', { exact: true })).toHaveValue(claim.quote);
    await fillClaim(page, claim.input);
    expect(await highlightText(page, id), `claim ${index + 1}`).toEqual(claim.quote.split('\n\n'));
    // Claimants already used are suggested.
    await expect(page.locator(`datalist option[value="${claim.input.claimant}"]`)).toHaveCount(1);
  }

  await expect(claimList(page).getByRole('button')).toHaveCount(6);
  await waitForSaves(page);
  await page.reload();

  // Reading order: by position, the outer claim before the one nested in it.
  const expectedOrder = [0, 1, 2, 3, 4, 5];
  const items = claimList(page).getByRole('button');
  await expect(items).toHaveCount(6);
  for (const [position, index] of expectedOrder.entries()) {
    const claim = claims[index]!;
    await expect(items.nth(position)).toContainText(`Claim ${position + 1}:`);
    await expect(items.nth(position)).toContainText(claim.input.verdict);
    await expect(items.nth(position)).toContainText(claim.input.claimant);
    expect(await highlightText(page, ids[index]!)).toEqual(claim.quote.split('\n\n'));
  }
  for (const [position, index] of expectedOrder.entries()) {
    const claim = claims[index]!;
    await openClaim(page, position + 1);
    const editor = claimEditor(page);
    await expect(editor.getByLabel('Claimant', { exact: true })).toHaveValue(claim.input.claimant);
    await expect(editor.getByLabel('Verdict', { exact: true }).locator('option:checked')).toHaveText(
      claim.input.verdict,
    );
    await expect(editor.getByLabel('Rationale', { exact: true })).toHaveValue(claim.input.rationale);
    await expect(editor.getByLabel('Source URL', { exact: true })).toHaveValue(claim.input.source!.url);
    await expect(editor.getByLabel('Source title', { exact: true })).toHaveValue(claim.input.source!.title);
    await expect(editor.getByRole('link', { name: 'Open source 1' })).toHaveAttribute(
      'href',
      claim.input.source!.url,
    );
  }

  // Overlapping and nested claims are both visible: segments covered by two claims are drawn deeper.
  const region = articleRegion(page);
  await expect(region.locator(`mark.hl-d2[data-c~="${ids[0]}"][data-c~="${ids[1]}"]`)).toHaveText(
    'is not directed against other countries',
  );
  await expect(region.locator(`mark.hl-d2[data-c="${ids[3]} ${ids[2]}"]`)).toHaveText('our close neighbor');
  // Hovering shows the verdict.
  const nested = region.locator(`mark[data-c="${ids[3]} ${ids[2]}"]`);
  await nested.hover();
  await expect(nested).toHaveAttribute('title', 'Verdicts: Mostly true · True (2 claims)');
  await expect(region.locator(`mark[data-c="${ids[5]}"]`)).toHaveAttribute('title', 'Verdict: False');

  // Clicking a nested highlight picks the innermost claim; clicking again, the one around it.
  await page.getByRole('button', { name: /^Claim 1:/ }).click();
  await nested.click();
  await expect(claimEditor(page).getByRole('heading', { name: 'Claim 4' })).toBeVisible();
  await nested.click();
  await expect(claimEditor(page).getByRole('heading', { name: 'Claim 3' })).toBeVisible();

  // The history records who changed what.
  await openClaim(page, 6);
  await claimEditor(page).getByText('History').click();
  const history = claimEditor(page).getByRole('list', { name: 'History of this claim' });
  await expect(history).toContainText('Verdict: Not yet rated → False');
  await expect(history).toContainText('Status: Unchecked → In review');
  await expect(history).toContainText('Source added');
  await expect(history).toContainText('Ana Checker');

  // Progress in the header follows.
  const progress = page.getByRole('definition').filter({ hasText: /^\d+$/ });
  await expect(page.locator('.progress-researching dd')).toHaveText('1');
  await expect(page.locator('.progress-in_review dd')).toHaveText('1');
  await expect(page.locator('.progress-unchecked dd')).toHaveText('4');
  expect(await progress.count()).toBeGreaterThan(0);
  await page.screenshot({ path: test.info().outputPath('e2e-tass.png') });
});

test('mark and research claims in Russian, Korean and Arabic (right to left) articles; all of it survives a reload', async ({
  page,
}) => {
  await openApp(page);
  await createProject(page, 'Three languages');
  const cases: {
    article: FixtureArticle;
    dir: 'ltr' | 'rtl';
    claims: { quote: string; input: ClaimInput }[];
  }[] = [
    {
      article: RU,
      dir: 'ltr',
      claims: [
        {
          quote: 'бюджет на 2025 год объёмом 48,2 млрд рублей',
          input: {
            claimant: 'Игорь Власов',
            verdict: 'True',
            rationale: 'Решение совета от 14 ноября.',
            source: { url: 'https://example.org/samara/budget', title: 'Решение совета' },
          },
        },
        {
          quote: 'расходы на дороги составят 6,1 млрд рублей',
          input: {
            claimant: 'Игорь Власов',
            verdict: 'Half true',
            rationale: 'В проекте бюджета — 5,8 млрд.',
            source: { url: 'https://example.org/samara/roads', title: 'Проект бюджета' },
          },
        },
      ],
    },
    {
      article: KO,
      dir: 'ltr',
      claims: [
        {
          quote: '원전 비중은 2022년 29.6%에서 꾸준히 늘고 있다',
          input: {
            claimant: '박민수',
            verdict: 'Mostly true',
            rationale: '전력거래소 통계 확인.',
            source: { url: 'https://example.org/kpx', title: '전력통계' },
          },
        },
        {
          quote: '재생에너지 비중은 아직 10%에도 못 미친다',
          input: {
            claimant: '녹색연대',
            verdict: 'True',
            rationale: '2023년 9.6%.',
            source: { url: 'https://example.org/re', title: '재생에너지 통계' },
          },
        },
      ],
    },
    {
      article: AR,
      dir: 'rtl',
      claims: [
        {
          quote: 'إنتاج المياه المحلاة في البلاد سيتضاعف',
          input: {
            claimant: 'خالد النمر',
            verdict: 'Unverifiable',
            rationale: 'لا توجد خطة منشورة.',
            source: { url: 'https://example.org/water', title: 'وزارة المياه' },
          },
        },
        {
          quote: 'الحكومة وعدت بالمشروع نفسه',
          input: {
            claimant: 'سلمى الحوراني',
            verdict: 'True',
            rationale: 'أُعلن المشروع عام 2018.',
            source: { url: 'https://example.org/2018', title: 'أرشيف 2018' },
          },
        },
      ],
    },
  ];
  const ids = new Map<string, string>();
  for (const { article, dir, claims } of cases) {
    await addArticle(page, article);
    await expect(articleRegion(page)).toHaveAttribute('dir', dir);
    for (const claim of claims) {
      const id = await markWithMouse(page, claim.quote);
      ids.set(claim.quote, id);
      await fillClaim(page, claim.input);
      expect(await highlightText(page, id)).toEqual([claim.quote]);
    }
  }
  await page.screenshot({ path: test.info().outputPath('e2e-arabic.png') });
  await page.reload();
  // Claim numbers are the project's, given as the claims were marked: they go on across articles.
  let number = 0;
  for (const { article, dir, claims } of cases) {
    await page
      .getByRole('navigation', { name: 'Articles' })
      .getByRole('button', { name: article.title })
      .click();
    await expect(articleRegion(page)).toHaveAttribute('dir', dir);
    await expect(claimList(page).getByRole('button')).toHaveCount(claims.length);
    for (const claim of claims) {
      expect(await highlightText(page, ids.get(claim.quote)!)).toEqual([claim.quote]);
      await openClaim(page, ++number);
      const editor = claimEditor(page);
      await expect(editor.getByLabel('Claim', { exact: true })).toHaveValue(claim.quote);
      await expect(editor.getByLabel('Claimant', { exact: true })).toHaveValue(claim.input.claimant);
      await expect(editor.getByLabel('Verdict', { exact: true }).locator('option:checked')).toHaveText(
        claim.input.verdict,
      );
      await expect(editor.getByLabel('Rationale', { exact: true })).toHaveValue(claim.input.rationale);
      await expect(editor.getByLabel('Source title', { exact: true })).toHaveValue(claim.input.source!.title);
    }
  }
});

test('editing the article text: claims follow their quotes (exact and fuzzy), a lost one is listed and re-attached; undo restores', async ({
  page,
}) => {
  await openApp(page);
  await createProject(page, 'Corrections');
  await addArticle(page, TASS);
  const escalation = await markWithMouse(page, 'serious escalation');
  await fillClaim(page, { claimant: 'Mark Rutte', verdict: 'False', rationale: 'His words.' });
  const neighbour = await markWithMouse(page, 'North Korea is our close neighbor, our partner');
  const bogus = await markWithMouse(page, 'nothing but another bogus');
  await claimEditor(page).getByLabel('Claimant', { exact: true }).fill('Dmitry Peskov');
  await waitForSaves(page);

  await page.getByRole('button', { name: 'Edit text' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit article text' });
  const textBox = dialog.getByLabel('Article text');
  const original = await textBox.inputValue();
  const corrected = ('Correction appended on 22 October.\n\n' + original)
    .replace(
      'North Korea is our close neighbor, our partner',
      'North Korea is our close neighbour, our partner',
    )
    .replace('nothing but another bogus', 'a fabrication');
  await textBox.fill(corrected);
  await dialog.getByRole('button', { name: 'Save text' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 of 3 claims need re-anchoring' })).toBeVisible();

  // Exact: the same quote, moved. Fuzzy: the corrected spelling. Neither is dropped.
  expect(await highlightText(page, escalation)).toEqual(['serious escalation']);
  expect(await highlightText(page, neighbour)).toEqual(['North Korea is our close neighbour, our partner']);
  expect(await highlightText(page, bogus)).toEqual([]);
  await expect(claimList(page).getByRole('button')).toHaveCount(2);
  const orphans = page.getByRole('list', { name: 'Needs re-anchoring' });
  await expect(orphans).toContainText('“nothing but another bogus”');

  // Re-attach it by selecting the new text.
  await orphans.getByRole('button', { name: /^Re-attach/ }).click();
  await dragSelect(page, 'a fabrication');
  await page
    .getByRole('toolbar', { name: 'Selection' })
    .getByRole('button', { name: /^Attach to/ })
    .click();
  await expect(orphans).toHaveCount(0);
  await expect(claimList(page).getByRole('button')).toHaveCount(3);
  expect(await highlightText(page, bogus)).toEqual(['a fabrication']);
  await expect(claimEditor(page).getByLabel('Claimant', { exact: true })).toHaveValue('Dmitry Peskov');

  // Undo the re-attachment, then the text edit: the old text and the old places.
  await articleRegion(page).locator('[data-wb-article]').focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('list', { name: 'Needs re-anchoring' })).toContainText(
    'nothing but another bogus',
  );
  await page.keyboard.press('Control+z');
  await expect(articleRegion(page)).not.toContainText('Correction appended');
  expect(await highlightText(page, bogus)).toEqual(['nothing but another bogus']);
  expect(await highlightText(page, neighbour)).toEqual(['North Korea is our close neighbor, our partner']);
  await expect(page.getByRole('list', { name: 'Needs re-anchoring' })).toHaveCount(0);
  // Redo brings the correction back.
  await page.keyboard.press('Control+Shift+z');
  await expect(articleRegion(page)).toContainText('Correction appended');
  await page.reload();
  await expect(articleRegion(page)).toContainText('Correction appended');
  await expect(page.getByRole('list', { name: 'Needs re-anchoring' })).toContainText(
    'nothing but another bogus',
  );
});

test('undo and redo across marking, editing and deleting, with Ctrl+Z and Shift+Ctrl+Z', async ({ page }) => {
  await openApp(page);
  await createProject(page, 'Undo');
  await addArticle(page, TASS);
  const first = await markWithMouse(page, 'serious escalation');
  await fillClaim(page, {
    claimant: 'Mark Rutte',
    verdict: 'False',
    rationale: 'First rationale.',
    source: { url: 'https://www.nato.int/', title: 'NATO' },
  });
  const second = await markWithMouse(page, 'nothing but another bogus');
  const body = articleRegion(page).locator('[data-wb-article]');
  await body.focus();

  // Undo marking the second claim; redo brings it back with the same id.
  await page.keyboard.press('Control+z');
  await expect(claimList(page).getByRole('button')).toHaveCount(1);
  expect(await highlightText(page, second)).toEqual([]);
  await page.keyboard.press('Control+Shift+z');
  await expect(claimList(page).getByRole('button')).toHaveCount(2);
  expect(await highlightText(page, second)).toEqual(['nothing but another bogus']);

  // Delete the first claim (with its source), then undo: everything is back.
  await openClaim(page, 1);
  await claimEditor(page).getByRole('button', { name: 'Delete claim' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Claim 1 deleted' })).toBeVisible();
  await expect(claimList(page).getByRole('button')).toHaveCount(1);
  await body.focus();
  await page.keyboard.press('Control+z');
  await expect(claimList(page).getByRole('button')).toHaveCount(2);
  await openClaim(page, 1);
  await expect(claimEditor(page).getByLabel('Claimant', { exact: true })).toHaveValue('Mark Rutte');
  await expect(claimEditor(page).getByLabel('Source title', { exact: true })).toHaveValue('NATO');
  expect(await highlightText(page, first)).toEqual(['serious escalation']);

  // Editing: typing is one step; the field follows undo and redo.
  const rationale = claimEditor(page).getByLabel('Rationale', { exact: true });
  await rationale.fill('Second rationale.');
  await waitForSaves(page);
  await body.focus();
  await page.keyboard.press('Control+z');
  await expect(rationale).toHaveValue('First rationale.');
  await page.keyboard.press('Control+Shift+z');
  await expect(rationale).toHaveValue('Second rationale.');
  // The header's buttons do the same.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(rationale).toHaveValue('First rationale.');
  await page.reload();
  await openClaim(page, 1);
  await expect(claimEditor(page).getByLabel('Rationale', { exact: true })).toHaveValue('First rationale.');
});

test('the whole loop by keyboard: select, M, claimant, verdict by number, J/K, /, Delete and undo, ? for help', async ({
  page,
}) => {
  await openApp(page);
  await createProject(page, 'Keyboard');
  await addArticle(page, TASS);
  const body = page.getByRole('textbox', { name: /^Article text \(read only\)/ });

  // Marking with nothing selected explains what to do.
  await body.focus();
  await page.keyboard.press('m');
  await expect(
    page.getByRole('alert').filter({ hasText: 'Select some text in the article first' }),
  ).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('e2e-hint.png') });

  // Caret at the start; Shift+Right selects ("date 2024-10-21 MOSCOW" is 22 characters); M marks; the claimant is next.
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 22; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('m');
  const claimant = claimEditor(page).getByLabel('Claimant', { exact: true });
  await expect(claimant).toBeFocused();
  await expect(claimEditor(page).getByLabel('Claim', { exact: true })).toHaveValue('date 2024-10-21 MOSCOW');
  // Typing in a field never triggers shortcuts (j, k, m, 1 are text here).
  await page.keyboard.type('TASS 1 jkm');
  await expect(claimant).toHaveValue('TASS 1 jkm');
  await page.keyboard.press('Escape');
  await expect(body).toBeFocused();
  // 5 = the fifth verdict of the scale (False).
  await page.keyboard.press('5');
  await expect(claimEditor(page).getByLabel('Verdict', { exact: true }).locator('option:checked')).toHaveText(
    'False',
  );

  // A second claim, from the keyboard again (Escape left the caret at the start of claim 1): move
  // to "October" and select "October 2", which is snapped to the whole words "October 21".
  for (let i = 0; i < 24; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 9; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('m');
  await expect(claimEditor(page).getByLabel('Claim', { exact: true })).toHaveValue('October 21');
  await page.keyboard.press('Escape');
  await page.keyboard.press('1');
  await expect(claimList(page).getByRole('button', { name: /^Claim 2:/ })).toContainText('True');

  // J and K move between claims.
  await page.keyboard.press('k');
  await expect(claimEditor(page).getByRole('heading', { name: 'Claim 1' })).toBeVisible();
  await page.keyboard.press('j');
  await expect(claimEditor(page).getByRole('heading', { name: 'Claim 2' })).toBeVisible();

  // Delete removes the claim; Ctrl+Z brings it back.
  await page.keyboard.press('Delete');
  await expect(claimList(page).getByRole('button')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(claimList(page).getByRole('button')).toHaveCount(2);

  // / focuses the filter.
  await body.focus();
  await page.keyboard.press('/');
  const filter = page.getByRole('searchbox', { name: 'Filter claims by text' });
  await expect(filter).toBeFocused();
  await page.keyboard.type('moscow');
  await expect(claimList(page).getByRole('button')).toHaveCount(1);
  await filter.fill('');

  // ? shows the shortcuts.
  await body.focus();
  await page.keyboard.press('Shift+?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Next claim');
  await page.screenshot({ path: test.info().outputPath('e2e-help.png') });
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
});

test('bad input: a ragged selection at a highlight’s edge, the same span twice, a 10,000-character claim, javascript: URLs, HTML in a claimant', async ({
  page,
}) => {
  await openApp(page);
  await createProject(page, 'Bad input');
  const long = 'The city budget rose by twelve percent this year, the finance committee said. '
    .repeat(140)
    .trim();
  await addArticle(
    page,
    { file: '', title: 'Long budget story', outlet: 'Test', published: '2024-01-01' },
    `Budget story\n\n${long}\n\nThe mayor promised fifteen new schools by 2026.`,
  );
  await addArticleHelperCheck(page);

  // A selection that starts and ends inside an existing highlight's words is snapped to whole
  // words; here that is exactly the existing claim, so the app asks before making a duplicate.
  const first = await markWithMouse(page, 'fifteen new schools');
  await dragSelect(page, 'fifteen new schools', { trimStart: 3, trimEnd: 2 });
  await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Mark claim' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Mark the same passage again?' });
  await expect(ask).toContainText('is already Claim 1');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(claimList(page).getByRole('button')).toHaveCount(1);
  // Half a word at the highlight's edge plus the next words: a new, overlapping claim of whole words.
  const overlap = await markWithMouse(page, 'schools by 2026', { trimStart: 2 });
  expect(await highlightText(page, overlap)).toEqual(['schools by 2026']);
  await dragSelect(page, 'fifteen new schools');
  await page.keyboard.press('m');
  await ask.getByRole('button', { name: 'Mark again' }).click();
  await expect(claimList(page).getByRole('button')).toHaveCount(3);
  expect(await highlightText(page, first)).toEqual(['fifteen new schools']);

  // A selection longer than 10,000 characters is refused with the limit in the message.
  const body = articleRegion(page).locator('[data-wb-article]');
  await body.focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('m');
  await expect(
    page.getByRole('alert').filter({ hasText: 'A claim can be at most 10,000 characters' }),
  ).toContainText('characters long');
  await expect(claimList(page).getByRole('button')).toHaveCount(3);

  // A restated claim over the limit is refused by main, and the message is shown, never swallowed.
  await openClaim(page, 1);
  const editor = claimEditor(page);
  await editor.getByLabel('Claim', { exact: true }).fill('x'.repeat(10_001));
  await expect(editor.getByRole('alert')).toContainText('A claim can be at most 10000 characters.');
  await editor.getByLabel('Claim', { exact: true }).fill('The mayor promised fifteen new schools.');
  await expect(editor.getByRole('alert')).toHaveCount(0);

  // A javascript: source URL is refused and never becomes a link.
  await editor.getByRole('button', { name: 'Add source' }).click();
  await editor.getByLabel('Source URL', { exact: true }).fill('javascript:alert(1)');
  await expect(editor.getByRole('alert')).toContainText(
    'Enter a web address that starts with http:// or https://.',
  );
  await expect(editor.getByRole('link')).toHaveCount(0);
  await editor.getByLabel('Source URL', { exact: true }).fill('https://example.org/schools');
  await expect(editor.getByRole('link', { name: 'Open source 1' })).toHaveAttribute(
    'href',
    'https://example.org/schools',
  );

  // HTML in a claimant is text.
  const html = '<img src=x onerror="window.pwned=1"><b>Mayor</b>';
  await editor.getByLabel('Claimant', { exact: true }).fill(html);
  await waitForSaves(page);
  await expect(claimList(page).getByRole('button', { name: /^Claim 1:/ })).toContainText(html);
  await page.reload();
  await expect(claimList(page).getByRole('button', { name: /^Claim 1:/ })).toContainText(html);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  await expect(page.locator('.claims-panel img, .claims-panel b')).toHaveCount(0);
});

async function addArticleHelperCheck(page: Page) {
  await expect(articleRegion(page)).toContainText('fifteen new schools');
}

test('deleting an article that has claims asks first; the claims go with it and undo brings all back', async ({
  page,
}) => {
  await openApp(page);
  // Approving records who approved.
  await callApi(harness, 'settings.update', { authorName: 'Ana Checker' });
  await createProject(page, 'Delete article');
  await addArticle(page, TASS);
  await markWithMouse(page, 'serious escalation');
  await fillClaim(page, {
    claimant: 'Mark Rutte',
    verdict: 'False',
    rationale: 'Checked.',
    source: { url: 'https://www.nato.int/', title: 'NATO' },
  });
  // Approved last: a change to what it publishes afterwards would send it back to review.
  await claimEditor(page).getByLabel('Status', { exact: true }).selectOption({ label: 'Approved' });
  await waitForSaves(page);
  await markWithMouse(page, 'nothing but another bogus');
  await expect(page.locator('.progress-approved dd')).toHaveText('1');

  await page.getByRole('button', { name: 'Delete article' }).click();
  const ask = page.getByRole('alertdialog', { name: /^Delete “Peskov/ });
  await expect(ask).toContainText('Its 2 claims');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(articleRegion(page)).toBeVisible();
  await page.getByRole('button', { name: 'Delete article' }).click();
  await ask.getByRole('button', { name: 'Delete article' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'and its 2 claims' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Articles' }).getByRole('button', { name: TASS.title }),
  ).toHaveCount(0);
  await expect(page.locator('.progress-approved dd')).toHaveText('0');

  // The add-article form now has the focus (its text box keeps its own Ctrl+Z): the header's Undo.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(claimList(page).getByRole('button')).toHaveCount(2);
  await expect(page.locator('.progress-approved dd')).toHaveText('1');
  await openClaim(page, 1);
  await expect(claimEditor(page).getByLabel('Source title', { exact: true })).toHaveValue('NATO');
  await page.reload();
  await expect(claimList(page).getByRole('button')).toHaveCount(2);
});

test('typing in Rationale does not re-render the article; marking re-renders only the paragraphs it touches', async ({
  page,
}) => {
  await openApp(page, '?renderCounts=1');
  await createProject(page, 'Render counts');
  await addArticle(page, TASS);
  await markWithMouse(page, 'serious escalation');
  await page.getByLabel('Rationale', { exact: true }).click();
  await waitForSaves(page);
  const counts = () => page.evaluate(() => ({ ...window.__renderCounts }));
  const before = await counts();
  await page
    .getByLabel('Rationale', { exact: true })
    .pressSequentially('Rutte said it at a press conference in Brussels.', { delay: 15 });
  await expect(page.locator('.field-status', { hasText: 'Saved' })).toBeVisible();
  const after = await counts();
  expect(after.ReadingView).toBe(before.ReadingView);
  expect(after.Paragraph).toBe(before.Paragraph);

  const paragraphs = await articleRegion(page).locator('p').count();
  expect(paragraphs).toBeGreaterThan(6);
  await page.locator('.claim-editor').getByRole('button', { name: 'Delete claim' }).click();
  await expect(claimList(page)).toHaveCount(0);
  const beforeMark = await counts();
  await markWithMouse(page, 'North Korea is our close neighbor');
  const afterMark = await counts();
  // One paragraph holds the new claim; it renders for the new highlight and for the selection.
  expect(afterMark.Paragraph! - beforeMark.Paragraph!).toBeGreaterThanOrEqual(1);
  expect(afterMark.Paragraph! - beforeMark.Paragraph!).toBeLessThanOrEqual(2);
});

test('a failed save is shown with its reason and can be retried', async ({ page }) => {
  await openApp(page);
  await createProject(page, 'Failures');
  await addArticle(page, TASS);
  await markWithMouse(page, 'serious escalation');
  await page.route('**/api/claims.update', (route) => route.abort());
  const claimant = claimEditor(page).getByLabel('Claimant', { exact: true });
  await claimant.fill('Mark Rutte');
  const alert = claimEditor(page).getByRole('alert');
  await expect(alert).toContainText('could not reach its storage');
  await expect(claimant).toHaveValue('Mark Rutte');
  await page.unroute('**/api/claims.update');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(claimEditor(page).getByText('Saved')).toBeVisible();
  await page.reload();
  await expect(claimList(page).getByRole('button', { name: /^Claim 1:/ })).toContainText('Mark Rutte');
});

test('the verdict scale: presets, rename, recolour, reorder, add, and a verdict in use needs a replacement', async ({
  page,
}) => {
  await openApp(page);
  await createProject(page, 'Scales');
  await addArticle(page, TASS);
  const id = await markWithMouse(page, 'serious escalation');
  await fillClaim(page, { claimant: 'Mark Rutte', verdict: 'False', rationale: 'x' });

  await page.getByRole('button', { name: 'Verdict scale' }).click();
  const dialog = page.getByRole('dialog', { name: 'Verdict scale' });
  const scale = dialog.getByRole('list', { name: 'Verdicts' });
  await expect(scale.getByRole('listitem')).toHaveCount(7);
  await expect(dialog.getByText('1 claim')).toBeVisible();

  // A preset that lacks a verdict in use is refused with the reason.
  await dialog.getByLabel('Preset').selectOption({ label: 'Conclusion only (Full Fact style)' });
  await dialog.getByRole('button', { name: 'Apply preset' }).click();
  await page
    .getByRole('alertdialog', { name: 'Replace the scale?' })
    .getByRole('button', { name: 'Apply preset' })
    .click();
  await expect(dialog.getByRole('alert')).toContainText('“False” is used by 1 claim and');

  // Rename and recolour "False" (verdict 5), give it a rating value, move it to the top.
  await dialog.getByLabel('Verdict 5 label').fill('Wrong');
  await dialog.getByLabel('Verdict 5 colour').fill('#123456');
  await dialog.getByLabel('Verdict 5 rating value').fill('0');
  await expect(dialog.getByText('Saving…')).toHaveCount(0);
  for (let i = 0; i < 4; i++) await dialog.getByRole('button', { name: 'Move Wrong up' }).click();
  await expect(dialog.getByLabel('Verdict 1 label')).toHaveValue('Wrong');
  await dialog.getByRole('button', { name: 'Add verdict' }).click();
  await expect(dialog.getByLabel('Verdict 8 label')).toBeFocused();
  await dialog.getByLabel('Verdict 8 label').fill('Satire');
  await expect(dialog.getByText('Saving…')).toHaveCount(0);

  // The highlight follows the new colour; the claim shows the new label.
  const mark = articleRegion(page).locator(`mark[data-c="${id}"]`);
  await expect(mark).toHaveAttribute('title', 'Verdict: Wrong');
  expect(await mark.evaluate((element) => element.style.getPropertyValue('--c1'))).toBe('#123456');

  // Deleting the verdict in use asks for its replacement.
  await dialog.getByRole('button', { name: 'Delete Wrong' }).click();
  const replace = page.getByRole('alertdialog', { name: 'Delete “Wrong”?' });
  await replace.getByLabel('Replacement verdict').selectOption({ label: 'Mostly false' });
  await replace.getByRole('button', { name: 'Delete and replace' }).click();
  await expect(scale.getByRole('listitem')).toHaveCount(7);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(mark).toHaveAttribute('title', 'Verdict: Mostly false');
  // Shortcut numbers follow the order: 1 is now "True" again.
  await articleRegion(page).locator('[data-wb-article]').focus();
  await page.keyboard.press('1');
  await expect(mark).toHaveAttribute('title', 'Verdict: True');
  await page.reload();
  await expect(articleRegion(page).locator(`mark[data-c="${id}"]`)).toHaveAttribute('title', 'Verdict: True');
});
