/**
 * Workbench figures (not tests): a 20,000-word article with 2,000 claims, in Chromium through the
 * harness. Time to first render of the reading view, and time from "Mark claim" to the new
 * highlight on screen (median of 20), each beside the same article with no highlights.
 * Assumes `npm run build` ran (it uses dist/main/harness/cli.js and dist/renderer).
 */
import { chromium, type Page } from 'playwright-core';
import {
  callApi,
  makeDataDir,
  startHarnessProcess,
  type RunningHarness,
} from '../tests/support/harnessProcess';
import { formatMs, ratio } from './timing';

const WORDS = 20_000;
const CLAIMS = 2_000;
const WORDS_PER_PARAGRAPH = 60;
const RENDER_RUNS = 5;
const MARK_RUNS = 20;

const VOCABULARY = (
  'the minister said budget rose by percent in last year according to official data spokesman told reporters ' +
  'cooperation between countries is not directed against others council approved spending on roads schools ' +
  'hospitals inflation reached record level opposition deputy argued growth was eaten by prices government promised'
).split(' ');

interface Article {
  text: string;
  /** Word spans [start, end) in UTF-16 offsets. */
  words: [number, number][];
}

function makeArticle(): Article {
  const words: [number, number][] = [];
  let text = '';
  for (let i = 0; i < WORDS; i++) {
    if (i > 0) text += i % WORDS_PER_PARAGRAPH === 0 ? '.\n\n' : ' ';
    const word = VOCABULARY[(i * 7 + Math.floor(i / 13)) % VOCABULARY.length]!;
    words.push([text.length, text.length + word.length]);
    text += word;
  }
  return { text: text + '.', words };
}

/** Claim i covers words 10i … 10i+3 (and every 5th one reaches into the next claim: overlaps). */
function claimSpans(article: Article): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < CLAIMS; i++) {
    const first = i * 10;
    const last = Math.min(article.words.length - 1, first + (i % 5 === 0 ? 12 : 3));
    spans.push([article.words[first]![0], article.words[last]![1]]);
  }
  return spans;
}

/** Spans to mark during the run: words 10i+6 … 10i+7, never the start of an existing claim. */
function markSpans(article: Article): [number, number][] {
  const spans: [number, number][] = [];
  for (let k = 0; k < MARK_RUNS; k++) {
    const i = 40 + k * 83;
    spans.push([article.words[i * 10 + 6]![0], article.words[i * 10 + 7]![1]]);
  }
  return spans;
}

async function seed(harness: RunningHarness, article: Article) {
  const project = await callApi<{ id: string }>(harness, 'projects.create', { title: 'Workbench bench' });
  const create = (title: string) =>
    callApi<{ id: string; text: string }>(harness, 'articles.create', {
      projectId: project.id,
      title,
      outlet: 'Bench',
      author: '',
      url: '',
      publishedDate: '',
      language: 'en',
      direction: 'ltr',
      text: article.text,
    });
  const withClaims = await create('With 2,000 claims');
  const plain = await create('No claims');
  if (withClaims.text !== article.text) throw new Error('The bench article changed on the way in.');
  const verdicts = (
    await callApi<{ verdicts: { id: string }[] }>(harness, 'projects.get', { id: project.id })
  ).verdicts;
  const spans = claimSpans(article);
  const started = performance.now();
  for (const [index, [start, end]] of spans.entries()) {
    await callApi(harness, 'claims.create', {
      articleId: withClaims.id,
      anchor: { start, end, exact: article.text.slice(start, end), prefix: '', suffix: '' },
      fields: { verdictId: index % 3 === 0 ? null : verdicts[index % verdicts.length]!.id },
    });
  }
  console.log(`seeded ${spans.length} claims through the API in ${formatMs(performance.now() - started)}`);
  return { projectId: project.id, withClaims: withClaims.id, plain: plain.id };
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Code that runs in the page. Kept as source text: bench/ is type-checked without the DOM library
 * (it belongs to the Node side), and these functions only make sense in the browser.
 */
const IN_PAGE = {
  /** Clicks the article in the list; resolves when its highlights are drawn, and after the next frame. */
  firstRender: `async ({ title, highlights }) => {
    const button = [...document.querySelectorAll('.article-link')].find((candidate) => candidate.textContent.includes(title));
    const ready = () => {
      const body = document.querySelector('[data-wb-article]');
      return body !== null && body.dataset.highlights === String(highlights) && body.querySelector('[data-s]') !== null;
    };
    const start = performance.now();
    button.click();
    await new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (ready()) { observer.disconnect(); resolve(); }
      });
      observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    });
    const dom = performance.now() - start;
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return { dom, painted: performance.now() - start, marks: document.querySelectorAll('mark[data-c]').length };
  }`,
  /** Selects [start, end) of the article text in the reading view. */
  select: `({ start, end }) => {
    const body = document.querySelector('[data-wb-article]');
    const point = (offset, atEnd) => {
      for (const segment of body.querySelectorAll('[data-s]')) {
        const from = Number(segment.dataset.s);
        const node = segment.firstChild;
        if (atEnd ? offset > from && offset <= from + node.length : offset >= from && offset < from + node.length) return { node, offset: offset - from };
      }
      throw new Error('offset ' + offset + ' not found');
    };
    const a = point(start, false);
    const b = point(end, true);
    a.node.parentElement.scrollIntoView({ block: 'center' });
    document.getSelection().setBaseAndExtent(a.node, a.offset, b.node, b.offset);
  }`,
  /** Clicks "Mark claim"; resolves when the highlight starting at \`start\` is drawn, and after the next frame. */
  mark: `async (start) => {
    const before = (window.__renderCounts && window.__renderCounts.Paragraph) || 0;
    const button = [...document.querySelectorAll('.selection-toolbar button')].find((candidate) => candidate.textContent.startsWith('Mark claim'));
    const drawn = () => document.querySelector('[data-wb-article] mark[data-s="' + start + '"]') !== null;
    const t0 = performance.now();
    button.click();
    await new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (drawn()) { observer.disconnect(); resolve(); }
      });
      observer.observe(document.querySelector('[data-wb-article]'), { childList: true, subtree: true });
    });
    const dom = performance.now() - t0;
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return { dom, painted: performance.now() - t0, paragraphs: ((window.__renderCounts && window.__renderCounts.Paragraph) || 0) - before };
  }`,
};

const inPage = <T>(page: Page, fn: string, arg: unknown): Promise<T> =>
  page.evaluate(`(${fn})(${JSON.stringify(arg)})`) as Promise<T>;

interface Timing {
  dom: number;
  painted: number;
}

/** Opens the project (no article), then clicks the article and times until its highlights are drawn and painted. */
async function timeFirstRender(
  page: Page,
  url: string,
  projectId: string,
  title: string,
  highlights: number,
) {
  await page.goto(`${url}/?renderCounts=1#/project/${projectId}`);
  await page.getByRole('button', { name: title }).waitFor();
  return inPage<Timing & { marks: number }>(page, IN_PAGE.firstRender, { title, highlights });
}

/** Selects [start, end) in the reading view, clicks "Mark claim", and times until the highlight is drawn and painted. */
async function timeMark(page: Page, start: number, end: number) {
  // A person takes a while between two marks: let the previous one settle (its progress refresh runs 200 ms later).
  await page.waitForTimeout(400);
  await inPage(page, IN_PAGE.select, { start, end });
  await page
    .getByRole('toolbar', { name: 'Selection' })
    .getByRole('button', { name: 'Mark claim' })
    .waitFor();
  const result = await inPage<Timing & { paragraphs: number }>(page, IN_PAGE.mark, start);
  // The panel catches up (deferred render; the new claim's "Claimant" takes the focus) before the next run.
  await page.locator('.claim-editor :focus').waitFor();
  return result;
}

export async function benchWorkbench(): Promise<void> {
  const article = makeArticle();
  console.log(
    `article: ${WORDS.toLocaleString('en')} words, ${article.text.length.toLocaleString('en')} characters, ${Math.ceil(WORDS / WORDS_PER_PARAGRAPH)} paragraphs`,
  );
  const harness = await startHarnessProcess(makeDataDir('factcheck-bench-wb-'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const ids = await seed(harness, article);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });

    const render = async (title: string, highlights: number) => {
      const runs = [];
      for (let i = 0; i < RENDER_RUNS; i++)
        runs.push(await timeFirstRender(page, harness.url, ids.projectId, title, highlights));
      return {
        dom: median(runs.map((run) => run.dom)),
        painted: median(runs.map((run) => run.painted)),
        marks: runs[0]!.marks,
      };
    };
    const plainRender = await render('No claims', 0);
    const claimsRender = await render('With 2,000 claims', CLAIMS);
    console.log(
      `first render of the reading view (median of ${RENDER_RUNS}, from the click on the article, including loading it):`,
    );
    console.log(
      `  no highlights:            ${formatMs(plainRender.dom)} drawn, ${formatMs(plainRender.painted)} painted`,
    );
    console.log(
      `  ${CLAIMS.toLocaleString('en')} claims (${claimsRender.marks.toLocaleString('en')} highlight segments): ${formatMs(claimsRender.dom)} drawn, ${formatMs(claimsRender.painted)} painted  (${ratio(claimsRender.painted, plainRender.painted)} the plain article)`,
    );

    const mark = async (title: string, highlights: number) => {
      await timeFirstRender(page, harness.url, ids.projectId, title, highlights);
      const runs = [];
      for (const [start, end] of markSpans(article)) runs.push(await timeMark(page, start, end));
      return {
        dom: median(runs.map((run) => run.dom)),
        painted: median(runs.map((run) => run.painted)),
        paragraphs: Math.max(...runs.map((run) => run.paragraphs)),
      };
    };
    const plainMark = await mark('No claims', 0);
    const claimsMark = await mark('With 2,000 claims', CLAIMS);
    console.log(
      `"Mark claim" → new highlight on screen (median of ${MARK_RUNS}; includes the API call that saves it):`,
    );
    console.log(
      `  article with no claims:   ${formatMs(plainMark.dom)} drawn, ${formatMs(plainMark.painted)} painted`,
    );
    console.log(
      `  article with ${CLAIMS.toLocaleString('en')} claims: ${formatMs(claimsMark.dom)} drawn, ${formatMs(claimsMark.painted)} painted  (${ratio(claimsMark.painted, plainMark.painted)} the plain article; goal < 50 ms)`,
    );
    console.log(
      `  paragraphs re-rendered per mark: at most ${claimsMark.paragraphs} of ${Math.ceil(WORDS / WORDS_PER_PARAGRAPH)}`,
    );
  } finally {
    await browser.close();
    await harness.stop();
  }
}
