/**
 * Repository-level helpers of the workbench: exact snapshots of what a delete removes, and putting
 * those records back with the same ids (undo). Every write records a change row, like the
 * repositories do, so the history and project-file merges see restores as ordinary creates.
 */
import { createAnchor, reanchor } from '../../shared/anchoring';
import type { Article, Change, Claim, Source } from '../../shared/domain';
import { AppError } from '../errors';
import * as articles from '../repositories/articles';
import { recordChange, snapshotFields } from '../repositories/changes';
import { checkApprovalLater } from '../repositories/approvals';
import * as claims from '../repositories/claims';
import type { RepoContext } from '../repositories/context';
import { getProject, touchProject } from '../repositories/projects';
import * as sources from '../repositories/sources';
import { ARTICLES, CHANGES, CLAIMS, SOURCES, type Row } from '../repositories/tables';

export interface Records {
  article: Article | null;
  claims: Claim[];
  sources: Source[];
}

const removeClaim = (ctx: RepoContext, id: string) =>
  claims.deleteClaim(ctx, id, (sourceId) => sources.deleteSource(ctx, sourceId));

/** Deletes claims with their sources and answers with what was deleted. */
export function deleteClaims(ctx: RepoContext, ids: readonly string[]): Records {
  return ctx.tx(() => {
    const unique = [...new Set(ids)];
    const gone: Records = { article: null, claims: [], sources: [] };
    for (const id of unique) {
      gone.claims.push(claims.getClaim(ctx, id));
      gone.sources.push(...sources.listSourcesByClaim(ctx, id));
    }
    for (const id of unique) removeClaim(ctx, id);
    return gone;
  });
}

/** Deletes an article with its claims and their sources, and answers with all of it. */
export function deleteArticleWithClaims(ctx: RepoContext, id: string): Records {
  return ctx.tx(() => {
    const article = articles.getArticle(ctx, id);
    const articleClaims = claims.listClaimsByArticle(ctx, id);
    const claimSources = articleClaims.flatMap((claim) => sources.listSourcesByClaim(ctx, claim.id));
    articles.deleteArticle(ctx, id, (claimId) => removeClaim(ctx, claimId));
    return { article, claims: articleClaims, sources: claimSources };
  });
}

const exists = (ctx: RepoContext, table: 'articles' | 'claims' | 'sources', id: string) =>
  ctx.stmt(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;

function insertArticle(ctx: RepoContext, article: Article): Article {
  getProject(ctx, article.projectId);
  if (exists(ctx, 'articles', article.id)) throw new AppError('conflict', 'That article is already back.');
  const restored = { ...article, updatedAt: ctx.now() };
  ARTICLES.insert(ctx, restored);
  recordChange(ctx, {
    projectId: article.projectId,
    entityType: 'article',
    entityId: article.id,
    op: 'create',
    fields: snapshotFields(restored, articles.ARTICLE_FIELDS, 'after'),
  });
  return restored;
}

/** The claim's anchor in the article's current text: kept, re-found, or orphaned. */
function placeAnchor(text: string, claim: Claim): Pick<Claim, 'anchor' | 'anchorState'> {
  const { anchor } = claim;
  if (
    anchor.end <= text.length &&
    anchor.start < anchor.end &&
    text.slice(anchor.start, anchor.end) === anchor.exact
  ) {
    return { anchor, anchorState: claim.anchorState };
  }
  const match = reanchor(text, anchor);
  if (match.status === 'orphaned') return { anchor, anchorState: 'orphaned' };
  return { anchor: createAnchor(text, match.start, match.end), anchorState: 'anchored' };
}

type KnownArticles = Map<string, { text: string; projectId: string }>;

function insertClaim(ctx: RepoContext, claim: Claim, articleText: KnownArticles): Claim {
  if (exists(ctx, 'claims', claim.id)) throw new AppError('conflict', 'That claim is already back.');
  let known = articleText.get(claim.articleId);
  if (known === undefined) {
    const article = articles.getArticle(ctx, claim.articleId);
    known = { text: article.text, projectId: article.projectId };
    articleText.set(claim.articleId, known);
  }
  // Checked for articles restored in the same call too: a claim never points across projects.
  if (known.projectId !== claim.projectId)
    throw new AppError('invalid_request', 'That claim belongs to another project.');
  const { text } = known;
  const verdictKnown =
    claim.verdictId === null ||
    (ctx
      .stmt(`SELECT 1 FROM verdicts WHERE id = ? AND project_id = ?`)
      .get(claim.verdictId, claim.projectId) as unknown) !== undefined;
  const restored: Claim = {
    ...claim,
    ...placeAnchor(text, claim),
    verdictId: verdictKnown ? claim.verdictId : null,
    number: restorableNumber(ctx, claim),
    updatedAt: ctx.now(),
  };
  CLAIMS.insert(ctx, restored);
  // A claim comes back approved only if it still publishes what was approved.
  checkApprovalLater(ctx, restored.id, 'restore');
  recordChange(ctx, {
    projectId: restored.projectId,
    entityType: 'claim',
    entityId: restored.id,
    op: 'create',
    fields: snapshotFields(restored, claims.CLAIM_FIELDS, 'after'),
  });
  return restored;
}

/** The claim's own number when it is still free (it always is, numbers are never reused), else a new one. */
function restorableNumber(ctx: RepoContext, claim: Claim): number {
  const taken = ctx.stmt(`SELECT 1 FROM claims WHERE project_id = ? AND number = ?`).get(claim.projectId, claim.number);
  if (taken) return claims.takeClaimNumber(ctx, claim.projectId);
  ctx
    .stmt(`UPDATE projects SET next_claim_number = MAX(next_claim_number, ? + 1) WHERE id = ?`)
    .run(claim.number, claim.projectId);
  return claim.number;
}

/** Inserts a source at its old position; the ones at or after it move down one place. */
function insertSource(ctx: RepoContext, source: Source): Source {
  if (exists(ctx, 'sources', source.id)) throw new AppError('conflict', 'That source is already back.');
  const claim = claims.getClaim(ctx, source.claimId);
  const siblings = sources.listSourcesByClaim(ctx, source.claimId);
  const position = Math.min(source.position, siblings.length);
  for (let i = siblings.length - 1; i >= position; i--)
    sources.updateSource(ctx, siblings[i]!.id, { position: i + 1 });
  const restored: Source = { ...source, position, updatedAt: ctx.now() };
  SOURCES.insert(ctx, restored);
  recordChange(ctx, {
    projectId: claim.projectId,
    entityType: 'source',
    entityId: restored.id,
    op: 'create',
    fields: {
      claimId: { after: restored.claimId },
      ...snapshotFields(restored, sources.SOURCE_FIELDS, 'after'),
    },
  });
  return restored;
}

/** Puts records back with their ids, in one transaction: all of them or none. */
export function restoreRecords(
  ctx: RepoContext,
  records: { article?: Article | null | undefined; claims: Claim[]; sources: Source[] },
): Records {
  const restored = ctx.tx(() => {
    const article = records.article ? insertArticle(ctx, records.article) : null;
    const texts: KnownArticles = new Map();
    if (article) texts.set(article.id, { text: article.text, projectId: article.projectId });
    const restoredClaims = records.claims.map((claim) => insertClaim(ctx, claim, texts));
    const restoredSources = [...records.sources]
      .sort((a, b) => (a.claimId === b.claimId ? a.position - b.position : a.claimId < b.claimId ? -1 : 1))
      .map((source) => insertSource(ctx, source));
    const projects = new Set([
      ...(article ? [article.projectId] : []),
      ...restoredClaims.map((claim) => claim.projectId),
    ]);
    for (const source of restoredSources) projects.add(claims.getClaim(ctx, source.claimId).projectId);
    for (const projectId of projects) touchProject(ctx, projectId);
    return { article, claims: restoredClaims, sources: restoredSources };
  });
  // Read after the commit: the approval rule may have withdrawn an approval that no longer holds.
  return ctx.db.inTransaction ? restored : { ...restored, claims: restored.claims.map((claim) => claims.getClaim(ctx, claim.id)) };
}

/**
 * Sets anchors as given, optionally with new article text (undo of an edit of the text: the old
 * text and the old anchors, exactly, rather than a second re-anchoring).
 */
export function setAnchors(
  ctx: RepoContext,
  input: {
    articleId: string;
    text?: string | undefined;
    anchors: { claimId: string; anchor: Claim['anchor']; anchorState: Claim['anchorState'] }[];
  },
): { article: Article; claims: Claim[] } {
  const result = ctx.tx(() => {
    let article = articles.getArticle(ctx, input.articleId);
    if (input.text !== undefined) article = articles.updateArticle(ctx, article.id, { text: input.text });
    for (const { claimId, anchor, anchorState } of input.anchors) {
      const claim = claims.getClaim(ctx, claimId);
      if (claim.articleId !== article.id)
        throw new AppError('invalid_request', 'That claim belongs to another article.');
      if (
        anchorState === 'anchored' &&
        (anchor.end > article.text.length ||
          anchor.start >= anchor.end ||
          article.text.slice(anchor.start, anchor.end) !== anchor.exact)
      ) {
        throw new AppError(
          'conflict',
          'The article changed since then, so this step cannot be undone.',
          'anchor',
        );
      }
      // Undoing the text edit that changed a quote brings the old quote back: nothing left to review.
      const quoteChangedFrom = anchor.exact === claim.quoteChangedFrom ? '' : claim.quoteChangedFrom;
      claims.updateClaim(ctx, claimId, { anchor, anchorState, quoteChangedFrom });
    }
    return { article, claims: claims.listClaimsByArticle(ctx, article.id) };
  });
  // After the commit, for the same reason as restoreRecords.
  return ctx.db.inTransaction ? result : { ...result, claims: claims.listClaimsByArticle(ctx, result.article.id) };
}

/**
 * The claim's own changes and its sources' changes, newest first: one range of the index
 * changes_by_claim (`claim_id` is set on every claim and source row: main/repositories/tables.ts).
 */
export function claimHistory(ctx: RepoContext, claimId: string, limit = 500): Change[] {
  const rows = ctx
    .stmt(`SELECT ${CHANGES.columns()} FROM changes WHERE claim_id = @claimId ORDER BY seq DESC LIMIT @limit`)
    .all({ claimId, limit }) as Row[];
  return rows.map(CHANGES.fromRow);
}

/** Claims per verdict in the project (the index claims_by_verdict_in_project alone). */
export function verdictUsage(ctx: RepoContext, projectId: string): { verdictId: string; count: number }[] {
  return ctx
    .stmt(
      `SELECT verdict_id AS verdictId, COUNT(*) AS count FROM claims WHERE project_id = ? AND verdict_id IS NOT NULL GROUP BY verdict_id`,
    )
    .all(projectId) as { verdictId: string; count: number }[];
}

/** The project's claimants, for suggestions (the index claims_by_claimant alone). */
export function projectClaimants(ctx: RepoContext, projectId: string): string[] {
  return (
    ctx
      .stmt(
        `SELECT DISTINCT claimant FROM claims WHERE project_id = ? AND claimant != '' ORDER BY claimant COLLATE NOCASE LIMIT 1000`,
      )
      .all(projectId) as { claimant: string }[]
  ).map((row) => row.claimant);
}

/** The project's tags: each distinct tag list once (from the index claims_by_tags), then its tags. */
export function projectTags(ctx: RepoContext, projectId: string): string[] {
  return (
    ctx
      .stmt(
        `SELECT DISTINCT j.value AS tag FROM (SELECT DISTINCT tags FROM claims WHERE project_id = ?) c, json_each(c.tags) j
         ORDER BY tag COLLATE NOCASE LIMIT 1000`,
      )
      .all(projectId) as { tag: string }[]
  ).map((row) => row.tag);
}
