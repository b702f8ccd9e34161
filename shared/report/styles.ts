import type { PageSize } from './options';
import { PRINT_MARGINS } from './print';

/**
 * Font stacks name the fonts a newsroom machine usually has first, then Noto and DejaVu, which
 * cover Cyrillic, Hangul and Arabic: Chromium picks, character by character, the first font in the
 * stack that has the glyph, so every script gets real glyphs, never boxes.
 */
export const SANS_STACK = [
  '"Inter"',
  '"Helvetica Neue"',
  'Arial',
  '"Liberation Sans"',
  '"Noto Sans"',
  '"Noto Sans Arabic"',
  '"Noto Naskh Arabic"',
  '"Noto Sans CJK KR"',
  '"Noto Sans KR"',
  '"Apple SD Gothic Neo"',
  '"Malgun Gothic"',
  '"DejaVu Sans"',
  'sans-serif',
].join(', ');

export const SERIF_STACK = [
  '"Source Serif 4"',
  '"Source Serif Pro"',
  'Charter',
  'Georgia',
  '"Liberation Serif"',
  '"Noto Serif"',
  '"Noto Naskh Arabic"',
  '"Noto Sans Arabic"',
  '"Noto Serif CJK KR"',
  '"Noto Serif KR"',
  '"AppleMyungjo"',
  '"DejaVu Serif"',
  '"DejaVu Sans"',
  'serif',
].join(', ');

const ARABIC_STACK =
  '"Noto Naskh Arabic", "Noto Sans Arabic", "Geeza Pro", "Segoe UI", "DejaVu Sans", sans-serif';
const KOREAN_SANS =
  '"Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", "DejaVu Sans", sans-serif';
const KOREAN_SERIF = '"Noto Serif CJK KR", "Noto Serif KR", "AppleMyungjo", "Noto Sans CJK KR", serif';

/**
 * "DRAFT" as a stamp: strokes, not type, so it does not end up in the PDF's text (copying or
 * searching the report is not littered with it). A data: image, never fetched from anywhere.
 */
const DRAFT_STAMP_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-225 -185 450 370">' +
  '<g transform="rotate(-32) translate(-190 -50)" fill="none" stroke="rgb(194,40,29)" stroke-opacity=".1" stroke-width="13" stroke-linejoin="round" stroke-linecap="round">' +
  '<rect x="-22" y="-17" width="424" height="134" rx="14" stroke-width="7"/>' +
  '<path d="M8 10V90H32Q62 90 62 50Q62 10 32 10Z"/>' +
  '<path d="M88 90V10H114Q140 10 140 32Q140 54 114 54H88M116 54L142 90"/>' +
  '<path d="M166 90L194 10L222 90M176 62H212"/>' +
  '<path d="M292 10H250V90M250 50H284"/>' +
  '<path d="M318 10H372M345 10V90"/>' +
  '</g></svg>';

export const DRAFT_STAMP_URL = `data:image/svg+xml,${encodeURIComponent(DRAFT_STAMP_SVG).replace(/'/g, '%27').replace(/\(/g, '%28').replace(/\)/g, '%29')}`;

/** The report's stylesheet, inlined in a <style> element: calm, print-first, a newsroom's house look. */
export function reportCss(pageSize: PageSize): string {
  return `
:root {
  --ink: #1b1f24;
  --muted: #5b6470;
  /* Light, but still 4.5:1 on white (the colophon and the page footer are read too). */
  --faint: #6b7280;
  --rule: #d9dde3;
  --rule-strong: #1b1f24;
  --paper: #ffffff;
  --tint: #f6f5f1;
  --accent: #1d3557;
  --mark: #fff0a3;
  --sans: ${SANS_STACK};
  --serif: ${SERIF_STACK};
}
@page { size: ${pageSize === 'Letter' ? 'letter' : 'A4'}; margin: ${PRINT_MARGINS.top} ${PRINT_MARGINS.right} ${PRINT_MARGINS.bottom} ${PRINT_MARGINS.left}; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: #eceae4; color: var(--ink);
  font-family: var(--sans); font-size: 10pt; line-height: 1.5;
  font-kerning: normal;
}
.sheet { max-width: 190mm; margin: 24px auto; padding: 18mm 17mm 14mm; background: var(--paper); box-shadow: 0 1px 3px rgba(0,0,0,.12), 0 8px 24px rgba(0,0,0,.06); }
@media print {
  body { background: none; }
  .sheet { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  a { color: inherit; text-decoration: none; }
}
p { margin: 0 0 .6em; orphans: 3; widows: 3; }
a { color: var(--accent); }
h1, h2, h3, h4 { font-family: var(--serif); font-weight: 700; line-height: 1.2; margin: 0; break-after: avoid; page-break-after: avoid; }
:lang(ko) { font-family: ${KOREAN_SANS}; word-break: keep-all; line-break: strict; }
h1:lang(ko), h2:lang(ko), h3:lang(ko), .context:lang(ko) { font-family: ${KOREAN_SERIF}; }
:lang(ar), [dir="rtl"] { font-family: ${ARABIC_STACK}; line-height: 1.75; }
[dir="rtl"] { text-align: right; }
.url, .wrap { overflow-wrap: anywhere; word-break: break-word; }
/* Korean breaks between words (at spaces), never inside one: 비중이, not 비/중이. A word longer than
   the line may still wrap (overflow-wrap), so nothing overflows the page. */
.wrap:lang(ko) { word-break: keep-all; }
/* Dates and numbers keep their own direction and place inside right-to-left text. */
time, bdi { unicode-bidi: isolate; }
.url { font-size: .86em; color: var(--muted); }
.muted { color: var(--muted); }
.eyebrow { font-family: var(--sans); font-size: 7.5pt; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }

/* Draft: a stamp on every page (a fixed element repeats on each printed page) and a notice on the cover.
   An <img> of a pre-rotated SVG: a CSS transform or an inline SVG here makes Chromium's print twice as slow. */
.watermark { position: fixed; inset: 0; display: flex; align-items: center; justify-content: center; pointer-events: none; z-index: 10; }
.watermark img { width: 150mm; max-width: 90%; height: auto; }
.draft-note { display: flex; gap: 10pt; align-items: baseline; margin: 0 0 14pt; padding: 7pt 10pt; border: 1px solid #e8c77a; border-left: 4px solid #c69214; background: #fff8e6; font-size: 9pt; break-inside: avoid; }
.draft-note strong { text-transform: uppercase; letter-spacing: .05em; font-size: 8pt; color: #7a5a00; }

/* Cover */
.masthead { display: flex; align-items: center; justify-content: space-between; gap: 12pt; border-top: 5pt solid var(--accent); padding-top: 8pt; margin-bottom: 22pt; }
.masthead .org { display: flex; align-items: center; gap: 9pt; min-width: 0; }
.masthead img { max-height: 34pt; max-width: 60mm; object-fit: contain; }
.masthead .org-name { font-family: var(--serif); font-size: 13pt; font-weight: 700; letter-spacing: .01em; }
.cover h1 { font-size: 26pt; letter-spacing: -.01em; margin: 4pt 0 8pt; }
.byline { font-size: 9.5pt; color: var(--muted); margin-bottom: 12pt; }
.byline span + span::before { content: "·"; margin: 0 .5em; color: var(--faint); }
.standfirst { font-family: var(--serif); font-size: 12pt; line-height: 1.5; color: #2b3138; max-width: 150mm; }
.reviewers { font-size: 9pt; color: var(--muted); margin: -6pt 0 12pt; }
.tally { display: flex; flex-wrap: wrap; gap: 6pt 14pt; margin: 14pt 0 0; padding: 9pt 0; border-top: 1px solid var(--rule); border-bottom: 1px solid var(--rule); font-size: 9pt; }
.tally .total { font-weight: 700; }
.tally-item { display: inline-flex; align-items: center; gap: 5pt; }

/* Chips: the verdict colour, always with its label (colour alone is never the message). */
.chip { display: inline-block; padding: 1.5pt 6pt 1pt; border-radius: 3pt; font-family: var(--sans); font-size: 7.5pt; font-weight: 700; letter-spacing: .03em; text-transform: uppercase; line-height: 1.35; white-space: nowrap; }
.chip-lg { font-size: 9pt; padding: 3pt 9pt 2.5pt; }
.chip.unrated { background: #fff; color: var(--muted); border: 1px dashed #9aa1ab; }
.swatch { display: inline-block; width: 8pt; height: 8pt; border-radius: 2pt; vertical-align: -0.5pt; }
.swatch.unrated { background: #fff; border: 1px dashed #9aa1ab; }
.status { display: inline-block; font-size: 8pt; color: var(--muted); white-space: nowrap; }
.status.approved { color: #1a7f37; font-weight: 600; }
.status::before { content: ""; display: inline-block; width: 6pt; height: 6pt; border-radius: 50%; margin-inline-end: 4pt; border: 1.2pt solid currentColor; vertical-align: 0; }
.status.approved::before { background: currentColor; }

section { margin-top: 22pt; }
.section-head { display: flex; align-items: baseline; gap: 10pt; border-bottom: 1.5pt solid var(--rule-strong); padding-bottom: 4pt; margin-bottom: 10pt; break-after: avoid; page-break-after: avoid; }
.section-head h2 { font-size: 14pt; }
.section-head .count { font-size: 8.5pt; color: var(--muted); margin-inline-start: auto; }

/* The article checked */
.article-card { padding: 10pt 12pt; background: var(--tint); border-left: 3pt solid var(--accent); margin-bottom: 8pt; break-inside: avoid; page-break-inside: avoid; }
.article-card h3 { font-size: 13pt; margin-bottom: 4pt; }
.article-card dl { display: grid; grid-template-columns: max-content 1fr; gap: 1pt 10pt; margin: 0; font-size: 9pt; }
.article-card dt { color: var(--muted); }
.article-card dd { margin: 0; }

/* Summary table: the header row repeats on every page. */
table { width: 100%; border-collapse: collapse; font-size: 9pt; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { text-align: start; font-size: 7.5pt; font-weight: 700; letter-spacing: .05em; text-transform: uppercase; color: var(--muted); padding: 5pt 6pt; border-bottom: 1pt solid var(--rule-strong); background: #fff; }
td { padding: 6pt 6pt; border-bottom: 1px solid var(--rule); vertical-align: top; }
td.num, th.num { width: 2.2em; text-align: end; font-variant-numeric: tabular-nums; color: var(--muted); }
td.claim-cell { font-family: var(--serif); font-size: 9.5pt; }
td.claim-cell a { color: inherit; text-decoration: none; }
td.claimant-cell { width: 24%; }
td.verdict-cell { width: 1%; white-space: nowrap; }
td.status-cell { width: 1%; white-space: nowrap; }
.empty { padding: 14pt; border: 1px dashed #b8bec7; color: var(--muted); text-align: center; font-size: 10pt; }

/* One claim */
.claims-detail .section-head + .claim { border-top: 0; padding-top: 2pt; }
.claim { margin: 0 0 20pt; padding-top: 9pt; border-top: 1.5pt solid var(--rule-strong); }
.claim-top { break-inside: avoid; page-break-inside: avoid; break-after: avoid; page-break-after: avoid; }
.claim-bar { display: flex; align-items: center; justify-content: space-between; gap: 10pt; margin-bottom: 6pt; }
.claim-no { font-family: var(--sans); font-size: 8pt; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
.claim h3 { font-size: 13.5pt; line-height: 1.3; margin-bottom: 6pt; }
.claim-meta { display: flex; flex-wrap: wrap; gap: 2pt 16pt; font-size: 8.5pt; color: var(--muted); margin-bottom: 8pt; }
.claim-meta b { color: var(--ink); font-weight: 600; }
.context { margin: 0 0 10pt; padding-block: 1pt; padding-inline: 12pt 0; border-inline-start: 2pt solid #b8bec7; font-family: var(--serif); font-size: 10pt; line-height: 1.55; color: #2b3138; white-space: pre-line; break-inside: avoid; page-break-inside: avoid; }
.context .label { display: block; font-family: var(--sans); white-space: normal; }
.context mark { background: var(--mark); color: var(--ink); padding: 0 1pt; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.context.orphaned { border-inline-start-style: dashed; }
.verdict-box { margin: 0 0 10pt; padding: 6pt 10pt 7pt; border-inline-start: 4pt solid var(--verdict, var(--rule)); background: var(--tint); break-inside: avoid; page-break-inside: avoid; font-size: 9pt; color: #39414b; }
.verdict-box .verdict-name { font-family: var(--serif); font-weight: 700; font-size: 11.5pt; color: var(--ink); margin-inline-end: 7pt; }
h4 { font-family: var(--sans); font-size: 7.5pt; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); margin: 10pt 0 4pt; }
.claim-meta .reviewed { color: #1a7f37; }
.claim-meta .reviewed b { color: inherit; }
.claim-corrections { margin: 0 0 10pt; padding: 5pt 10pt; border: 1px solid #e8c77a; border-inline-start: 4pt solid #c69214; background: #fff8e6; font-size: 9pt; break-inside: avoid; page-break-inside: avoid; }
.claim-corrections .correction { margin: 0 0 3pt; }
.claim-corrections .correction:last-child { margin-bottom: 0; }
.previously-checked { margin: 0 0 10pt; padding: 5pt 10pt; border-inline-start: 4pt solid #7a8aa0; background: #f3f5f8; font-size: 9pt; break-inside: avoid; page-break-inside: avoid; }
.previously-checked p { margin: 0 0 3pt; }
.previously-checked p:last-child { margin-bottom: 0; }
.rationale { overflow-wrap: anywhere; }
.rationale p { line-height: 1.55; }
a.ref, span.ref { font-size: .8em; vertical-align: .35em; line-height: 0; color: var(--accent); text-decoration: none; font-weight: 600; }
.sources { margin: 0; padding-inline-start: 1.9em; font-size: 8.8pt; }
.sources li { margin: 0 0 4pt; padding-inline-start: 2pt; break-inside: avoid; page-break-inside: avoid; }
.sources li::marker { color: var(--muted); font-variant-numeric: tabular-nums; }
.sources .src-title { font-weight: 600; }
.sources .sep { color: var(--faint); margin: 0 .25em; }
.sources .evidence ul { margin: 1pt 0 0; padding-inline-start: 1.2em; list-style: square; }
.sources .evidence code { font-size: 8pt; }
.sources .evidence-screenshot { max-width: 100%; max-height: 120mm; margin-top: 2pt; border: 1px solid var(--faint); }
.no-sources { font-size: 9pt; color: var(--muted); font-style: italic; }

/* Corrections and updates */
.correction-log { margin: 0; padding-inline-start: 0; list-style: none; font-size: 9pt; }
.correction-log li { margin: 0 0 7pt; padding: 0 0 6pt; border-bottom: 1px solid var(--rule); break-inside: avoid; page-break-inside: avoid; }
.correction-log .claim-link { font-weight: 700; color: var(--ink); text-decoration: none; }
.correction-log .sep { color: var(--faint); margin: 0 .25em; }
.correction-log p { margin: 2pt 0 0; color: #39414b; }

/* End matter */
.endmatter { margin-top: 26pt; }
.methodology p { font-size: 9pt; color: #39414b; max-width: 160mm; }
.scale td.desc { color: #39414b; }
.scale td.value { width: 1%; text-align: end; white-space: nowrap; color: var(--muted); font-variant-numeric: tabular-nums; }
.colophon { margin-top: 24pt; padding-top: 6pt; border-top: 1px solid var(--rule); font-size: 7.5pt; color: var(--faint); display: flex; justify-content: space-between; gap: 12pt; }
@media print { .colophon { display: none; } }
/* Letter-spacing pulls Arabic letters apart (they join): none in an Arabic report. */
:is(.eyebrow, .claim-no, th, h4, .chip, .draft-note strong, .cover h1):lang(ar) { letter-spacing: normal; }
`;
}
