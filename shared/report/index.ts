/** Report rendering: project data → HTML (preview, HTML export, PDF), Markdown, CSV and ClaimReview JSON-LD. */
export * from './options';
export { renderReportHtml, renderModelHtml, REPORT_CSP } from './html';
export { renderReportMarkdown, renderModelMarkdown, escapeMarkdown } from './markdown';
export { renderReportCsv, renderModelCsv, CSV_COLUMNS, neutraliseFormula } from './csv';
export {
  buildClaimReviews,
  claimReviewItems,
  claimantThing,
  plainRationale,
  renderClaimReviewJsonLd,
  renderModelClaimReviewJsonLd,
  ClaimReviewSchema,
  ClaimReviewList,
  truncateClaim,
  CLAIM_REVIEWED_MAX,
  type ClaimReview,
} from './claimReview';
export {
  buildReportModel,
  NOT_YET_RATED,
  DEFAULT_METHODOLOGY,
  reviewText,
  reviewersText,
  correctionText,
  storedQuoteInContext,
  type ReportModel,
  type ReportClaim,
  type ReportCorrection,
  type ReportData,
  type ReportPreviouslyChecked,
  type ReportReview,
} from './model';
export { selectClaims, sortInReadingOrder } from './select';
export { quoteInContext, type QuoteContext } from './context';
export { pdfFooterTemplate, PDF_HEADER_TEMPLATE, PRINT_MARGINS, PRINT_MARGINS_INCHES } from './print';
