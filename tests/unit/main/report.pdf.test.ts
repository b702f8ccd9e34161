import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../shared/report/html';
import { exportReportToFile } from '../../../main/reports/exportReport';
import { createPlaywrightPrinter } from '../../../main/reports/playwrightPrinter';
import { findChromium } from '../../../main/reports/sharedChromium';
import { updateClaim } from '../../../main/repositories/claims';
import { loadProjectData } from '../../../main/api/projectQueries';
import { buildProjectData, EVIL } from '../shared/reportSample';
import {
  AR_ARTICLE,
  createSampleProject,
  hasPoppler,
  KO_ARTICLE,
  normaliseExtracted,
  NOW,
  openTempLibrary,
  pdfPageCount,
  pdfPageSize,
  pdfText,
  RU_ARTICLE,
  SAMPLE_SETTINGS,
  TASS_ARTICLE,
  type TestLibrary,
} from './reportFixture';

const chromium = await findChromium();
const poppler = hasPoppler();
// PDF checks need a Chromium to print and poppler-utils to read the result back. Without either
// (a machine with neither /usr/bin/chromium, CHROMIUM_PATH nor Playwright's download), they are
// skipped with this reason rather than failing for something the code did not do.
const skipReason = !chromium
  ? 'no Chromium found (set CHROMIUM_PATH)'
  : !poppler
    ? 'pdftotext/pdfinfo (poppler-utils) not installed'
    : '';
if (skipReason) console.warn(`Skipping the PDF report tests: ${skipReason}.`);

const SLOW = 120_000;

describe.skipIf(skipReason !== '')('PDF report (Chromium print engine)', () => {
  const printer = createPlaywrightPrinter();
  let lib: TestLibrary;
  let out: string;
  beforeAll(() => {
    lib = openTempLibrary();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-pdf-'));
  });
  afterAll(async () => {
    await printer.close();
    lib.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  async function exportPdf(title: string, specs: (typeof TASS_ARTICLE)[], options = {}) {
    const projectId = createSampleProject(lib.ctx, title, specs);
    const file = path.join(out, `${title}.pdf`);
    await exportReportToFile({
      ctx: lib.ctx,
      printer,
      projectId,
      options,
      format: 'pdf',
      filePath: file,
      now: NOW,
    });
    return { file, projectId };
  }

  it(
    'prints the TASS project: every claim, claimant, verdict and source title in reading order, with page numbers',
    async () => {
      const { file, projectId } = await exportPdf('Peskov on North Korean troops', [TASS_ARTICLE]);
      expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
      const pages = pdfPageCount(file);
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(pdfPageSize(file)).toMatch(/^595\.\d+ x 841\.\d+|^595\.\d+ x 842\.\d+/);
      const layout = pdfText(file);
      for (let page = 1; page <= pages; page++) expect(layout).toContain(`Page ${page} of ${pages}`);
      // The report title is in the footer of every page.
      expect(
        layout.split('\f').filter((text) => /Peskov on North Korean troops\s+Page \d+ of \d+/.test(text)),
      ).toHaveLength(pages);

      const text = normaliseExtracted(layout);
      expect(text).toContain('Nordic Fact Desk');
      expect(text).toContain('By Maria Jensen · 25 October 2024 · 6 claims checked');
      let cursor = text.indexOf('The claims in detail');
      expect(cursor).toBeGreaterThan(-1);
      const articleText = loadProjectData(lib.ctx, projectId).articles[0]!.text;
      const inOrder = [...TASS_ARTICLE.claims].sort(
        (a, b) => articleText.indexOf(a.quote) - articleText.indexOf(b.quote),
      );
      inOrder.forEach((spec, index) => {
        const expectNext = (needle: string) => {
          const found = text.indexOf(normaliseExtracted(needle), cursor);
          expect(found, `claim ${index + 1}: “${needle}”`).toBeGreaterThan(-1);
          cursor = found;
        };
        expectNext(`CLAIM ${index + 1}`);
        expectNext(spec.statement ?? spec.quote);
        expectNext(`Claimant: ${spec.claimant}`);
        expectNext(`VERDICT ${spec.verdict ?? 'Not yet rated'}`);
        for (const source of spec.sources) expectNext(source.title!);
      });
      // Who reviewed: on the cover and under each approved claim; the correction notes under their
      // claim and in their own section, after the claims.
      expect(text).toContain('Reviewers: Kari Lie and Ola Nordmann');
      expect(text.match(/Reviewed by (Ola Nordmann|Kari Lie) on \d{1,2} [A-Z][a-z]+ \d{4}/g)).toHaveLength(4);
      expect(text).toMatch(
        /Correction — \d{1,2} [A-Z][a-z]+ \d{4}: An earlier version said the Pentagon confirmed/,
      );
      const section = text.indexOf('Corrections and updates', cursor);
      expect(section).toBeGreaterThan(-1);
      expect(text.slice(section)).toMatch(/Claim 1 · Update — .*Claim 4 · Correction — /);
      expect(text.indexOf('Methodology', section)).toBeGreaterThan(-1);
      expect(text).toContain('The verdict scale');
    },
    SLOW,
  );

  it(
    'repeats the summary table header on each page and never leaves a heading alone at the bottom of a page',
    async () => {
      const base = buildProjectData('Forty claims', [TASS_ARTICLE]);
      const data = { ...base, claims: [...base.claims], sources: [...base.sources] };
      for (let copy = 0; copy < 6; copy++) {
        for (const claim of base.claims)
          data.claims.push({
            ...claim,
            id: crypto.randomUUID(),
            number: claim.number + (copy + 1) * base.claims.length,
            rationale: `${claim.rationale} ${'More detail. '.repeat(copy * 12)}`.trim(),
          });
      }
      const html = renderReportHtml(data, SAMPLE_SETTINGS, {}, NOW);
      const file = path.join(out, 'forty.pdf');
      fs.writeFileSync(file, await printer.print(html, { pageSize: 'A4', footerTitle: 'Forty claims' }));
      const pages = pdfText(file)
        .split('\f')
        .filter((page) => page.trim());
      expect(pages.length).toBeGreaterThan(6);
      const header = /#\s+CLAIM\s+CLAIMANT\s+VERDICT\s+STATUS/;
      const summaryPages = pages.filter((page) => header.test(page));
      expect(summaryPages.length).toBeGreaterThanOrEqual(2);
      for (const page of pages) {
        const lines = page
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean);
        const body = lines.filter((line) => !/Page \d+ of \d+$/.test(line));
        const last = body[body.length - 1] ?? '';
        expect(last, `a page ends with “${last}”`).not.toMatch(
          /^(CLAIM \d+\b.*|RATIONALE|SOURCES|VERDICT|The claims in detail|Summary of claims|Corrections and updates|Methodology|The verdict scale|# +CLAIM.*)$/,
        );
      }
    },
    SLOW,
  );

  it(
    'prints US Letter when asked',
    async () => {
      const { file } = await exportPdf('Letter size', [TASS_ARTICLE], { pageSize: 'Letter' });
      expect(pdfPageSize(file)).toMatch(/^612 x 792/);
    },
    SLOW,
  );

  for (const [label, spec] of [
    ['Russian (Cyrillic)', RU_ARTICLE],
    ['Korean (Hangul)', KO_ARTICLE],
  ] as const) {
    it(
      `keeps ${label} text intact`,
      async () => {
        const { file } = await exportPdf(`${spec.meta.language} project`, [spec]);
        const compact = (text: string) => normaliseExtracted(text).replace(/\s+/g, '');
        const text = compact(pdfText(file, false));
        expect(text).toContain(compact(spec.meta.title));
        for (const claim of spec.claims) {
          expect(text).toContain(compact(claim.quote));
          expect(text).toContain(compact(claim.claimant));
          for (const source of claim.sources) expect(text).toContain(compact(source.title!));
        }
        expect(text).not.toContain('\ufffd');
      },
      SLOW,
    );
  }

  it(
    'keeps Arabic text intact and right-to-left',
    async () => {
      const { file } = await exportPdf('ar project', [AR_ARTICLE]);
      const raw = pdfText(file, false);
      // pdftotext wraps right-to-left runs in embedding marks: the text was laid out as RTL.
      expect(raw).toMatch(/\u202b/);
      // pdftotext writes the lam-alef ligature (لا) in visual order (ال) and moves vowel marks (ً) off
      // their letter, sometimes with a space: compare words without marks against the text without spaces.
      const plain = (text: string) =>
        normaliseExtracted(text)
          .replace(/[\u064b-\u065f\u0670]/g, '')
          .replace(/ل([اأإآ])/g, '$1ل');
      const compact = plain(raw).replace(/\s+/g, '');
      const expectWords = (text: string) => {
        for (const word of plain(text)
          .split(' ')
          .filter((w) => /\p{Script=Arabic}/u.test(w))) {
          const bare = word.replace(/[.,،"«»:]/g, '');
          expect(compact.includes(bare), `“${bare}” of “${text}”`).toBe(true);
        }
      };
      expectWords(AR_ARTICLE.meta.title);
      for (const claim of AR_ARTICLE.claims) {
        expectWords(claim.quote);
        expectWords(claim.claimant);
        expectWords(claim.rationale);
      }
      expect(raw).not.toContain('\ufffd');
    },
    SLOW,
  );

  it(
    'prints a 50,000-character rationale, hostile text as text, and a project without claims',
    async () => {
      const { projectId } = await exportPdf('Hostile', [TASS_ARTICLE]);
      const data = loadProjectData(lib.ctx, projectId);
      updateClaim(lib.ctx, data.claims[0]!.id, {
        rationale: `${'Evidence of record. '.repeat(2_500)}`.slice(0, 50_000),
      });
      updateClaim(lib.ctx, data.claims[1]!.id, { statement: EVIL, claimant: EVIL });
      const file = path.join(out, 'hostile.pdf');
      await exportReportToFile({ ctx: lib.ctx, printer, projectId, format: 'pdf', filePath: file, now: NOW });
      const text = normaliseExtracted(pdfText(file));
      expect(pdfPageCount(file)).toBeGreaterThan(8);
      // Every word of it (the page footers come between the lines that cross a page).
      expect(text.split('Evidence').length - 1).toBe(2_500);
      expect(text).toContain('</script><script>alert(1)</script><img src=x onerror=alert(2)>');

      const empty = await exportPdf('No claims yet', [{ ...TASS_ARTICLE, claims: [] }]);
      expect(normaliseExtracted(pdfText(empty.file))).toContain('This project has no claims yet.');
    },
    SLOW,
  );
});
