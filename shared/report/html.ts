import type { Article, Settings, Verdict } from '../domain';
import { parseRationale, type Inline } from '../text/rationaleFormat';
import { escapeHtml as esc, safeColour, safeHref, safeLang, textColourOn } from './escape';
import { formatReportList, formatReportNumber, type ReportStrings } from './i18n';
import {
  buildReportModel,
  describeSelection,
  emptyReportMessage,
  evidenceTime,
  formatDate,
  paragraphs,
  referencedNumbers,
  reviewersText,
  SOURCE_REFERENCE,
  sourceLine,
  type ReportClaim,
  type ReportCorrection,
  type ReportData,
  type ReportEvidence,
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
    `<!DOCTYPE html>\n<html lang="${esc(model.language)}" dir="${model.direction}">\n<head>\n<meta charset="utf-8">\n`,
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
    `<footer class="colophon"><span dir="auto">${esc(model.title)}</span><span>${model.strings.madeWith(dateHtml(model.date, model.dateLabel))}</span></footer>\n`,
    '</main>\n</body>\n</html>\n',
  );
  return out.join('');
}

/**
 * Text of mixed direction inside a right-to-left report (a number, a verdict name, a selection),
 * isolated so it keeps its place and its own order ("<bdi>12</bdi>"); left-to-right reports need
 * no isolation there and print it as it is.
 */
function isolated(model: ReportModel, html: string): string {
  return model.direction === 'rtl' ? `<bdi>${html}</bdi>` : html;
}

/** A count in the report language's digits, isolated in right-to-left text. */
function numberHtml(model: ReportModel, value: number): string {
  return isolated(model, esc(formatReportNumber(value, model.language)));
}

/** A date as a <time> element (isolated from the text around it by the report CSS). */
function dateHtml(isoDate: string, label: string): string {
  return `<time datetime="${esc(isoDate)}">${esc(label)}</time>`;
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
  const t = model.strings;
  const claimCount = model.claims.length;
  out.push('<header class="cover">\n<div class="masthead"><div class="org">');
  if (model.logo) out.push(`<img src="${esc(model.logo)}" alt="${esc(model.organisationName || t.logoAlt)}">`);
  if (model.organisationName)
    out.push(`<span class="org-name" dir="auto">${esc(model.organisationName)}</span>`);
  out.push(`</div><span class="eyebrow">${esc(t.reportKind)}</span></div>\n`);
  out.push(`<h1 dir="auto">${esc(model.title)}</h1>\n<div class="byline">`);
  if (model.authors) out.push(`<span>${t.byAuthors(`<b dir="auto">${esc(model.authors)}</b>`)}</span>`);
  out.push(`<span>${dateHtml(model.date, model.dateLabel)}</span>`);
  out.push(`<span>${t.claimsChecked(claimCount, numberHtml(model, claimCount))}</span>`);
  if (model.options.claims.kind !== 'all')
    out.push(`<span>${esc(t.selection)}${t.colon}${isolated(model, esc(describeSelection(model)))}</span>`);
  if (model.corrections.length > 0)
    out.push(`<span><a href="#corrections">${correctionCount(model)}</a></span>`);
  out.push('</div>\n');
  const reviewers = reviewersText(model, (value) => numberHtml(model, value), esc);
  if (reviewers) out.push(`<div class="reviewers" dir="auto">${reviewers}</div>\n`);
  if (model.draft) {
    out.push(
      `<div class="draft-note"><strong>${esc(t.draft)}</strong><span>${t.draftNotice(numberHtml(model, model.unapprovedCount), numberHtml(model, claimCount), claimCount)}</span></div>\n`,
    );
  }
  for (const paragraph of paragraphs(model.summary))
    out.push(`<p class="standfirst wrap" dir="auto">${esc(paragraph)}</p>\n`);
  if (model.tally.length > 0) {
    out.push(`<div class="tally"><span class="total">${esc(t.verdicts)}</span>`);
    for (const entry of model.tally) {
      out.push(
        `<span class="tally-item"><span class="swatch ${verdictClass(entry.verdict)}"></span>${isolated(model, esc(entry.label))} <b>${numberHtml(model, entry.count)}</b></span>`,
      );
    }
    out.push('</div>\n');
  }
  out.push('</header>\n');
}

function articlesBlock(out: string[], model: ReportModel): void {
  const t = model.strings;
  const heading = model.articles.length > 1 ? t.articlesChecked : t.articleChecked;
  out.push(`<section class="articles">\n<div class="section-head"><h2>${esc(heading)}</h2></div>\n`);
  if (model.articles.length === 0) out.push(`<p class="empty">${esc(t.noArticles)}</p>\n`);
  for (const article of model.articles) {
    out.push(`<div class="article-card">\n<h3${articleLangAttrs(article)}>${esc(article.title)}</h3>\n<dl>`);
    const row = (label: string, value: string) => out.push(`<dt>${esc(label)}</dt><dd>${value}</dd>`);
    if (article.outlet.trim()) row(t.outlet, `<bdi>${esc(article.outlet)}</bdi>`);
    if (article.author.trim()) row(t.author, `<bdi>${esc(article.author)}</bdi>`);
    if (article.publishedDate)
      row(t.published, dateHtml(article.publishedDate, formatDate(article.publishedDate, model.language)));
    if (article.url.trim()) row(t.url, link(article.url, 'url'));
    out.push('</dl>\n</div>\n');
  }
  out.push('</section>\n');
}

/** "<b>Previously checked:</b> PolitiFact, 2 May 2024, False, <a>https://…</a>". */
function previouslyCheckedHtml(earlier: ReportPreviouslyChecked, model: ReportModel): string {
  const t = model.strings;
  const parts = [earlier.publisher, earlier.date ? formatDate(earlier.date, model.language) : '', earlier.rating]
    .filter(Boolean)
    .map((part) => `<span dir="auto">${esc(part)}</span>`);
  if (earlier.href) parts.push(link(earlier.href, 'previously-checked-link'));
  const title = earlier.statement ? ` title="${esc(earlier.statement)}"` : '';
  return `<b${title}>${esc(`${t.previouslyChecked}${t.colon}`.trimEnd())}</b> ${parts.join(', ')}`;
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
  const t = model.strings;
  out.push(`<section class="summary">\n<div class="section-head"><h2>${esc(t.summaryOfClaims)}</h2>`);
  if (model.claims.length > 0)
    out.push(`<span class="count">${t.claimCount(model.claims.length, numberHtml(model, model.claims.length))}</span>`);
  out.push('</div>\n');
  if (model.claims.length === 0) {
    out.push(`<p class="empty">${esc(emptyReportMessage(model))}</p>\n</section>\n`);
    return;
  }
  out.push(
    `<table class="summary-table">\n<thead><tr><th class="num" scope="col">#</th><th scope="col">${esc(t.claim)}</th><th scope="col">${esc(t.claimant)}</th><th scope="col">${esc(t.verdict)}</th><th scope="col">${esc(t.status)}</th></tr></thead>\n<tbody>\n`,
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
    `<section class="claims-detail">\n<div class="section-head"><h2>${esc(model.strings.claimsInDetail)}</h2></div>\n`,
  );
  for (const item of model.claims) claimSection(out, item, model);
  out.push('</section>\n');
}

function claimSection(out: string[], item: ReportClaim, model: ReportModel): void {
  const t = model.strings;
  const showArticle = model.articles.length > 1;
  const label = (text: string) => esc(`${text}${t.colon}`);
  const { claim } = item;
  const statement = claim.statement.trim() || claim.anchor.exact;
  out.push(
    `<article class="claim ${verdictClass(item.verdict)}" id="claim-${item.number}">\n<div class="claim-top">\n`,
  );
  out.push(
    `<div class="claim-bar"><span class="claim-no">${t.claimNumber(numberHtml(model, item.number))}</span>${verdictChip(item, true)}</div>\n`,
  );
  out.push(
    `<h3 class="wrap"${articleLangAttrs(item.article)}>${esc(statement)}</h3>\n<div class="claim-meta">`,
  );
  out.push(`<span>${label(t.claimant)}<b dir="auto">${esc(claim.claimant.trim() || t.notRecorded)}</b></span>`);
  if (claim.claimDate)
    out.push(
      `<span>${label(t.claimDate)}<b>${dateHtml(claim.claimDate, formatDate(claim.claimDate, model.language))}</b></span>`,
    );
  out.push(`<span>${label(t.status)}${statusBadge(item)}</span>`);
  if (item.review) out.push(`<span class="reviewed">${reviewHtml(item.review, t)}</span>`);
  if (showArticle && item.article)
    out.push(`<span>${label(t.inArticle)}<b dir="auto">${esc(item.article.title)}</b></span>`);
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
        `<span class="label muted" lang="${esc(model.language)}" dir="${model.direction}">${esc(t.quoteNotFound)}</span></blockquote>\n`,
    );
  }
  out.push('</div>\n');

  const description = item.verdict ? item.verdict.description.trim() : t.noVerdictYet;
  out.push(
    `<div class="verdict-box"><span class="eyebrow">${esc(t.verdict)}</span><br><span class="verdict-name" dir="auto">${esc(item.verdictLabel)}</span>` +
      (description ? `<span dir="auto">${esc(description)}</span>` : '') +
      '</div>\n',
  );
  if (item.corrections.length > 0) {
    out.push('<div class="claim-corrections">');
    for (const correction of item.corrections)
      out.push(
        `<p class="correction wrap"><b>${correctionHead(correction)}${esc(t.colon.trimEnd())}</b> <span dir="auto">${multiline(correction.text)}</span></p>`,
      );
    out.push('</div>\n');
  }
  if (item.previouslyChecked.length > 0) {
    out.push('<div class="previously-checked">');
    for (const earlier of item.previouslyChecked)
      out.push(`<p class="wrap">${previouslyCheckedHtml(earlier, model)}</p>`);
    out.push('</div>\n');
  }

  out.push(`<h4>${esc(t.rationale)}</h4>\n<div class="rationale">`);
  const rationale = claim.rationale.trim() ? parseRationale(claim.rationale) : [];
  if (rationale.length === 0) out.push(`<p class="muted">${esc(t.noRationale)}</p>`);
  for (const block of rationale) {
    if (block.kind === 'paragraph')
      out.push(`<p dir="auto">${block.lines.map((line) => inlineHtml(line, item)).join('<br>')}</p>`);
    else
      out.push(
        `<ul dir="auto">${block.items.map((line) => `<li>${inlineHtml(line, item)}</li>`).join('')}</ul>`,
      );
  }
  out.push('</div>\n');

  out.push(`<h4>${esc(t.sources)}</h4>\n`);
  if (item.sources.length === 0) out.push(`<p class="no-sources">${esc(t.noSources)}</p>\n`);
  else {
    out.push('<ol class="sources">\n');
    for (const { number, source, evidence } of item.sources) {
      const title = source.title.trim() || source.url.trim() || t.untitledSource;
      let entry = `<bdi class="src-title">${esc(title)}</bdi>`;
      for (const part of sourceLine(source, model.language)) entry += `, <bdi>${esc(part)}</bdi>`;
      const details: string[] = [];
      if (source.url.trim()) details.push(link(source.url, 'url'));
      if (source.accessedDate)
        details.push(
          `<span class="muted">${t.accessed(dateHtml(source.accessedDate, formatDate(source.accessedDate, model.language)))}</span>`,
        );
      if (source.archivedUrl.trim())
        details.push(`<span class="muted">${esc(t.archivedCopy)}</span> ${link(source.archivedUrl, 'url')}`);
      if (details.length > 0)
        entry += `<br><span class="src-details">${details.join(' <span class="sep">·</span> ')}</span>`;
      if (evidence.length > 0) entry += evidenceHtml(evidence, model.language, t);
      out.push(`<li id="claim-${item.number}-source-${number}" value="${number}">${entry}</li>\n`);
    }
    out.push('</ol>\n');
  }
  out.push('</article>\n');
}

/** "Reviewed by <b>NAME</b> on <time>DATE</time>", or what is known of an approval from before reviewers were recorded. */
function reviewHtml(review: ReportReview, t: ReportStrings): string {
  const date = review.date ? `<b>${dateHtml(review.date, review.dateLabel)}</b>` : '';
  if (review.by) {
    const name = `<b dir="auto">${esc(review.by)}</b>`;
    return date ? t.reviewedByOn(name, date) : t.reviewedBy(name);
  }
  return date ? t.approvedOnUnrecorded(date) : esc(t.approvedUnrecorded);
}

/** "Correction — <time>24 October 2024</time>". */
function correctionHead(correction: ReportCorrection): string {
  return correction.date
    ? `${esc(correction.kindLabel)} — ${dateHtml(correction.date, correction.dateLabel)}`
    : esc(correction.kindLabel);
}

function multiline(text: string): string {
  return esc(text).replace(/\n/g, '<br>');
}

/** "1 correction and 2 updates", in the report's language, its numbers isolated. */
function correctionCount(model: ReportModel): string {
  const t = model.strings;
  const count = (kind: ReportCorrection['kind'], words: (count: number, shown?: string) => string) => {
    const n = model.corrections.filter((correction) => correction.kind === kind).length;
    return n === 0 ? '' : words(n, numberHtml(model, n));
  };
  return formatReportList(
    [count('correction', t.correctionCount), count('update', t.updateCount)].filter(Boolean),
    model.language,
  );
}

/** Every correction and update note of the report's claims, oldest first, each linked to its claim. */
function correctionsSection(out: string[], model: ReportModel): void {
  if (model.corrections.length === 0) return;
  out.push(
    `<section class="corrections" id="corrections">\n<div class="section-head"><h2>${esc(model.strings.correctionsAndUpdates)}</h2></div>\n<ol class="correction-log">\n`,
  );
  for (const correction of model.corrections) {
    out.push(
      `<li><a class="claim-link" href="#claim-${correction.claimNumber}">${model.strings.claimNumber(numberHtml(model, correction.claimNumber))}</a> <span class="sep">·</span> <b>${correctionHead(correction)}</b>` +
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
  const t = model.strings;
  out.push('<section class="endmatter">\n');
  if (model.methodology) {
    out.push(`<div class="methodology">\n<div class="section-head"><h2>${esc(t.methodology)}</h2></div>\n`);
    for (const paragraph of paragraphs(model.methodology))
      out.push(`<p dir="auto">${esc(paragraph).replace(/\n/g, '<br>')}</p>\n`);
    out.push('</div>\n');
  }
  if (model.options.includeScale && model.scale.length > 0) {
    const numeric = model.ratingRange !== null;
    out.push(
      `<div class="scale-block">\n<div class="section-head"><h2>${esc(t.verdictScale)}</h2></div>\n<table class="scale">\n<thead><tr><th scope="col">${esc(t.verdict)}</th><th scope="col">${esc(t.definition)}</th>`,
    );
    if (numeric) out.push(`<th scope="col" class="value">${esc(t.rating)}</th>`);
    out.push('</tr></thead>\n<tbody>\n');
    for (const verdict of model.scale) {
      const chip = verdictChip({ verdict, verdictLabel: verdict.label });
      out.push(
        `<tr><td class="verdict-cell">${chip}</td><td class="desc" dir="auto">${esc(verdict.description)}</td>`,
      );
      if (numeric)
        out.push(
          `<td class="value">${verdict.ratingValue === null ? '—' : numberHtml(model, verdict.ratingValue)}</td>`,
        );
      out.push('</tr>\n');
    }
    out.push('</tbody>\n</table>\n</div>\n');
  }
  out.push('</section>\n');
}

/** A source's evidence: name, type, capture time, short SHA-256 with the full value as its title. */
function evidenceHtml(evidence: readonly ReportEvidence[], language: ReportModel['language'], t: ReportStrings): string {
  const items = evidence.map((file) => {
    const parts = [`<bdi>${esc(file.name)}</bdi>`, esc(file.typeLabel)];
    if (file.capturedAt) parts.push(`${esc(t.evidenceCaptured)} ${dateHtml(file.capturedAt, evidenceTime(file.capturedAt, language))}`);
    parts.push(`SHA-256 <code title="${esc(file.sha256)}">${esc(file.shortSha256)}</code>`);
    const shot = file.screenshot ? `<br><img class="evidence-screenshot" src="${esc(file.screenshot)}" alt="${esc(file.name)}">` : '';
    return `<li>${parts.join(' <span class="sep">·</span> ')}${shot}</li>`;
  });
  return `<div class="evidence"><span class="muted">${esc(t.evidence)}${esc(t.colon.trimEnd())}</span><ul>${items.join('')}</ul></div>`;
}
