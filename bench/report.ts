/**
 * Report figures (not a test): the time to render a 500-claim report to HTML, and to print it to
 * PDF beside Chromium printing a plain HTML file of the same size: the ratio is the cost of the
 * report's layout (tables, break rules, chips, scripts) over the bare print. Goal: under 2×.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Article, Claim, ProjectData, Settings, Source, Verdict } from '../shared/domain';
import { renderReportHtml } from '../shared/report/html';
import { SCALE_PRESETS } from '../shared/scales/presets';
import { PDF_HEADER_TEMPLATE, PRINT_MARGINS, pdfFooterTemplate } from '../shared/report/print';
import { createPlaywrightPrinter } from '../main/reports/playwrightPrinter';
import { CHROMIUM_ARGS, findChromium, systemChromiumPath } from '../main/reports/sharedChromium';

const CLAIMS = 500;

const SENTENCES = [
  'The ministry said spending on roads rose by 12% last year, the largest increase in a decade.',
  'Officials told reporters that the programme would be completed by 2026 at the latest.',
  'According to the statistics office, inflation in the region reached 9.4% over the year.',
  'The spokesman added that no decision had been taken on the deployment of further troops.',
  'Critics said the figures left out the cost of maintenance, which is paid from another budget.',
];

/** A project as large as a busy desk's: one long article, 500 claims, three sources each. */
export function syntheticProject(claimCount = CLAIMS): ProjectData {
  const now = '2024-10-22T08:00:00.000Z';
  const projectId = randomUUID();
  const verdicts: Verdict[] = SCALE_PRESETS[0]!.verdicts.map((fields, position) => ({
    ...fields,
    id: randomUUID(),
    projectId,
    position,
    createdAt: now,
    updatedAt: now,
  }));
  const paragraphs: string[] = [];
  const spans: { start: number; end: number }[] = [];
  let length = 0;
  for (let i = 0; i < claimCount; i++) {
    const sentence = `${SENTENCES[i % SENTENCES.length]!.slice(0, -1)} (item ${i + 1}).`;
    const paragraph = `Paragraph ${i + 1} opens with context. ${sentence} It closes with a quote from a resident.`;
    const start = length + paragraph.indexOf(sentence);
    spans.push({ start, end: start + sentence.length - 1 });
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  const text = paragraphs.join('\n\n');
  const article: Article = {
    id: randomUUID(),
    projectId,
    title: 'City budget: what the council said',
    outlet: 'The Daily Example',
    author: 'A. Reporter',
    url: 'https://news.example/budget',
    publishedDate: '2024-10-21',
    language: 'en',
    direction: 'ltr',
    text,
    createdAt: now,
    updatedAt: now,
  };
  const claims: Claim[] = [];
  const sources: Source[] = [];
  spans.forEach(({ start, end }, i) => {
    const exact = text.slice(start, end);
    const id = randomUUID();
    claims.push({
      id,
      projectId,
      articleId: article.id,
      number: i + 1,
      anchor: {
        start,
        end,
        exact,
        prefix: text.slice(Math.max(0, start - 32), start),
        suffix: text.slice(end, end + 32),
      },
      anchorState: 'anchored',
      quoteChangedFrom: '',
      approval: { by: '', at: '', seal: '' },
      claimantType: '',
      assignee: '',
      statement: exact,
      claimant: i % 3 === 0 ? 'Ministry of Finance' : 'Council spokesman Jan Novak',
      claimDate: '2024-10-21',
      verdictId: i % 11 === 0 ? null : verdicts[i % verdicts.length]!.id,
      rationale: `The budget documents show a different figure [1]. The statistics office publishes the series monthly [2], and the council's own minutes record the decision [3].\n\n${'We compared the figures line by line with the published tables. '.repeat(6)}`,
      status: i % 4 === 0 ? 'in_review' : 'approved',
      tags: [],
      createdAt: now,
      updatedAt: now,
    });
    for (let n = 0; n < 3; n++) {
      sources.push({
        id: randomUUID(),
        claimId: id,
        position: n,
        url: `https://data.example/source/${i}/${n}`,
        title: `Published table ${n + 1} for item ${i + 1}`,
        publisher: ['Statistics office', 'City council', 'Ministry of Finance'][n]!,
        publishedDate: '2024-10-01',
        accessedDate: '2024-10-22',
        archivedUrl: '',
        excerpt: '',
        note: '',
        createdAt: now,
        updatedAt: now,
      });
    }
  });
  return {
    project: {
      id: projectId,
      title: 'City budget check',
      description: 'Every figure in the council’s budget statement, checked.',
      nextClaimNumber: CLAIMS + 1,
      secondPairOfEyes: false,
      createdAt: now,
      updatedAt: now,
    },
    verdicts,
    articles: [article],
    claims,
    sources,
    teamNotes: [],
    corrections: [],
    publications: [],
  };
}

const SETTINGS: Settings = {
  authorName: 'Bench',
  organisationName: 'Bench Desk',
  organisationLogo: '',
  reportBaseUrl: '',
  dateFormat: 'system',
};

/** Plain HTML of about `bytes` bytes: paragraphs of text, no styles, no tables. */
export function plainHtmlOfSize(bytes: number): string {
  const head =
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Plain</title></head><body>\n';
  const paragraph = `<p>${SENTENCES.join(' ')}</p>\n`;
  const count = Math.max(1, Math.round((bytes - head.length) / paragraph.length));
  return `${head}${paragraph.repeat(count)}</body></html>\n`;
}

/**
 * CPU time (ms) used so far by this process's child processes (Chromium's browser, renderer and GPU
 * processes), from /proc; null where there is no /proc. Wall time on a busy machine swings a lot;
 * the CPU Chromium spends on a print is the steadier figure.
 */
function chromiumCpuMs(): number | null {
  if (!fs.existsSync('/proc/self/stat')) return null;
  const parents = new Map<number, number>();
  const times = new Map<number, number>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(name), Number(fields[1]));
      times.set(Number(name), Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended while we looked.
    }
  }
  let ticks = 0;
  for (const [pid, time] of times) {
    let ancestor = parents.get(pid);
    while (ancestor !== undefined && ancestor !== process.pid && ancestor > 1)
      ancestor = parents.get(ancestor);
    if (ancestor === process.pid) ticks += time;
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchReport(): Promise<void> {
  const data = syntheticProject();
  const now = new Date('2024-10-25T09:30:00Z');
  renderReportHtml(data, SETTINGS, {}, now); // warm-up
  const renders: number[] = [];
  let html = '';
  for (let i = 0; i < 7; i++) {
    const start = process.hrtime.bigint();
    html = renderReportHtml(data, SETTINGS, {}, now);
    renders.push(ms(start));
  }
  const size = Buffer.byteLength(html);
  console.log(
    `report: HTML render of ${CLAIMS} claims: ${median(renders).toFixed(1)} ms (median of 7), ${(size / 1024).toFixed(0)} KiB`,
  );

  const chromium = await findChromium();
  if (!chromium) {
    console.log('report: PDF figures skipped: no Chromium found (set CHROMIUM_PATH).');
    return;
  }
  const printer = createPlaywrightPrinter();
  try {
    await printer.print('<!DOCTYPE html><p>warm-up</p>', { pageSize: 'A4', footerTitle: 'warm-up' });
    const plain = plainHtmlOfSize(size);
    const runs = 3;
    const plainTimes: number[] = [];
    const reportTimes: number[] = [];
    let plainPages = 0;
    let reportPages = 0;
    for (let i = 0; i < runs; i++) {
      let start = process.hrtime.bigint();
      plainPages = pageCount(await printer.print(plain, { pageSize: 'A4', footerTitle: 'Plain' }));
      plainTimes.push(ms(start));
      start = process.hrtime.bigint();
      reportPages = pageCount(await printer.print(html, { pageSize: 'A4', footerTitle: data.project.title }));
      reportTimes.push(ms(start));
    }
    const plainMs = median(plainTimes);
    const reportMs = median(reportTimes);
    console.log(
      `report: PDF of the ${CLAIMS}-claim report: ${reportMs.toFixed(0)} ms, ${reportPages} pages (median of ${runs}; load, fonts and print, ${chromium})`,
    );
    console.log(`report: PDF of plain HTML of the same size: ${plainMs.toFixed(0)} ms, ${plainPages} pages`);
    console.log(
      `report: ratio report/plain (wall time): ${(reportMs / plainMs).toFixed(2)}× (goal: under 2×)`,
    );
    await cpuFigures(html, plain);
  } finally {
    await printer.close();
  }
}

/** page.pdf() alone, in Chromium CPU time: the figure that holds still when other work shares the machine. */
async function cpuFigures(reportHtml: string, plainHtml: string): Promise<void> {
  if (chromiumCpuMs() === null) return;
  const { chromium } = await import('playwright-core');
  const executablePath = systemChromiumPath();
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: CHROMIUM_ARGS,
  });
  try {
    const printOnce = async (html: string) => {
      const page = await browser.newPage({ javaScriptEnabled: false });
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready.then(() => true)');
      const before = chromiumCpuMs()!;
      await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: PDF_HEADER_TEMPLATE,
        footerTemplate: pdfFooterTemplate('Bench'),
        margin: { ...PRINT_MARGINS },
      });
      const used = chromiumCpuMs()! - before;
      await page.close();
      return used;
    };
    const report: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < 3; i++) {
      plain.push(await printOnce(plainHtml));
      report.push(await printOnce(reportHtml));
    }
    const reportCpu = median(report);
    const plainCpu = median(plain);
    console.log(
      `report: page.pdf() in Chromium CPU time: report ${reportCpu.toFixed(0)} ms vs plain ${plainCpu.toFixed(0)} ms, ratio ${(reportCpu / plainCpu).toFixed(2)}× (steadier than wall time on a busy machine)`,
    );
  } finally {
    await browser.close();
  }
}
