import type { Settings } from '../domain';
import { parseRationale, type Inline } from '../text/rationaleFormat';
import { safeHref } from './escape';
import { formatReportNumber } from './i18n';
import {
  buildReportModel,
  describeSelection,
  emptyReportMessage,
  evidenceTime,
  formatDate,
  paragraphs,
  reviewersText,
  reviewText,
  sourceLine,
  type ReportClaim,
  type ReportCorrection,
  type ReportModel,
  type ReportData,
} from './model';
import { resolveReportOptions, type ReportOptionsInput } from './options';

/**
 * Text as Markdown that renders as itself: backslash-escapes what CommonMark would read as markup
 * (emphasis, links, code, raw HTML such as `</script>`, tables' pipes) and line-start block markers.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~&]/g, '\\$&')
    .split('\n')
    .map((line) =>
      line
        // A line that would start a list, heading, quote, rule or setext underline.
        .replace(/^(\s*)([-=+#])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/, '$1\\$2'),
    )
    .join('\n');
}

/** One line for a table cell: no line breaks, pipes escaped. */
function cell(text: string): string {
  return escapeMarkdown(text.replace(/\s*\n\s*/g, ' ').trim());
}

/** A Markdown link destination: only http(s), with the characters that would end it encoded. */
function destination(url: string): string | null {
  const href = safeHref(url);
  return href
    ? href.replace(/[()<> ]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
    : null;
}

function link(text: string, url: string): string {
  const href = destination(url);
  return href ? `[${cell(text)}](${href})` : cell(text);
}

/** Block text (a rationale, a summary) with its paragraphs; single line breaks become hard breaks. */
function block(text: string): string {
  return paragraphs(text)
    .map((paragraph) => escapeMarkdown(paragraph).split('\n').join('\\\n'))
    .join('\n\n');
}

/**
 * A rationale with its own formatting kept as Markdown: **bold**, _italic_ and "- " list items are
 * written as markers, everything else is escaped as in `block()`; paragraphs and lists are set
 * apart by blank lines (a line after a list item would otherwise continue that item).
 */
function rationaleBlock(text: string): string {
  return parseRationale(text)
    .map((block) =>
      block.kind === 'paragraph'
        ? block.lines.map(inlineMarkdown).join('\\\n')
        : block.items.map((line) => `- ${inlineMarkdown(line)}`.trimEnd()).join('\n'),
    )
    .join('\n\n');
}

/** One line of a rationale: escaped text, emphasis as CommonMark reads it, no spaces at its ends. */
function inlineMarkdown(line: readonly Inline[]): string {
  return line
    .map((part) => {
      if (part.kind === 'text') return escapeMarkdown(part.text);
      const marker = part.kind === 'bold' ? '**' : '_';
      // Spaces just inside the markers would stop CommonMark reading them as emphasis.
      const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(part.text)!;
      return match[2] ? `${match[1]}${marker}${escapeMarkdown(match[2])}${marker}${match[3]}` : part.text;
    })
    .join('')
    .trim();
}

/** The report as Markdown, with the same content as the HTML report. */
export function renderReportMarkdown(
  data: ReportData,
  settings: Settings,
  options: ReportOptionsInput | undefined,
  now: Date,
): string {
  return renderModelMarkdown(buildReportModel(data, settings, resolveReportOptions(options), now));
}

export function renderModelMarkdown(model: ReportModel): string {
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  const t = model.strings;
  const claimCount = model.claims.length;
  const number = (value: number) => formatReportNumber(value, model.language);

  push(`# ${cell(model.title)}`, '');
  if (model.organisationName) push(t.orgReportLine(`**${cell(model.organisationName)}**`), '');
  const byline = [
    model.authors ? t.byAuthors(cell(model.authors)) : '',
    model.dateLabel,
    t.claimsChecked(claimCount),
  ];
  if (model.options.claims.kind !== 'all') byline.push(`${t.selection}${t.colon}${cell(describeSelection(model))}`);
  push(byline.filter(Boolean).join(' · '), '');
  const reviewers = reviewersText(model);
  if (reviewers) push(cell(reviewers), '');
  if (model.draft) {
    push(
      `> **${t.draft.toLocaleUpperCase(model.language)}** — ${t.draftNotice(number(model.unapprovedCount), number(claimCount), claimCount)}`,
      '',
    );
  }
  if (model.summary) push(block(model.summary), '');
  if (model.tally.length > 0)
    push(
      `**${t.verdicts}${t.colon.trimEnd()}** ${model.tally.map((entry) => `${cell(entry.label)} ${entry.count}`).join(' · ')}`,
      '',
    );

  const label = (text: string) => `${text}${t.colon}`;
  push(`## ${model.articles.length > 1 ? t.articlesChecked : t.articleChecked}`, '');
  if (model.articles.length === 0) push(t.noArticles, '');
  for (const article of model.articles) {
    push(`### ${cell(article.title)}`, '');
    if (article.outlet.trim()) push(`- ${label(t.outlet)}${cell(article.outlet)}`);
    if (article.author.trim()) push(`- ${label(t.author)}${cell(article.author)}`);
    if (article.publishedDate) push(`- ${label(t.published)}${formatDate(article.publishedDate, model.language)}`);
    if (article.url.trim()) push(`- ${label(t.url)}${link(article.url, article.url)}`);
    push('');
  }

  push(`## ${t.summaryOfClaims}`, '');
  if (model.claims.length === 0) push(cell(emptyReportMessage(model)), '');
  else {
    push(`| # | ${t.claim} | ${t.claimant} | ${t.verdict} | ${t.status} |`, '| ---: | --- | --- | --- | --- |');
    for (const item of model.claims) {
      push(
        `| ${item.number} | ${cell(statementOf(item))} | ${cell(item.claim.claimant) || '—'} | ${cell(item.verdictLabel)} | ${cell(item.statusLabel)} |`,
      );
    }
    push('');
    push(`## ${t.claimsInDetail}`, '');
    for (const item of model.claims) claimSection(out, item, model);
  }

  if (model.corrections.length > 0) {
    push(`## ${t.correctionsAndUpdates}`, '');
    for (const correction of model.corrections) {
      const text = correction.text ? `${t.colon}${noteText(correction.text, '  ')}` : '';
      push(`- **${t.claimNumber(number(correction.claimNumber))}** · ${correctionHead(correction)}${text}`);
    }
    push('');
  }

  if (model.methodology) push(`## ${t.methodology}`, '', block(model.methodology), '');
  if (model.options.includeScale && model.scale.length > 0) {
    push(`## ${t.verdictScale}`, '');
    const numeric = model.ratingRange !== null;
    push(
      numeric ? `| ${t.verdict} | ${t.definition} | ${t.rating} |` : `| ${t.verdict} | ${t.definition} |`,
      numeric ? '| --- | --- | ---: |' : '| --- | --- |',
    );
    for (const verdict of model.scale) {
      const rating = numeric ? ` ${verdict.ratingValue === null ? '—' : verdict.ratingValue} |` : '';
      push(`| ${cell(verdict.label)} | ${cell(verdict.description)} |${rating}`);
    }
    push('');
  }
  push('---', '', `*${t.madeWithAfterTitle(cell(model.title), model.dateLabel)}*`, '');
  return out.join('\n');
}

function statementOf(item: ReportClaim): string {
  return item.claim.statement.trim() || item.claim.anchor.exact;
}

function claimSection(out: string[], item: ReportClaim, model: ReportModel): void {
  const t = model.strings;
  const showArticle = model.articles.length > 1;
  const label = (text: string) => `${text}${t.colon}`;
  const { claim, context } = item;
  out.push(
    `### ${t.claimNumber(formatReportNumber(item.number, model.language))}${t.colon.trimEnd()} ${cell(statementOf(item))}`,
    '',
  );
  out.push(
    `**${label(t.verdict)}${cell(item.verdictLabel)}**${item.verdict?.description.trim() ? ` — ${cell(item.verdict.description)}` : ''}`,
    '',
  );
  out.push(`- ${label(t.claimant)}${cell(claim.claimant) || t.notRecorded}`);
  if (claim.claimDate) out.push(`- ${label(t.claimDate)}${formatDate(claim.claimDate, model.language)}`);
  out.push(`- ${label(t.status)}${cell(item.statusLabel)}`);
  if (item.review) out.push(`- ${cell(reviewText(item.review, t))}`);
  if (showArticle && item.article) out.push(`- ${label(t.inArticle)}${cell(item.article.title)}`);
  out.push('');
  if (context.found) {
    const quote = `${context.clippedStart ? '…' : ''}${inline(context.before)}${strong(context.quote)}${inline(context.after)}${context.clippedEnd ? '…' : ''}`;
    out.push(`> ${quote}`, '');
  } else {
    out.push(
      `> ${strong(context.quote)}`,
      '>',
      `> *${t.quoteNotFound}*`,
      '',
    );
  }
  for (const correction of item.corrections) {
    const text = correction.text ? ` ${noteText(correction.text, '')}` : '';
    out.push(`**${correctionHead(correction)}${t.colon.trimEnd()}**${text}`, '');
  }
  for (const earlier of item.previouslyChecked) {
    const parts = [earlier.publisher, earlier.date ? formatDate(earlier.date, model.language) : '', earlier.rating]
      .filter(Boolean)
      .map(cell);
    if (earlier.href) parts.push(link(earlier.href, earlier.href));
    out.push(`**${t.previouslyChecked}${t.colon.trimEnd()}** ${parts.join(', ')}`, '');
  }
  out.push(`#### ${t.rationale}`, '');
  out.push(claim.rationale.trim() ? rationaleBlock(claim.rationale) : `*${t.noRationale}*`, '');
  out.push(`#### ${t.sources}`, '');
  if (item.sources.length === 0) out.push(`*${t.noSources}*`, '');
  else {
    for (const { number, source, evidence } of item.sources) {
      const title = source.title.trim() || source.url.trim() || t.untitledSource;
      const parts = [`**${cell(title)}**`, ...sourceLine(source, model.language).map(cell)];
      let line = `${number}. ${parts.join(', ')}`;
      if (source.url.trim()) line += ` — ${link(source.url, source.url)}`;
      if (source.accessedDate) line += ` (${t.accessed(formatDate(source.accessedDate, model.language))})`;
      if (source.archivedUrl.trim())
        line += ` — ${label(t.archivedCopy)}${link(source.archivedUrl, source.archivedUrl)}`;
      out.push(line);
      // Evidence: the short SHA-256 shown, the full value after it in the same line.
      for (const file of evidence) {
        const captured = file.capturedAt ? `, ${t.evidenceCaptured} ${evidenceTime(file.capturedAt, model.language)}` : '';
        out.push(`    - ${t.evidence}${t.colon}${cell(file.name)} (${cell(file.typeLabel)}${captured}), SHA-256 \`${file.shortSha256}\` (${file.sha256})`);
      }
    }
    out.push('');
  }
}

/** "Correction — 24 October 2024". */
function correctionHead(correction: ReportCorrection): string {
  return correction.dateLabel ? `${correction.kindLabel} — ${correction.dateLabel}` : correction.kindLabel;
}

/**
 * A correction note's text, escaped, its line breaks kept as hard breaks and its paragraphs as
 * blank lines; `indent` continues a list item.
 */
function noteText(text: string, indent: string): string {
  return paragraphs(text)
    .map((paragraph) => escapeMarkdown(paragraph).split('\n').join(`\\\n${indent}`))
    .join(`\n\n${indent}`);
}

/** Bold text; the spaces at its ends stay outside the markers, or CommonMark would not read them. */
function strong(text: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text.replace(/\s*\n\s*/g, ' '))!;
  return match[2] ? `${match[1]}**${inline(match[2])}**${match[3]}` : text;
}

/** Quote text inside a blockquote line: one line, escaped, with the bold markers' neighbours safe. */
function inline(text: string): string {
  return escapeMarkdown(text.replace(/\s*\n\s*/g, ' '));
}

