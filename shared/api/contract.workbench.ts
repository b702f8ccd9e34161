import { z } from 'zod';
import { AnchorState, Article, ArticleText, Change, Claim, ClaimAnchor, Id, Source } from '../domain';

/** Everything the workbench shows for one article, read in one transaction. */
export const WorkbenchArticle = z.object({
  article: Article,
  claims: z.array(Claim),
  sources: z.array(Source),
  /** Claimants already used anywhere in the project (for suggestions), sorted. */
  claimants: z.array(z.string()),
  /** Tags already used anywhere in the project (for suggestions), sorted. */
  tags: z.array(z.string()),
});
export type WorkbenchArticle = z.infer<typeof WorkbenchArticle>;

/** What a delete took away, exactly, so that undo can put it back with the same ids. */
export const DeletedRecords = z.object({
  article: Article.nullable(),
  claims: z.array(Claim),
  sources: z.array(Source),
});
export type DeletedRecords = z.infer<typeof DeletedRecords>;

export const AnchorAssignment = z
  .object({ claimId: Id, anchor: ClaimAnchor, anchorState: AnchorState })
  .strict();
export type AnchorAssignment = z.infer<typeof AnchorAssignment>;

/** Request/response schemas of the workbench channels, merged into ./contract.ts. */
export const workbenchContract = {
  'workbench.loadArticle': { request: z.object({ id: Id }).strict(), response: WorkbenchArticle },
  /** Deletes claims (and their sources); answers with what was deleted. */
  'workbench.deleteClaims': {
    request: z.object({ ids: z.array(Id).min(1).max(10_000) }).strict(),
    response: DeletedRecords,
  },
  /** Deletes an article with its claims and sources; answers with what was deleted. */
  'workbench.deleteArticle': { request: z.object({ id: Id }).strict(), response: DeletedRecords },
  /**
   * Puts deleted records back with their ids (undo of a delete, redo of a create). Claims whose quote
   * is no longer at its place are re-anchored; verdicts that no longer exist become "not yet rated".
   */
  'workbench.restore': {
    request: z
      .object({
        article: Article.nullable().optional(),
        claims: z.array(Claim).max(100_000),
        sources: z.array(Source).max(1_000_000),
      })
      .strict(),
    response: DeletedRecords,
  },
  /**
   * Sets claims' anchors as given (undo of a span change or of a text edit), optionally with the
   * article text they point into. Anchored ones must quote the text exactly.
   */
  'workbench.setAnchors': {
    request: z
      .object({
        articleId: Id,
        text: ArticleText.optional(),
        anchors: z.array(AnchorAssignment).max(100_000),
      })
      .strict(),
    response: z.object({ article: Article, claims: z.array(Claim) }),
  },
  /** The history of one claim: its own changes and those of its sources, newest first. */
  'workbench.claimHistory': {
    request: z.object({ claimId: Id, limit: z.number().int().min(1).max(5_000).optional() }).strict(),
    response: z.array(Change),
  },
  /** How many claims of the project carry each verdict. */
  'workbench.verdictUsage': {
    request: z.object({ projectId: Id }).strict(),
    response: z.array(z.object({ verdictId: Id, count: z.number().int() })),
  },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
