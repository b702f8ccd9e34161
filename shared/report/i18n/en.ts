import { plural } from './plural';

const p = (forms: Parameters<typeof plural>[1]) => plural('en-GB', forms);

/**
 * Every word the HTML, PDF and Markdown report prints, in English. This catalogue defines the keys:
 * the others are typed `ReportStrings`, so a missing key is a type error. Functions take what they
 * insert as printed text (already escaped and isolated by the HTML renderer); a count chooses its
 * plural form through Intl.PluralRules (./plural.ts).
 */
export const en = {
  /** The language's own name, for the report language choice. */
  languageName: 'English',
  reportKind: 'Fact-check report',
  orgReportLine: (organisation: string) => `${organisation} — fact-check report`,
  logoAlt: 'Logo',
  colon: ': ',
  byAuthors: (authors: string) => `By ${authors}`,
  claimsChecked: p({ one: '{n} claim checked', other: '{n} claims checked' }),
  selection: 'Selection',
  selectionAll: 'all claims',
  selectionApproved: 'approved claims only',
  selectionVerdicts: (labels: string) => `verdicts: ${labels}`,
  selectionNoVerdict: 'no verdict chosen',
  deletedVerdict: 'a deleted verdict',
  correctionCount: p({ one: '{n} correction', other: '{n} corrections' }),
  updateCount: p({ one: '{n} update', other: '{n} updates' }),
  reviewers: 'Reviewers',
  reviewersNotRecorded: 'not recorded',
  earlierApprovals: p({
    one: '{n} approval from before reviewers were recorded',
    other: '{n} approvals from before reviewers were recorded',
  }),
  draft: 'Draft',
  draftNotice: (unapproved: string, total: string, totalCount: number) =>
    `${unapproved} of ${total} ${totalCount === 1 ? 'claim is' : 'claims are'} not approved yet. Do not publish this report before an editor approves every claim.`,
  verdicts: 'Verdicts',
  /** The heading over one article, and over several. */
  articleChecked: 'The article checked',
  articlesChecked: 'The articles checked',
  noArticles: 'No article has been added to this project yet.',
  outlet: 'Outlet',
  author: 'Author',
  published: 'Published',
  url: 'URL',
  previouslyChecked: 'Previously checked',
  summaryOfClaims: 'Summary of claims',
  claimCount: p({ one: '{n} claim', other: '{n} claims' }),
  noClaimsYet:
    'This project has no claims yet. Mark the checkable claims in an article, then export the report again.',
  noClaimsMatch: (total: string, selection: string) =>
    `None of the ${total} claims in this project match the report’s selection (${selection}).`,
  claim: 'Claim',
  claimant: 'Claimant',
  verdict: 'Verdict',
  status: 'Status',
  claimsInDetail: 'The claims in detail',
  claimNumber: (number: string) => `Claim ${number}`,
  notRecorded: 'Not recorded',
  claimDate: 'Claim date',
  inArticle: 'In',
  quoteNotFound:
    '(This quote is no longer found in the article text as saved: the article changed after the claim was marked.)',
  noVerdictYet: 'No verdict has been given to this claim yet.',
  notYetRated: 'Not yet rated',
  rationale: 'Rationale',
  noRationale: 'No rationale has been written yet.',
  sources: 'Sources',
  noSources: 'No sources recorded.',
  untitledSource: 'Untitled source',
  accessed: (date: string) => `accessed ${date}`,
  archivedCopy: 'archived copy',
  evidence: 'Evidence',
  evidenceCaptured: 'captured',
  reviewedByOn: (name: string, date: string) => `Reviewed by ${name} on ${date}`,
  reviewedBy: (name: string) => `Reviewed by ${name}`,
  approvedOnUnrecorded: (date: string) => `Approved on ${date} (reviewer not recorded)`,
  approvedUnrecorded: 'Approved (reviewer and date not recorded)',
  kindCorrection: 'Correction',
  kindUpdate: 'Update',
  statusUnchecked: 'Unchecked',
  statusResearching: 'Researching',
  statusInReview: 'In review',
  statusApproved: 'Approved',
  correctionsAndUpdates: 'Corrections and updates',
  methodology: 'Methodology',
  defaultMethodology: [
    'Each claim in this report was marked in the text of the article as it was saved in the project, and is quoted exactly, with the sentence around it.',
    'A fact-checker researched every claim against the sources listed under it. Sources are numbered for each claim, and references such as [1] in a rationale point to them. The date a source was accessed is given where it was recorded.',
    'The verdict comes from the rating scale defined at the end of this report. The workflow status of a claim (Unchecked, Researching, In review, Approved) is separate from its verdict: only approved claims have been signed off by an editor, and a report containing any other claim is marked as a draft.',
  ].join('\n\n'),
  verdictScale: 'The verdict scale',
  definition: 'Definition',
  rating: 'Rating',
  madeWith: (date: string) => `Made with Factcheck Workbench on ${date}`,
  madeWithAfterTitle: (title: string, date: string) => `${title} — made with Factcheck Workbench on ${date}.`,
  page: (page: string, total: string) => `Page ${page} of ${total}`,
};

/** The shape every catalogue has: the English keys, each with the same kind of value. */
export type ReportStrings = { readonly [Key in keyof typeof en]: (typeof en)[Key] };
