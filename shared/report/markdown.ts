import type { Settings } from '../domain';
import { parseRationale, type Inline } from '../text/rationaleFormat';
import { safeHref } from './escape';
import {
  buildReportModel,
  describeSelection,
  emptyReportMessage,
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

  push(`# ${cell(model.title)}`, '');
  if (model.organisationName) push(`**${cell(model.organisationName)}** — fact-check report`, '');
  const byline = [
    model.authors ? `By ${cell(model.authors)}` : '',
    model.dateLabel,
    `${model.claims.length} ${model.claims.length === 1 ? 'claim' : 'claims'} checked`,
  ];
  if (model.options.claims.kind !== 'all') byline.push(`Selection: ${cell(describeSelection(model))}`);
  push(byline.filter(Boolean).join(' · '), '');
  const reviewers = reviewersText(model);
  if (reviewers) push(cell(reviewers), '');
  if (model.draft) {
    push(
      `> **DRAFT** — ${model.unapprovedCount} of ${model.claims.length} ${model.claims.length === 1 ? 'claim is' : 'claims are'} not approved yet. Do not publish this report before an editor approves every claim.`,
      '',
    );
  }
  if (model.summary) push(block(model.summary), '');
  if (model.tally.length > 0)
    push(
      `**Verdicts:** ${model.tally.map((entry) => `${cell(entry.label)} ${entry.count}`).join(' · ')}`,
      '',
    );

  push(model.articles.length > 1 ? '## The articles checked' : '## The article checked', '');
  if (model.articles.length === 0) push('No article has been added to this project yet.', '');
  for (const article of model.articles) {
    push(`### ${cell(article.title)}`, '');
    if (article.outlet.trim()) push(`- Outlet: ${cell(article.outlet)}`);
    if (article.author.trim()) push(`- Author: ${cell(article.author)}`);
    if (article.publishedDate) push(`- Published: ${formatDate(article.publishedDate)}`);
    if (article.url.trim()) push(`- URL: ${link(article.url, article.url)}`);
    push('');
  }

  push('## Summary of claims', '');
  if (model.claims.length === 0) push(cell(emptyReportMessage(model)), '');
  else {
    push('| # | Claim | Claimant | Verdict | Status |', '| ---: | --- | --- | --- | --- |');
    for (const item of model.claims) {
      push(
        `| ${item.number} | ${cell(statementOf(item))} | ${cell(item.claim.claimant) || '—'} | ${cell(item.verdictLabel)} | ${cell(item.statusLabel)} |`,
      );
    }
    push('');
    push('## The claims in detail', '');
    for (const item of model.claims) claimSection(out, item, model.articles.length > 1);
  }

  if (model.corrections.length > 0) {
    push('## Corrections and updates', '');
    for (const correction of model.corrections) {
      const text = correction.text ? `: ${noteText(correction.text, '  ')}` : '';
      push(`- **Claim ${correction.claimNumber}** · ${correctionHead(correction)}${text}`);
    }
    push('');
  }

  if (model.methodology) push('## Methodology', '', block(model.methodology), '');
  if (model.options.includeScale && model.scale.length > 0) {
    push('## The verdict scale', '');
    const numeric = model.ratingRange !== null;
    push(
      numeric ? '| Verdict | Definition | Rating |' : '| Verdict | Definition |',
      numeric ? '| --- | --- | ---: |' : '| --- | --- |',
    );
    for (const verdict of model.scale) {
      const rating = numeric ? ` ${verdict.ratingValue === null ? '—' : verdict.ratingValue} |` : '';
      push(`| ${cell(verdict.label)} | ${cell(verdict.description)} |${rating}`);
    }
    push('');
  }
  push('---', '', `*${cell(model.title)} — made with Factcheck Workbench on ${model.dateLabel}.*`, '');
  return out.join('\n');
}

function statementOf(item: ReportClaim): string {
  return item.claim.statement.trim() || item.claim.anchor.exact;
}

function claimSection(out: string[], item: ReportClaim, showArticle: boolean): void {
  const { claim, context } = item;
  out.push(`### Claim ${item.number}: ${cell(statementOf(item))}`, '');
  out.push(
    `**Verdict: ${cell(item.verdictLabel)}**${item.verdict?.description.trim() ? ` — ${cell(item.verdict.description)}` : ''}`,
    '',
  );
  out.push(`- Claimant: ${cell(claim.claimant) || 'Not recorded'}`);
  if (claim.claimDate) out.push(`- Claim date: ${formatDate(claim.claimDate)}`);
  out.push(`- Status: ${cell(item.statusLabel)}`);
  if (item.review) out.push(`- ${cell(reviewText(item.review))}`);
  if (showArticle && item.article) out.push(`- In: ${cell(item.article.title)}`);
  out.push('');
  if (context.found) {
    const quote = `${context.clippedStart ? '…' : ''}${inline(context.before)}${strong(context.quote)}${inline(context.after)}${context.clippedEnd ? '…' : ''}`;
    out.push(`> ${quote}`, '');
  } else {
    out.push(
      `> ${strong(context.quote)}`,
      '>',
      '> *(This quote is no longer found in the article text as saved: the article changed after the claim was marked.)*',
      '',
    );
  }
  for (const correction of item.corrections) {
    const text = correction.text ? ` ${noteText(correction.text, '')}` : '';
    out.push(`**${correctionHead(correction)}:**${text}`, '');
  }
  for (const earlier of item.previouslyChecked) {
    const parts = [earlier.publisher, earlier.date ? formatDate(earlier.date) : '', earlier.rating].filter(Boolean).map(cell);
    if (earlier.href) parts.push(link(earlier.href, earlier.href));
    out.push(`**Previously checked:** ${parts.join(', ')}`, '');
  }
  out.push('#### Rationale', '');
  out.push(
    claim.rationale.trim() ? rationaleBlock(claim.rationale) : '*No rationale has been written yet.*',
    '',
  );
  out.push('#### Sources', '');
  if (item.sources.length === 0) out.push('*No sources recorded.*', '');
  else {
    for (const { number, source } of item.sources) {
      const title = source.title.trim() || source.url.trim() || 'Untitled source';
      const parts = [`**${cell(title)}**`, ...sourceLine(source).map(cell)];
      let line = `${number}. ${parts.join(', ')}`;
      if (source.url.trim()) line += ` — ${link(source.url, source.url)}`;
      if (source.accessedDate) line += ` (accessed ${formatDate(source.accessedDate)})`;
      if (source.archivedUrl.trim())
        line += ` — archived copy: ${link(source.archivedUrl, source.archivedUrl)}`;
      out.push(line);
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
