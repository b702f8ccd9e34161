import type { Article, ArticleMeta, ArticleSummary } from '../../shared/domain';
import { notFound } from '../errors';
import { diffFields, recordChange, snapshotFields } from './changes';
import type { RepoContext } from './context';
import { ARTICLES, type Row } from './tables';
import { touchProject } from './projects';

/** The fields the history records (and a merge decides over). */
export const ARTICLE_FIELDS = ['title', 'outlet', 'author', 'url', 'publishedDate', 'language', 'direction', 'text'] as const;

/**
 * The project's articles without their text: read from the index articles_summaries alone (every
 * column but the text is in it, the stored length included), so no text is read.
 */
export function listArticleSummaries(ctx: RepoContext, projectId: string): ArticleSummary[] {
  const rows = ctx
    .stmt(
      `SELECT ${ARTICLES.columns('a', ['text'])}, a.text_length,
        (SELECT COUNT(*) FROM claims c WHERE c.article_id = a.id) AS claim_count
       FROM articles a WHERE project_id = ? ORDER BY created_at, id`,
    )
    .all(projectId) as (Row & { text_length: number; claim_count: number })[];
  return rows.map(({ text_length, claim_count, ...row }) => {
    const { text: _text, ...article } = ARTICLES.fromRow({ ...row, text: '' });
    return { ...article, textLength: text_length, claimCount: claim_count };
  });
}

export function listArticles(ctx: RepoContext, projectId: string): Article[] {
  return (ctx.stmt(`SELECT ${ARTICLES.columns()} FROM articles WHERE project_id = ? ORDER BY created_at, id`).all(projectId) as Row[]).map(ARTICLES.fromRow);
}

export function getArticle(ctx: RepoContext, id: string): Article {
  const row = ctx.stmt(`SELECT ${ARTICLES.columns()} FROM articles WHERE id = ?`).get(id) as Row | undefined;
  if (!row) throw notFound('article');
  return ARTICLES.fromRow(row);
}

/** `text` must already be normalised (shared/text/normalize): claim offsets point into it. */
export function createArticle(ctx: RepoContext, projectId: string, input: ArticleMeta & { text: string }): Article {
  return ctx.tx(() => {
    const now = ctx.now();
    const article: Article = { ...input, id: ctx.newId(), projectId, createdAt: now, updatedAt: now };
    ARTICLES.insert(ctx, article);
    recordChange(ctx, { projectId, entityType: 'article', entityId: article.id, op: 'create', fields: snapshotFields(article, ARTICLE_FIELDS, 'after') });
    touchProject(ctx, projectId);
    return article;
  });
}

export function updateArticle(ctx: RepoContext, id: string, patch: Partial<ArticleMeta> & { text?: string }): Article {
  return ctx.tx(() => {
    const before = getArticle(ctx, id);
    const after: Article = { ...before, ...patch };
    const fields = diffFields(before, after, ARTICLE_FIELDS);
    if (Object.keys(fields).length === 0) return before;
    after.updatedAt = ctx.now();
    ARTICLES.update(ctx, after);
    recordChange(ctx, { projectId: after.projectId, entityType: 'article', entityId: id, op: 'update', fields });
    touchProject(ctx, after.projectId);
    return after;
  });
}

/** Deletes the article; its claims and their sources go with it (each recorded, so undo can restore them). */
export function deleteArticle(ctx: RepoContext, id: string, deleteClaim: (claimId: string) => void): void {
  ctx.tx(() => {
    const article = getArticle(ctx, id);
    const claimIds = ctx.stmt(`SELECT id FROM claims WHERE article_id = ?`).all(id) as { id: string }[];
    for (const claim of claimIds) deleteClaim(claim.id);
    ctx.stmt(`DELETE FROM articles WHERE id = ?`).run(id);
    recordChange(ctx, { projectId: article.projectId, entityType: 'article', entityId: id, op: 'delete', fields: snapshotFields(article, ARTICLE_FIELDS, 'before') });
    touchProject(ctx, article.projectId);
  });
}
