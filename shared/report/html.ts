import type { Article, Settings, Verdict } from '../domain';
import { parseRationale, type Inline } from '../text/rationaleFormat';
import { escapeHtml as esc, safeColour, safeHref, safeLang, textColourOn } from './escape';
import {
  buildReportModel,
  describeSelection,
  emptyReportMessage,
  formatDate,
  paragraphs,
  referencedNumbers,
  reviewersText,
  SOURCE_REFERENCE,
  sourceLine,
  type ReportClaim,
  type ReportCorrection,
  type ReportData,
  type ReportPreviouslyChecked,
  type ReportModel,
  type ReportReview,
} from './model';
import { resolveReportOptions, type ReportOptionsInput } from './options';
import { DRAFT_STAMP_URL, reportCss } from './styles';

/**
 * The Content-Security-Policy of the report document itself: it runs no script and loads nothing
 * but its own inline styles and data: images, wherever it is opened (preview, a browser, the printer).
 */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

/**
 * Project data → a complete, self-contained HTML document: the on-screen preview, the HTML export
 * and the PDF all come from here. Pure: no I/O, no DOM; every value from the data is escaped.
 */
export function renderReportHtml(
  data: ReportData,
  settings: Settings,
  options: ReportOptionsInput | undefined,
  now: Date,
): string {
  return renderModelHtml(buildReportModel(data, settings, resolveReportOptions(options), now));
}

export function renderModelHtml(model: ReportModel): string {
  const out: string[] = [];
  out.push(
    '<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n',
    `<meta http-equiv="Content-Security-Policy" content="${esc(REPORT_CSP)}">\n`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
    '<meta name="generator" content="Factcheck Workbench">\n',
    `<title>${esc(model.title)}</title>\n<style>${reportCss(model.options.pageSize)}${verdictColourCss(model.scale)}</style>\n</head>\n<body>\n`,
  );
  if (model.draft)
    out.push(`<div class="watermark" aria-hidden="true"><img src="${esc(DRAFT_STAMP_URL)}" alt=""></div>\n`);
  out.push('<main class="sheet">\n');
  cover(out, model);
  articlesBlock(out, model);
  summaryTable(out, model);
  claimSections(out, model);
  correctionsSection(out, model);
  endMatter(out, model);
  out.push(
    `<footer class="colophon"><span dir="auto">${esc(model.title)}</span><span>Made with Factcheck Workbench on ${esc(model.dateLabel)}</span></footer>\n`,
    '</main>\n</body>\n</html>\n',
  );
  return out.join('');
}

/** A lang/dir pair for text written in the article's language. */
function articleLangAttrs(article: Article | null): string {
  if (!article) return ' dir="auto"';
  const lang = safeLang(article.language);
  return `${lang ? ` lang="${esc(lang)}"` : ''} dir="${article.direction === 'rtl' ? 'rtl' : 'ltr'}"`;
}

/** The class that carries a verdict's colour ("v-<its id>"), or "unrated". */
function verdictClass(verdict: Verdict | null): string {
  return verdict === null ? 'unrated' : `v-${verdict.id.replace(/[^A-Za-z0-9-]/g, '')}`;
}

/**
 * The scale's colours as classes in the one <style> element: the document has no style attributes,
 * so all of its styling is that element (one hash, should a viewer's CSP want to allow it).
 */
function verdictColourCss(scale: readonly Verdict[]): string {
  return scale
    .map((verdict) => {
      const colour = safeColour(verdict.colour);
      const name = verdictClass(verdict);
      return `.chip.${name} { background: ${colour}; color: ${textColourOn(colour)}; }\n.swatch.${name} { background: ${colour}; }\n.claim.${name} { --verdict: ${colour}; }\n`;
    })
    .join('');
}

function verdictChip(item: { verdict: Verdict | null; verdictLabel: string }, large = false): string {
  return `<span class="chip ${verdictClass(item.verdict)}${large ? ' chip-lg' : ''}">${esc(item.verdictLabel)}</span>`;
}

function statusBadge(item: ReportClaim): string {
  return `<span class="status${item.approved ? ' approved' : ''}">${esc(item.statusLabel)}</span>`;
}

function cover(out: string[], model: ReportModel): void {
  out.push('<header class="cover">\n<div class="masthead"><div class="org">');
  if (model.logo) out.push(`<img src="${esc(model.logo)}" alt="${esc(model.organisationName || 'Logo')}">`);
  if (model.organisationName)
    out.push(`<span class="org-name" dir="auto">${esc(model.organisationName)}</span>`);
  out.push('</div><span class="eyebrow">Fact-check report</span></div>\n');
  out.push(`<h1 dir="auto">${esc(model.title)}</h1>\n<div class="byline">`);
  if (model.authors) out.push(`<span>By <b dir="auto">${esc(model.authors)}</b></span>`);
  out.push(`<span><time datetime="${esc(model.date)}">${esc(model.dateLabel)}</time></span>`);
  out.push(`<span>${model.claims.length} ${model.claims.length === 1 ? 'claim' : 'claims'} checked</span>`);
  if (model.options.claims.kind !== 'all')
    out.push(`<span>Selection: ${esc(describeSelection(model))}</span>`);
  if (model.corrections.length > 0)
    out.push(`<span><a href="#corrections">${esc(correctionCount(model.corrections))}</a></span>`);
  out.push('</div>\n');
  const reviewers = reviewersText(model);
  if (reviewers) out.push(`<div class="reviewers" dir="auto">${esc(reviewers)}</div>\n`);
  if (model.draft) {
    out.push(
      `<div class="draft-note"><strong>Draft</strong><span>${model.unapprovedCount} of ${model.claims.length} ${model.claims.length === 1 ? 'claim is' : 'claims are'} not approved yet. Do not publish this report before an editor approves every claim.</span></div>\n`,
    );
  }
  for (const paragraph of paragraphs(model.summary))
    out.push(`<p class="standfirst wrap" dir="auto">${esc(paragraph)}</p>\n`);
  if (model.tally.length > 0) {
    out.push('<div class="tally"><span class="total">Verdicts</span>');
    for (const entry of model.tally) {
      out.push(
        `<span class="tally-item"><span class="swatch ${verdictClass(entry.verdict)}"></span>${esc(entry.label)} <b>${entry.count}</b></span>`,
      );
    }
    out.push('</div>\n');
  }
  out.push('</header>\n');
}

function articlesBlock(out: string[], model: ReportModel): void {
  const heading = model.articles.length > 1 ? 'The articles checked' : 'The article checked';
  out.push(`<section class="articles">\n<div class="section-head"><h2>${heading}</h2></div>\n`);
  if (model.articles.length === 0)
    out.push('<p class="empty">No article has been added to this project yet.</p>\n');
  for (const article of model.articles) {
    out.push(`<div class="article-card">\n<h3${articleLangAttrs(article)}>${esc(article.title)}</h3>\n<dl>`);
    const row = (label: string, value: string) => out.push(`<dt>${label}</dt><dd>${value}</dd>`);
    if (article.outlet.trim()) row('Outlet', `<bdi>${esc(article.outlet)}</bdi>`);
    if (article.author.trim()) row('Author', `<bdi>${esc(article.author)}</bdi>`);
    if (article.publishedDate)
      row(
        'Published',
        `<time datetime="${esc(article.publishedDate)}">${esc(formatDate(article.publishedDate))}</time>`,
      );
    if (article.url.trim()) row('URL', link(article.url, 'url'));
    out.push('</dl>\n</div>\n');
  }
  out.push('</section>\n');
}

/** "<b>Previously checked:</b> PolitiFact, 2 May 2024, False, <a>https://…</a>". */
function previouslyCheckedHtml(earlier: ReportPreviouslyChecked): string {
  const parts = [earlier.publisher, earlier.date ? formatDate(earlier.date) : '', earlier.rating]
    .filter(Boolean)
    .map((part) => `<span dir="auto">${esc(part)}</span>`);
  if (earlier.href) parts.push(link(earlier.href, 'previously-checked-link'));
  const title = earlier.statement ? ` title="${esc(earlier.statement)}"` : '';
  return `<b${title}>Previously checked:</b> ${parts.join(', ')}`;
}

/** A link to a web page, shown as its address; anything that is not http(s) is text only. */
function link(url: string, className: string): string {
  const shown = esc(url.trim());
  const href = safeHref(url);
  return href
    ? `<a class="${className}" href="${esc(href)}" rel="noopener noreferrer nofollow">${shown}</a>`
    : `<span class="${className}">${shown}</span>`;
}

const SUMMARY_CLAIM_CHARS = 220;

function shorten(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  if (chars.length <= max) return chars.join('');
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/u, '')}…`;
}

function summaryTable(out: string[], model: ReportModel): void {
  out.push('<section class="summary">\n<div class="section-head"><h2>Summary of claims</h2>');
  if (model.claims.length > 0)
    out.push(
      `<span class="count">${model.claims.length} ${model.claims.length === 1 ? 'claim' : 'claims'}</span>`,
    );
  out.push('</div>\n');
  if (model.claims.length === 0) {
    out.push(`<p class="empty">${esc(emptyReportMessage(model))}</p>\n</section>\n`);
    return;
  }
  out.push(
    '<table class="summary-table">\n<thead><tr><th class="num" scope="col">#</th><th scope="col">Claim</th><th scope="col">Claimant</th><th scope="col">Verdict</th><th scope="col">Status</th></tr></thead>\n<tbody>\n',
  );
  for (const item of model.claims) {
    const statement = item.claim.statement.trim() || item.claim.anchor.exact;
    out.push(
      `<tr><td class="num">${item.number}</td>` +
        `<td class="claim-cell wrap"${articleLangAttrs(item.article)}><a href="#claim-${item.number}">${esc(shorten(statement, SUMMARY_CLAIM_CHARS))}</a></td>` +
        `<td class="claimant-cell wrap" dir="auto">${esc(item.claim.claimant) || '<span class="muted">—</span>'}</td>` +
        `<td class="verdict-cell">${verdictChip(item)}</td><td class="status-cell">${statusBadge(item)}</td></tr>\n`,
    );
  }
  out.push('</tbody>\n</table>\n</section>\n');
}

function claimSections(out: string[], model: ReportModel): void {
  if (model.claims.length === 0) return;
  out.push(
    '<section class="claims-detail">\n<div class="section-head"><h2>The claims in detail</h2></div>\n',
  );
  const manyArticles = model.articles.length > 1;
  for (const item of model.claims) claimSection(out, item, manyArticles);
  out.push('</section>\n');
}

function claimSection(out: string[], item: ReportClaim, showArticle: boolean): void {
  const { claim } = item;
  const statement = claim.statement.trim() || claim.anchor.exact;
  out.push(
    `<article class="claim ${verdictClass(item.verdict)}" id="claim-${item.number}">\n<div class="claim-top">\n`,
  );
  out.push(
    `<div class="claim-bar"><span class="claim-no">Claim ${item.number}</span>${verdictChip(item, true)}</div>\n`,
  );
  out.push(
    `<h3 class="wrap"${articleLangAttrs(item.article)}>${esc(statement)}</h3>\n<div class="claim-meta">`,
  );
  out.push(`<span>Claimant: <b dir="auto">${esc(claim.claimant.trim() || 'Not recorded')}</b></span>`);
  if (claim.claimDate)
    out.push(
      `<span>Claim date: <b><time datetime="${esc(claim.claimDate)}">${esc(formatDate(claim.claimDate))}</time></b></span>`,
    );
  out.push(`<span>Status: ${statusBadge(item)}</span>`);
  if (item.review) out.push(`<span class="reviewed">${reviewHtml(item.review)}</span>`);
  if (showArticle && item.article) out.push(`<span>In: <b dir="auto">${esc(item.article.title)}</b></span>`);
  out.push('</div>\n');

  const context = item.context;
  if (context.found) {
    out.push(
      `<blockquote class="context wrap"${articleLangAttrs(item.article)}>` +
        `${context.clippedStart ? '…' : ''}${esc(context.before)}<mark>${esc(context.quote)}</mark>${esc(context.after)}${context.clippedEnd ? '…' : ''}` +
        '</blockquote>\n',
    );
  } else {
    out.push(
      `<blockquote class="context orphaned wrap"${articleLangAttrs(item.article)}><mark>${esc(context.quote)}</mark>` +
        '<span class="label muted" dir="ltr">(This quote is no longer found in the article text as saved: the article changed after the claim was marked.)</span></blockquote>\n',
    );
  }
  out.push('</div>\n');

  const description = item.verdict
    ? item.verdict.description.trim()
    : 'No verdict has been given to this claim yet.';
  out.push(
    `<div class="verdict-box"><span class="eyebrow">Verdict</span><br><span class="verdict-name" dir="auto">${esc(item.verdictLabel)}</span>` +
      (description ? `<span dir="auto">${esc(description)}</span>` : '') +
      '</div>\n',
  );
  if (item.corrections.length > 0) {
    out.push('<div class="claim-corrections">');
    for (const correction of item.corrections)
      out.push(
        `<p class="correction wrap"><b>${correctionHead(correction)}:</b> <span dir="auto">${multiline(correction.text)}</span></p>`,
      );
    out.push('</div>\n');
  }
  if (item.previouslyChecked.length > 0) {
    out.push('<div class="previously-checked">');
    for (const earlier of item.previouslyChecked) out.push(`<p class="wrap">${previouslyCheckedHtml(earlier)}</p>`);
    out.push('</div>\n');
  }

  out.push('<h4>Rationale</h4>\n<div class="rationale">');
  const rationale = claim.rationale.trim() ? parseRationale(claim.rationale) : [];
  if (rationale.length === 0) out.push('<p class="muted">No rationale has been written yet.</p>');
  for (const block of rationale) {
    if (block.kind === 'paragraph')
      out.push(`<p dir="auto">${block.lines.map((line) => inlineHtml(line, item)).join('<br>')}</p>`);
    else
      out.push(
        `<ul dir="auto">${block.items.map((line) => `<li>${inlineHtml(line, item)}</li>`).join('')}</ul>`,
      );
  }
  out.push('</div>\n');

  out.push('<h4>Sources</h4>\n');
  if (item.sources.length === 0) out.push('<p class="no-sources">No sources recorded.</p>\n');
  else {
    out.push('<ol class="sources">\n');
    for (const { number, source } of item.sources) {
      const title = source.title.trim() || source.url.trim() || 'Untitled source';
      let entry = `<bdi class="src-title">${esc(title)}</bdi>`;
      for (const part of sourceLine(source)) entry += `, <bdi>${esc(part)}</bdi>`;
      const details: string[] = [];
      if (source.url.trim()) details.push(link(source.url, 'url'));
      if (source.accessedDate)
        details.push(`<span class="muted">accessed ${esc(formatDate(source.accessedDate))}</span>`);
      if (source.archivedUrl.trim())
        details.push(`<span class="muted">archived copy</span> ${link(source.archivedUrl, 'url')}`);
      if (details.length > 0)
        entry += `<br><span class="src-details">${details.join(' <span class="sep">·</span> ')}</span>`;
      out.push(`<li id="claim-${item.number}-source-${number}" value="${number}">${entry}</li>\n`);
    }
    out.push('</ol>\n');
  }
  out.push('</article>\n');
}

/** "Reviewed by <b>NAME</b> on <time>DATE</time>", or what is known of an approval from before reviewers were recorded. */
function reviewHtml(review: ReportReview): string {
  const date = review.date
    ? `<b><time datetime="${esc(review.date)}">${esc(review.dateLabel)}</time></b>`
    : '';
  if (review.by) return `Reviewed by <b dir="auto">${esc(review.by)}</b>${date ? ` on ${date}` : ''}`;
  return date ? `Approved on ${date} (reviewer not recorded)` : 'Approved (reviewer and date not recorded)';
}

/** "Correction — <time>24 October 2024</time>". */
function correctionHead(correction: ReportCorrection): string {
  return correction.date
    ? `${esc(correction.kindLabel)} — <time datetime="${esc(correction.date)}">${esc(correction.dateLabel)}</time>`
    : esc(correction.kindLabel);
}

function multiline(text: string): string {
  return esc(text).replace(/\n/g, '<br>');
}

/** "1 correction and 2 updates". */
function correctionCount(corrections: readonly ReportCorrection[]): string {
  const count = (kind: ReportCorrection['kind'], one: string, many: string) => {
    const n = corrections.filter((correction) => correction.kind === kind).length;
    return n === 0 ? '' : `${n} ${n === 1 ? one : many}`;
  };
  return [count('correction', 'correction', 'corrections'), count('update', 'update', 'updates')]
    .filter(Boolean)
    .join(' and ');
}

/** Every correction and update note of the report's claims, oldest first, each linked to its claim. */
function correctionsSection(out: string[], model: ReportModel): void {
  if (model.corrections.length === 0) return;
  out.push(
    '<section class="corrections" id="corrections">\n<div class="section-head"><h2>Corrections and updates</h2></div>\n<ol class="correction-log">\n',
  );
  for (const correction of model.corrections) {
    out.push(
      `<li><a class="claim-link" href="#claim-${correction.claimNumber}">Claim ${correction.claimNumber}</a> <span class="sep">·</span> <b>${correctionHead(correction)}</b>` +
        (correction.text ? `<p class="wrap" dir="auto">${multiline(correction.text)}</p>` : '') +
        '</li>\n',
    );
  }
  out.push('</ol>\n</section>\n');
}

/** One line of a rationale: its **bold** and _italic_ as <strong> and <em>, every text escaped. */
function inlineHtml(line: readonly Inline[], item: ReportClaim): string {
  const last = line.length - 1;
  return line
    .map((part, index) => {
      let text = part.text;
      if (index === 0) text = text.trimStart();
      if (index === last) text = text.trimEnd();
      const html = withReferences(text, item);
      if (part.kind === 'bold') return `<strong>${html}</strong>`;
      if (part.kind === 'italic') return `<em>${html}</em>`;
      return html;
    })
    .join('');
}

/** Escapes a paragraph and turns "[1]" into a link to source 1 of the claim; line breaks are kept. */
function withReferences(paragraph: string, item: ReportClaim): string {
  let html = '';
  let last = 0;
  for (const match of paragraph.matchAll(SOURCE_REFERENCE)) {
    const numbers = referencedNumbers(match[1]!, item.sources.length);
    html += esc(paragraph.slice(last, match.index));
    if (numbers.length > 0) {
      const first = numbers[0]!;
      html += `<a class="ref" href="#claim-${item.number}-source-${first}">${esc(match[0])}</a>`;
    } else {
      html += esc(match[0]);
    }
    last = match.index + match[0].length;
  }
  html += esc(paragraph.slice(last));
  return html.replace(/\n/g, '<br>');
}

function endMatter(out: string[], model: ReportModel): void {
  if (!model.methodology && !model.options.includeScale) return;
  out.push('<section class="endmatter">\n');
  if (model.methodology) {
    out.push('<div class="methodology">\n<div class="section-head"><h2>Methodology</h2></div>\n');
    for (const paragraph of paragraphs(model.methodology))
      out.push(`<p dir="auto">${esc(paragraph).replace(/\n/g, '<br>')}</p>\n`);
    out.push('</div>\n');
  }
  if (model.options.includeScale && model.scale.length > 0) {
    const numeric = model.ratingRange !== null;
    out.push(
      '<div class="scale-block">\n<div class="section-head"><h2>The verdict scale</h2></div>\n<table class="scale">\n<thead><tr><th scope="col">Verdict</th><th scope="col">Definition</th>',
    );
    if (numeric) out.push('<th scope="col" class="value">Rating</th>');
    out.push('</tr></thead>\n<tbody>\n');
    for (const verdict of model.scale) {
      const chip = verdictChip({ verdict, verdictLabel: verdict.label });
      out.push(
        `<tr><td class="verdict-cell">${chip}</td><td class="desc" dir="auto">${esc(verdict.description)}</td>`,
      );
      if (numeric)
        out.push(
          `<td class="value">${verdict.ratingValue === null ? '—' : esc(String(verdict.ratingValue))}</td>`,
        );
      out.push('</tr>\n');
    }
    out.push('</tbody>\n</table>\n</div>\n');
  }
  out.push('</section>\n');
}
