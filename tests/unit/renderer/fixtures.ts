/** Records as main sends them, for the renderer's store and component tests. */
import type { ResponseOf } from '../../../shared/api/contract';
import { createAnchor } from '../../../shared/anchoring';
import type { Article, Claim, ProjectSummary, Source, Verdict } from '../../../shared/domain';

export const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const PROJECT_ID = id(1);
export const ARTICLE_ID = id(2);
const AT = '2024-05-01T10:00:00.000Z';

export const ARTICLE_TEXT =
  'The minister said unemployment fell by half last year. Critics say the figure ignores part-time work. ' +
  'Exports doubled since 2020, according to the ministry.';

export function article(extra: Partial<Article> = {}): Article {
  return {
    id: ARTICLE_ID,
    projectId: PROJECT_ID,
    title: 'Budget speech',
    outlet: 'Daily News',
    author: '',
    url: '',
    publishedDate: '2024-04-30',
    language: 'en',
    direction: 'ltr',
    text: ARTICLE_TEXT,
    createdAt: AT,
    updatedAt: AT,
    ...extra,
  };
}

/** A claim quoting `quote` (its first occurrence) in ARTICLE_TEXT. */
export function claim(n: number, quote: string, extra: Partial<Claim> = {}): Claim {
  const start = ARTICLE_TEXT.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in the article.`);
  return {
    id: id(100 + n),
    projectId: PROJECT_ID,
    articleId: ARTICLE_ID,
    number: n,
    anchor: createAnchor(ARTICLE_TEXT, start, start + quote.length),
    anchorState: 'anchored',
    quoteChangedFrom: '',
    approval: { by: '', at: '', seal: '' },
    claimantType: '',
    assignee: '',
    statement: quote,
    claimant: '',
    claimDate: '',
    verdictId: null,
    rationale: '',
    status: 'unchecked',
    tags: [],
    createdAt: AT,
    updatedAt: AT,
    ...extra,
  };
}

export function source(n: number, claimId: string, extra: Partial<Source> = {}): Source {
  return {
    id: id(300 + n),
    claimId,
    position: 0,
    url: '',
    title: '',
    publisher: '',
    publishedDate: '',
    accessedDate: '',
    archivedUrl: '',
    excerpt: '',
    note: '',
    createdAt: AT,
    updatedAt: AT,
    ...extra,
  };
}

export const VERDICTS: Verdict[] = [
  { label: 'True', colour: '#1a7f37', description: '', ratingValue: 3 },
  { label: 'Misleading', colour: '#bf8700', description: '', ratingValue: 2 },
  { label: 'False', colour: '#cf222e', description: '', ratingValue: 1 },
].map((fields, position) => ({
  ...fields,
  id: id(400 + position),
  projectId: PROJECT_ID,
  position,
  createdAt: AT,
  updatedAt: AT,
}));

export function projectSummary(
  n: number,
  title: string,
  extra: Partial<ProjectSummary> = {},
): ProjectSummary {
  return {
    id: id(500 + n),
    title,
    description: '',
    nextClaimNumber: 1,
    secondPairOfEyes: false,
    articleCount: 0,
    claimCount: 0,
    createdAt: AT,
    updatedAt: AT,
    ...extra,
  };
}

/** What `projects.get` answers for the project of ARTICLE_ID. */
export function overview(articleRecord: Article = article(), claimCount = 0): ResponseOf<'projects.get'> {
  const { text, ...summary } = articleRecord;
  return {
    project: { id: PROJECT_ID, title: 'Budget check', description: '', nextClaimNumber: claimCount + 1, secondPairOfEyes: false, createdAt: AT, updatedAt: AT },
    articles: [{ ...summary, textLength: text.length, claimCount }],
    verdicts: VERDICTS,
    progress: { unchecked: claimCount, researching: 0, in_review: 0, approved: 0 },
  };
}

/** The overview with a second article, so that no article opens by itself (a one-article project opens its article). */
export function withSecondArticle(answer: ResponseOf<'projects.get'>): ResponseOf<'projects.get'> {
  const first = answer.articles[0]!;
  return { ...answer, articles: [...answer.articles, { ...first, id: id(3), title: 'A second article', claimCount: 0 }] };
}

/** Stamps a record as saved now by main. */
export const touched = <T extends { updatedAt: string }>(record: T, changes: Partial<T> = {}): T => ({
  ...record,
  ...changes,
  updatedAt: new Date().toISOString(),
});
