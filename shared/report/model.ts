import {
  CLAIM_STATUS_LABELS,
  CORRECTION_KIND_LABELS,
  type Article,
  type Claim,
  type Correction,
  type CorrectionKind,
  type ProjectData,
  type Settings,
  type Source,
  type Verdict,
} from '../domain';
import { previouslyCheckedLine, type PreviouslyCheckedSnapshot } from '../editorial/approval';
import { shortSha256 } from '../attachments/limits';
import { describeMediaType } from '../attachments/mediaTypes';
import { quoteInContext, type QuoteContext } from './context';
import {
  REPORT_CATALOGUES,
  REPORT_DIRECTIONS,
  REPORT_LOCALES,
  defaultReportLanguage,
  en,
  formatReportDate,
  formatReportList,
  formatReportNumber,
  type ReportLanguage,
  type ReportStrings,
} from './i18n';
import { NEUTRAL_COLOUR, safeColour, safeHref, safeLogo } from './escape';
import type { ReportOptions } from './options';
import { selectClaims } from './select';

/** The English label of a claim without a verdict (the CSV's, and the English report's). */
export const NOT_YET_RATED = en.notYetRated;

export interface ReportSource {
  /** 1-based, as the rationale refers to it: [1], [2] … */
  number: number;
  source: Source;
  href: string | null;
  archivedHref: string | null;
  /** The evidence files kept with the source (issue 13), oldest first. */
  evidence: ReportEvidence[];
}

/** An evidence file as main reads it for a report (a row of `attachments`). */
export interface ReportEvidenceInput {
  sourceId: string;
  name: string;
  mediaType: string;
  sha256: string;
  kind: string;
  /** ISO, for captures; '' otherwise. */
  capturedAt: string;
  addedAt: string;
  /** A capture's screenshot as a data: URI, when the report asked for screenshots; else absent. */
  screenshotDataUri?: string;
}

/** One evidence file as every format prints it: name, type, capture time, SHA-256. */
export interface ReportEvidence {
  name: string;
  /** "PDF", "PNG image", "MHTML snapshot" … */
  typeLabel: string;
  /** ISO capture time, or '' when the file was attached rather than captured. */
  capturedAt: string;
  sha256: string;
  /** The first 12 hex digits (the full value goes in an HTML title or the Markdown text). */
  shortSha256: string;
  /** A data: URI of a capture's screenshot, only with the option includeScreenshots. */
  screenshot: string | null;
}

/** Who approved a claim and when, as a report prints it ("Reviewed by NAME on DATE"). */
export interface ReportReview {
  /** The reviewer's name; '' for an approval from before reviewers were recorded. */
  by: string;
  /** YYYY-MM-DD (local day of the approval), or '' when the time is unknown. */
  date: string;
  /** "24 October 2024", or ''. */
  dateLabel: string;
}

/** A correction or update note, as printed under its claim and in the report's corrections section. */
export interface ReportCorrection {
  claimId: string;
  /** The claim's stable number ("Claim 7"). */
  claimNumber: number;
  kind: CorrectionKind;
  /** "Correction" or "Update", in the report's language. */
  kindLabel: string;
  /** YYYY-MM-DD (local day it was written). */
  date: string;
  /** "24 October 2024". */
  dateLabel: string;
  text: string;
}

/**
 * A project's data with its claims' links to earlier checks ("Previously checked", the snapshot
 * each link took), which main reads beside the project (main/reports/exportReport.ts).
 */
export type ReportData = ProjectData & {
  previouslyChecked?: readonly (PreviouslyCheckedSnapshot & { claimId: string; statement: string })[];
  /** The evidence files of the project's sources (main/reports/exportReport.ts). */
  evidence?: readonly ReportEvidenceInput[];
};

/** An earlier check the claim was linked to, as every format prints it. */
export interface ReportPreviouslyChecked {
  publisher: string;
  /** YYYY-MM-DD or ''. */
  date: string;
  rating: string;
  /** The earlier check's http(s) address, or null (a library claim has none). */
  href: string | null;
  statement: string;
  /** "PolitiFact, 2024-05-02, False, https://…": the text the approval seal holds. */
  line: string;
}

export interface ReportClaim {
  /** The claim's stable number in its project ("Claim 7"): the same in every report and format. */
  number: number;
  claim: Claim;
  article: Article | null;
  verdict: Verdict | null;
  verdictLabel: string;
  colour: string;
  statusLabel: string;
  approved: boolean;
  /** The quote (always the claim's stored quote, `claim.anchor.exact`) in the sentence around it. */
  context: QuoteContext;
  sources: ReportSource[];
  /** Who approved the claim and when; null when the claim is not approved. */
  review: ReportReview | null;
  /** The claim's correction and update notes, oldest first. */
  corrections: ReportCorrection[];
  /** Earlier checks of the same claim ("Previously checked"), in the order they were linked. */
  previouslyChecked: ReportPreviouslyChecked[];
}

export interface VerdictCount {
  verdict: Verdict | null;
  label: string;
  colour: string;
  count: number;
}

/** Everything every format renders, computed once: the formats differ only in how they write it. */
export interface ReportModel {
  /** The language of every label, date and count (options.language, else the articles' language). */
  language: ReportLanguage;
  /** Its catalogue (./i18n). */
  strings: ReportStrings;
  /** "rtl" for Arabic: the whole document is set right to left. */
  direction: 'ltr' | 'rtl';
  title: string;
  projectTitle: string;
  summary: string;
  organisationName: string;
  logo: string | null;
  authors: string;
  /** YYYY-MM-DD, the day the report was made. */
  date: string;
  /** "21 October 2024", in the report's language. */
  dateLabel: string;
  reportUrl: string | null;
  /** The articles of the report (those with a claim in it, or every article when it has no claim). */
  articles: Article[];
  claims: ReportClaim[];
  /** Claims in the project, whatever the selection. */
  projectClaimCount: number;
  unapprovedCount: number;
  /** Distinct names of the reviewers of the report's approved claims, alphabetical. */
  reviewers: string[];
  /** Approved claims of the report whose approval records no reviewer (approved before reviewers were recorded). */
  unrecordedReviewerCount: number;
  /** Every correction and update note of the report's claims, oldest first (the corrections section). */
  corrections: ReportCorrection[];
  /** True when any claim in the report is not approved: the report carries a "Draft" watermark. */
  draft: boolean;
  emptyReason: null | 'project-has-no-claims' | 'selection-has-no-claims';
  scale: Verdict[];
  tally: VerdictCount[];
  /** From the scale's numeric values, for ClaimReview; null when the scale has no numbers. */
  ratingRange: { best: number; worst: number } | null;
  methodology: string | null;
  options: ReportOptions;
}

/** The standard methodology note, in English (each catalogue has its own: `defaultMethodology`). */
export const DEFAULT_METHODOLOGY = en.defaultMethodology;

/** "2024-10-21" → "21 October 2024" (in the language given, English by default); anything else as it is. */
export function formatDate(isoDate: string, language: ReportLanguage = 'en'): string {
  return formatReportDate(isoDate, language);
}

const STATUS_KEYS = {
  unchecked: 'statusUnchecked',
  researching: 'statusResearching',
  in_review: 'statusInReview',
  approved: 'statusApproved',
} as const satisfies Record<Claim['status'], keyof ReportStrings>;

const CORRECTION_KIND_KEYS = {
  correction: 'kindCorrection',
  update: 'kindUpdate',
} as const satisfies Record<CorrectionKind, keyof ReportStrings>;

/** The local calendar day of an instant, as YYYY-MM-DD. */
export function localDate(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function buildReportModel(
  data: ReportData,
  settings: Settings,
  options: ReportOptions,
  now: Date,
): ReportModel {
  const scale = [...data.verdicts].sort((a, b) => a.position - b.position);
  const verdictsById = new Map(scale.map((verdict) => [verdict.id, verdict]));
  const articlesById = new Map(data.articles.map((article) => [article.id, article]));
  const sourcesByClaim = new Map<string, Source[]>();
  for (const source of data.sources) {
    const list = sourcesByClaim.get(source.claimId) ?? [];
    list.push(source);
    sourcesByClaim.set(source.claimId, list);
  }

  const correctionsByClaim = new Map<string, Correction[]>();
  for (const correction of data.corrections ?? []) {
    const list = correctionsByClaim.get(correction.claimId) ?? [];
    list.push(correction);
    correctionsByClaim.set(correction.claimId, list);
  }

  const linksByClaim = new Map<string, ReportPreviouslyChecked[]>();
  for (const link of data.previouslyChecked ?? []) {
    const list = linksByClaim.get(link.claimId) ?? [];
    list.push({
      publisher: link.publisher.trim(),
      date: link.date,
      rating: link.rating.trim(),
      href: safeHref(link.url),
      statement: link.statement.trim(),
      line: previouslyCheckedLine(link),
    });
    linksByClaim.set(link.claimId, list);
  }

  const evidenceBySource = new Map<string, ReportEvidence[]>();
  for (const item of [...(data.evidence ?? [])].sort((a, b) => (a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : 0))) {
    const list = evidenceBySource.get(item.sourceId) ?? [];
    list.push(reportEvidence(item, options.includeScreenshots === true));
    evidenceBySource.set(item.sourceId, list);
  }

  const selected = selectClaims(data, options.claims);
  const reportArticleIds = new Set(selected.map((claim) => claim.articleId));
  const articles =
    selected.length > 0 ? data.articles.filter((article) => reportArticleIds.has(article.id)) : data.articles;
  const language = options.language ?? defaultReportLanguage(articles);
  const strings = REPORT_CATALOGUES[language];
  const dateIn = (isoDate: string) => (isoDate ? formatReportDate(isoDate, language) : '');

  const claims: ReportClaim[] = selected.map((claim) => {
    const article = articlesById.get(claim.articleId) ?? null;
    const verdict = claim.verdictId === null ? null : (verdictsById.get(claim.verdictId) ?? null);
    const sources = [...(sourcesByClaim.get(claim.id) ?? [])]
      .sort((a, b) => a.position - b.position || (a.createdAt < b.createdAt ? -1 : 1))
      .map((source, position) => ({
        number: position + 1,
        source,
        href: safeHref(source.url),
        archivedHref: safeHref(source.archivedUrl),
        evidence: evidenceBySource.get(source.id) ?? [],
      }));
    const approved = claim.status === 'approved';
    return {
      number: claim.number,
      claim,
      article,
      verdict,
      verdictLabel: verdict?.label ?? strings.notYetRated,
      colour: verdict ? safeColour(verdict.colour) : NEUTRAL_COLOUR,
      statusLabel: strings[STATUS_KEYS[claim.status]] ?? CLAIM_STATUS_LABELS[claim.status] ?? claim.status,
      approved,
      context: storedQuoteInContext(claim, article),
      sources,
      review: approved ? reviewOf(claim, dateIn) : null,
      corrections: [...(correctionsByClaim.get(claim.id) ?? [])]
        .sort(byCreation)
        .map((correction) => reportCorrection(correction, claim.number, strings, dateIn)),
      previouslyChecked: linksByClaim.get(claim.id) ?? [],
    };
  });

  const tally: VerdictCount[] = [];
  for (const verdict of scale) {
    const count = claims.filter((item) => item.verdict?.id === verdict.id).length;
    if (count > 0) tally.push({ verdict, label: verdict.label, colour: safeColour(verdict.colour), count });
  }
  const unrated = claims.filter((item) => item.verdict === null).length;
  if (unrated > 0)
    tally.push({ verdict: null, label: strings.notYetRated, colour: NEUTRAL_COLOUR, count: unrated });

  const numbers = scale
    .map((verdict) => verdict.ratingValue)
    .filter((value): value is number => value !== null);
  const unapprovedCount = claims.filter((item) => !item.approved).length;
  const reviews = claims.flatMap((item) => (item.review ? [item.review] : []));
  const reviewers = [...new Set(reviews.map((review) => review.by).filter(Boolean))].sort((a, b) =>
    a.localeCompare(b, REPORT_LOCALES[language]),
  );
  const claimOrder = new Map(claims.map((item, index) => [item.claim.id, index]));
  const corrections = claims
    .flatMap((item) => item.corrections)
    .sort(
      (a, b) =>
        (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
        claimOrder.get(a.claimId)! - claimOrder.get(b.claimId)!,
    );
  const date = localDate(now);

  return {
    language,
    strings,
    direction: REPORT_DIRECTIONS[language],
    title: options.title.trim() || data.project.title.trim() || strings.reportKind,
    projectTitle: data.project.title,
    summary: data.project.description.trim(),
    organisationName: settings.organisationName.trim(),
    logo: safeLogo(settings.organisationLogo),
    authors: options.authors.trim() || settings.authorName.trim(),
    date,
    dateLabel: dateIn(date),
    reportUrl: reportUrl(settings.reportBaseUrl, data.project.title),
    articles,
    claims,
    projectClaimCount: data.claims.length,
    unapprovedCount,
    reviewers,
    unrecordedReviewerCount: reviews.filter((review) => !review.by).length,
    corrections,
    draft: unapprovedCount > 0,
    emptyReason:
      claims.length > 0
        ? null
        : data.claims.length === 0
          ? 'project-has-no-claims'
          : 'selection-has-no-claims',
    scale,
    tally,
    ratingRange: numbers.length > 0 ? { best: Math.max(...numbers), worst: Math.min(...numbers) } : null,
    methodology: options.includeMethodology ? options.methodology.trim() || strings.defaultMethodology : null,
    options,
  };
}

/**
 * The claim's quote in its context. The printed quote is always the stored quote
 * (`claim.anchor.exact`): article text is shown around it only when the text at the anchor is
 * exactly that quote (`quoteInContext` checks). When the article was edited since (an orphaned
 * claim, or a quote the edit changed, `quoteChangedFrom`) and the anchor no longer holds the stored
 * quote, the report shows the stored quote alone with a note, never the article's other words.
 */
export function storedQuoteInContext(claim: Claim, article: Article | null): QuoteContext {
  const unanchored = { ...claim.anchor, start: -1 };
  const context =
    article && claim.anchorState !== 'orphaned'
      ? quoteInContext(article.text, claim.anchor)
      : quoteInContext('', unanchored);
  // quoteInContext gives the stored quote back; this keeps it so should that ever change.
  return context.quote === claim.anchor.exact ? context : quoteInContext('', unanchored);
}

/** The local calendar day of an ISO timestamp, or '' when it is not one. */
function dayOf(timestamp: string): string {
  if (!timestamp) return '';
  const time = new Date(timestamp);
  return Number.isNaN(time.getTime()) ? '' : localDate(time);
}

function reviewOf(claim: Claim, dateIn: (isoDate: string) => string): ReportReview {
  const approval = claim.approval ?? { by: '', at: '', seal: '' };
  const date = dayOf(approval.at);
  return { by: approval.by.replace(/\s+/g, ' ').trim(), date, dateLabel: dateIn(date) };
}

const byCreation = (a: Correction, b: Correction) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

function reportCorrection(
  correction: Correction,
  claimNumber: number,
  strings: ReportStrings,
  dateIn: (isoDate: string) => string,
): ReportCorrection {
  const date = dayOf(correction.createdAt);
  return {
    claimId: correction.claimId,
    claimNumber,
    kind: correction.kind,
    kindLabel:
      strings[CORRECTION_KIND_KEYS[correction.kind]] ?? CORRECTION_KIND_LABELS[correction.kind] ?? correction.kind,
    date,
    dateLabel: dateIn(date),
    text: correction.text.trim(),
  };
}

/**
 * "Reviewed by Ola Nordmann on 24 October 2024" (in the report's language). An approval from
 * before reviewers were recorded says only what is known: "Approved on 24 October 2024 (reviewer not recorded)".
 */
export function reviewText(review: ReportReview, strings: ReportStrings = en): string {
  if (review.by)
    return review.dateLabel ? strings.reviewedByOn(review.by, review.dateLabel) : strings.reviewedBy(review.by);
  return review.dateLabel ? strings.approvedOnUnrecorded(review.dateLabel) : strings.approvedUnrecorded;
}

/**
 * The cover's list of reviewers: "Reviewers: Kari Lie and Ola Nordmann", with the approvals that
 * record no reviewer counted; null when the report has no approved claim. `number` prints a count
 * (the HTML isolates it for right-to-left text) and `text` the names and words (the HTML escapes them).
 */
export function reviewersText(
  model: ReportModel,
  number: (value: number) => string = (value) => formatReportNumber(value, model.language),
  text: (value: string) => string = (value) => value,
): string | null {
  const { strings } = model;
  const names = model.reviewers;
  const unrecorded = model.unrecordedReviewerCount;
  if (names.length === 0 && unrecorded === 0) return null;
  const earlier = strings.earlierApprovals(unrecorded, number(unrecorded));
  const head = text(`${strings.reviewers}${strings.colon}`);
  if (names.length === 0) return `${head}${text(strings.reviewersNotRecorded)} (${earlier})`;
  return `${head}${text(formatReportList(names, model.language))}${unrecorded > 0 ? `; ${earlier}` : ''}`;
}

/** "Correction — 24 October 2024: text", as printed under a claim. */
export function correctionText(correction: ReportCorrection, strings: ReportStrings = en): string {
  const head = correction.dateLabel
    ? `${correction.kindLabel} — ${correction.dateLabel}`
    : correction.kindLabel;
  return correction.text ? `${head}${strings.colon}${correction.text}` : head;
}

/**
 * Where the report is published, from Settings: an address ending in "/" is a folder, and the
 * project's slug is added ("https://desk.example/checks/" → ".../checks/peskov-on-dprk"); any other
 * address is the report's own. Null when not set.
 */
export function reportUrl(baseUrl: string, projectTitle: string): string | null {
  const base = safeHref(baseUrl);
  if (!base) return null;
  if (!base.endsWith('/')) return base;
  const slug = projectTitle
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug ? `${base}${encodeURIComponent(slug)}` : base;
}

/** The sentence a report shows when there is no claim to show. */
export function emptyReportMessage(model: ReportModel): string {
  const { strings } = model;
  if (model.emptyReason === 'project-has-no-claims') return strings.noClaimsYet;
  return strings.noClaimsMatch(formatReportNumber(model.projectClaimCount, model.language), describeSelection(model));
}

export function describeSelection(model: ReportModel): string {
  const { strings } = model;
  const selection = model.options.claims;
  if (selection.kind === 'all') return strings.selectionAll;
  if (selection.kind === 'approved') return strings.selectionApproved;
  const labels = selection.verdictIds.map((id) =>
    id === null ? strings.notYetRated : (model.scale.find((v) => v.id === id)?.label ?? strings.deletedVerdict),
  );
  return labels.length > 0 ? strings.selectionVerdicts(labels.join(', ')) : strings.selectionNoVerdict;
}

/** Splits text into paragraphs at blank lines; single line breaks stay inside a paragraph. */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);
}

/** Source references in a rationale: "[1]", "[2, 3]", "[1–3]". */
export const SOURCE_REFERENCE = /\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]/g;

/** The numbers a reference names ("2, 4–5" → [2, 4, 5]); empty if any is not a source of the claim. */
export function referencedNumbers(body: string, sourceCount: number): number[] {
  const numbers: number[] = [];
  for (const part of body.split(',')) {
    const range = /^\s*(\d+)\s*(?:[–-]\s*(\d+))?\s*$/.exec(part);
    if (!range) return [];
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (to < from || to - from > 50) return [];
    for (let n = from; n <= to; n++) numbers.push(n);
  }
  return numbers.every((n) => n >= 1 && n <= sourceCount) ? numbers : [];
}

export function sourceLine(source: Source, language: ReportLanguage = 'en'): string[] {
  return [source.publisher.trim(), source.publishedDate ? formatDate(source.publishedDate, language) : ''].filter(
    Boolean,
  );
}

export function claimArticleLabel(article: Article | null): string {
  if (!article) return '';
  return [article.title, article.outlet].filter((part) => part.trim()).join(' — ');
}

/** Screenshots are embedded only as PNG/JPEG/WebP data: URIs (never another scheme). */
const SCREENSHOT_URI = /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/=]+$/;

function reportEvidence(item: ReportEvidenceInput, includeScreenshots: boolean): ReportEvidence {
  const screenshot =
    includeScreenshots && item.kind === 'capture-screenshot' && item.screenshotDataUri && SCREENSHOT_URI.test(item.screenshotDataUri)
      ? item.screenshotDataUri
      : null;
  return {
    name: item.name,
    typeLabel: describeMediaType(item.mediaType),
    capturedAt: item.capturedAt,
    sha256: item.sha256,
    shortSha256: shortSha256(item.sha256),
    screenshot,
  };
}

/** "2 May 2024, 10:00 UTC": when a capture was taken. */
export function evidenceTime(capturedAt: string, language: ReportLanguage): string {
  const time = /T(\d{2}:\d{2})/.exec(capturedAt)?.[1];
  const day = formatDate(capturedAt.slice(0, 10), language);
  return time ? `${day}, ${time} UTC` : day;
}
