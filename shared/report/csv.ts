import { CLAIM_STATUS_LABELS, CORRECTION_KIND_LABELS, type Settings } from '../domain';
import { buildReportModel, NOT_YET_RATED, type ReportClaim, type ReportData, type ReportModel } from './model';
import { resolveReportOptions, type ReportOptionsInput } from './options';

/** Excel reads a UTF-8 file as UTF-8 only when it starts with a byte order mark. */
export const CSV_BOM = '\ufeff';
export const CSV_EOL = '\r\n';

/**
 * A spreadsheet program runs a cell that starts with = + - @ (or tab/CR/LF, which it strips first)
 * as a formula: "=HYPERLINK(…)" in a claimant field must stay text. Such a cell gets a leading
 * apostrophe (OWASP's advice), which spreadsheets show as text and do not display.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r\n]/.test(value) ? `'${value}` : value;
}

/**
 * One RFC 4180 field: always quoted, quotes doubled, line breaks as CRLF. The formula check runs on
 * the text as written, after the line breaks are normalised, so no rewrite can undo it.
 */
export function csvField(value: string): string {
  const text = neutraliseFormula(value.replace(/\r\n?|\n/g, CSV_EOL));
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvRow(values: readonly string[]): string {
  return values.map(csvField).join(',');
}

export const CSV_COLUMNS = [
  'Number',
  'Claim',
  'Claimant',
  'Claim date',
  'Verdict',
  'Rating value',
  'Status',
  'Reviewed by',
  'Approved on',
  'Rationale',
  'Quote',
  'Quote in context',
  'Sources',
  'Corrections and updates',
  'Previously checked',
  'Article title',
  'Article outlet',
  'Article author',
  'Article URL',
  'Article published',
  'Report',
  'Report date',
] as const;

/**
 * The report as CSV: one row per claim (the quote marked **like this** in its context), the same
 * content as the report (RFC 4180, UTF-8 with BOM, CRLF). A data format: its headers and labels
 * (status, correction kind, "Not yet rated") stay English whatever the report language.
 */
export function renderReportCsv(
  data: ReportData,
  settings: Settings,
  options: ReportOptionsInput | undefined,
  now: Date,
): string {
  return renderModelCsv(buildReportModel(data, settings, resolveReportOptions(options), now));
}

export function renderModelCsv(model: ReportModel): string {
  const rows = [csvRow(CSV_COLUMNS), ...model.claims.map((item) => csvRow(claimRow(model, item)))];
  return CSV_BOM + rows.join(CSV_EOL) + CSV_EOL;
}

function claimRow(model: ReportModel, item: ReportClaim): string[] {
  const { claim, article, context } = item;
  const inContext = context.found
    ? `${context.clippedStart ? '…' : ''}${context.before}**${context.quote}**${context.after}${context.clippedEnd ? '…' : ''}`
    : '';
  const sources = item.sources
    .map(({ number, source, evidence }) =>
      [
        `[${number}] ${source.title.trim() || source.url.trim() || 'Untitled source'}`,
        source.publisher.trim(),
        source.publishedDate,
        source.url.trim(),
        source.accessedDate ? `accessed ${source.accessedDate}` : '',
        ...evidence.map((file) => `evidence ${file.name} (${file.typeLabel}${file.capturedAt ? `, captured ${file.capturedAt}` : ''}) sha256 ${file.sha256}`),
      ]
        .filter(Boolean)
        .join(' — '),
    )
    .join('\n');
  return [
    String(item.number),
    claim.statement.trim() || claim.anchor.exact,
    claim.claimant,
    claim.claimDate,
    item.verdict?.label ?? NOT_YET_RATED,
    item.verdict && item.verdict.ratingValue !== null ? String(item.verdict.ratingValue) : '',
    CLAIM_STATUS_LABELS[claim.status] ?? claim.status,
    item.review?.by ?? '',
    item.review?.date ?? '',
    claim.rationale,
    context.quote,
    inContext,
    sources,
    item.corrections
      .map((correction) =>
        [
          correction.date ? `${englishKind(correction)} — ${correction.date}` : englishKind(correction),
          correction.text,
        ]
          .filter(Boolean)
          .join(': '),
      )
      .join('\n'),
    item.previouslyChecked.map((earlier) => earlier.line).join('\n'),
    article?.title ?? '',
    article?.outlet ?? '',
    article?.author ?? '',
    article?.url ?? '',
    article?.publishedDate ?? '',
    model.title,
    model.date,
  ];
}

const englishKind = (correction: ReportModel['corrections'][number]) =>
  CORRECTION_KIND_LABELS[correction.kind] ?? correction.kind;
