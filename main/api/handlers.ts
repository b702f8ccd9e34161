import { createAnchor, reanchor } from '../../shared/anchoring';
import { mergeTables } from '../../shared/api/merge';
import type { ArticleMeta } from '../../shared/domain';
import { normalizeArticleText, normalizeLine } from '../../shared/text/normalize';
import { AppError } from '../errors';
import * as articles from '../repositories/articles';
import * as claims from '../repositories/claims';
import * as editorial from '../repositories/editorial';
import type { RepoContext } from '../repositories/context';
import * as projects from '../repositories/projects';
import { readSettings, writeSettings } from '../repositories/settings';
import * as sources from '../repositories/sources';
import * as verdicts from '../repositories/verdicts';
import type { EventSink } from '../services/events';
import type { FileDialogs } from '../services/dialogs';
import type { FileShell } from '../services/fileShell';
import type { PageCapture } from '../services/pageCapture';
import type { PdfPrinter } from '../services/pdfPrinter';
import { createAttachmentHandlers } from '../attachments/handlers';
import { createClaimLinkHandlers } from '../claimLinks/handlers';
import { createEditorialHandlers } from '../editorial/handlers';
import { createFileHandlers } from '../files/handlers';
import { ExportLog } from '../editorial/exportLog';
import { createLibraryBackupHandlers, type LibraryBackupsControl } from '../libraryBackups/handlers';
import { createMatchingHandlers } from '../matching/handlers';
import { createProjectFileHandlers } from '../projectFiles/handlers';
import { createReferenceHandlers } from '../references/handlers';
import { createReportHandlers } from '../reports/handlers';
import { createSearchHandlers } from '../search/handlers';
import { createCancelFlags, type CancelFlags } from '../tasks/tasks';
import { createTaskHandlers } from '../tasks/handlers';
import { createWorkbenchHandlers } from '../workbench/handlers';
import type { CoreHandlers } from './handlerTypes';
import type { Handlers } from './registry';
import { countByStatus } from './projectQueries';

export interface HandlerDeps {
  ctx: RepoContext;
  appVersion: string;
  dataPath: string;
  schemaVersion: number;
  dialogs: FileDialogs;
  printer: PdfPrinter;
  /** "Show in folder" and "Open" (main/files/handlers.ts); absent where no file manager answers. */
  shell?: FileShell;
  /** "Capture page" (main/services/pageCapture.ts): the host's browser; absent where none answers. */
  pageCapture?: PageCapture;
  events?: EventSink;
  /** Report files written this session, so one can be marked as published (main/editorial). */
  exports?: ExportLog;
  /** The library's backups (main/library.ts): list, back up now, restore. */
  libraryBackups?: LibraryBackupsControl;
  /** Which long calls were cancelled (main/tasks): in memory, or shared with the host thread (main/worker). */
  cancelFlags?: CancelFlags;
}

const removeClaim = (ctx: RepoContext) => (id: string) => claims.deleteClaim(ctx, id, (sourceId) => sources.deleteSource(ctx, sourceId));

/**
 * The app's API: each handler gets a request already validated against shared/api/contract. Each
 * feature brings its own table of handlers; a channel two of them handle throws here, at startup.
 */
export function createHandlers(given: HandlerDeps): Handlers {
  const deps: HandlerDeps = { ...given, exports: given.exports ?? new ExportLog(), cancelFlags: given.cancelFlags ?? createCancelFlags() };
  return mergeTables(
    'API handler tables',
    createCoreHandlers(deps),
    createReportHandlers(deps),
    createProjectFileHandlers(deps),
    createWorkbenchHandlers(deps),
    createEditorialHandlers(deps),
    createLibraryBackupHandlers(deps),
    createTaskHandlers(deps),
    createSearchHandlers(deps),
    createReferenceHandlers(deps),
    createClaimLinkHandlers(deps),
    createMatchingHandlers(deps),
    createAttachmentHandlers(deps),
    createFileHandlers(deps),
  );
}

/** Handlers of the core channels: projects, articles, claims, sources, verdicts, settings. */
function createCoreHandlers(deps: HandlerDeps): CoreHandlers {
  const { ctx, appVersion, dataPath, schemaVersion } = deps;
  return {
    'app.info': () => ({ version: appVersion, dataPath, schemaVersion }),
    'settings.get': () => readSettings(ctx),
    'settings.update': (patch) => writeSettings(ctx, patch),

    'projects.list': () => projects.listProjects(ctx),
    'projects.get': ({ id }) =>
      ctx.tx(() => ({
        project: projects.getProject(ctx, id),
        articles: articles.listArticleSummaries(ctx, id),
        verdicts: verdicts.listVerdicts(ctx, id),
        progress: countByStatus(ctx, id),
      })),
    'projects.create': ({ title, description, scalePreset }) =>
      projects.createProject(ctx, { title: normalizeLine(title), description, scalePreset }),
    'projects.rename': ({ id, title }) => projects.updateProject(ctx, id, { title: normalizeLine(title) }),
    'projects.delete': ({ id }) => {
      projects.deleteProject(ctx, id);
      return null;
    },

    'articles.create': ({ projectId, text, ...meta }) =>
      ctx.tx(() => {
        projects.getProject(ctx, projectId);
        return articles.createArticle(ctx, projectId, { ...cleanMeta(meta), text: cleanText(text) });
      }),
    'articles.update': ({ id, meta, text }) =>
      ctx.tx(() => {
        const patch = { ...cleanMeta(meta ?? {}), ...(text === undefined ? {} : { text: cleanText(text) }) };
        const article = articles.updateArticle(ctx, id, patch);
        const orphanedClaimIds = patch.text === undefined ? [] : reanchorClaims(ctx, article.id, article.text);
        return { article, orphanedClaimIds };
      }),
    'articles.delete': ({ id }) => {
      articles.deleteArticle(ctx, id, removeClaim(ctx));
      return null;
    },

    'claims.create': ({ articleId, anchor, fields }) =>
      ctx.tx(() => {
        const article = articles.getArticle(ctx, articleId);
        return claims.createClaim(ctx, { projectId: article.projectId, articleId, anchor: checkAnchor(article.text, anchor), fields });
      }),
    'claims.update': ({ id, fields, anchor }) => {
      ctx.tx(() => {
        const claim = claims.getClaim(ctx, id);
        const patch: claims.ClaimPatch = { ...fields };
        if (anchor) {
          // The person chose the span themselves: a quote changed by a text edit is settled.
          const article = articles.getArticle(ctx, claim.articleId);
          Object.assign(patch, { anchor: checkAnchor(article.text, anchor), anchorState: 'anchored' as const, quoteChangedFrom: '' });
        }
        const updated = claims.updateClaim(ctx, id, patch);
        if (fields?.claimantType !== undefined) editorial.rememberClaimantType(ctx, updated.claimant, fields.claimantType);
      });
      // Read after the commit: the approval rule runs just before it and may have withdrawn the approval.
      return claims.getClaim(ctx, id);
    },

    'sources.create': ({ claimId, fields }) => sources.createSource(ctx, claimId, fields),
    'sources.update': ({ id, fields }) => sources.updateSource(ctx, id, fields),
    'sources.delete': ({ id }) => {
      sources.deleteSource(ctx, id);
      return null;
    },

    'verdicts.create': ({ projectId, fields }) =>
      ctx.tx(() => {
        projects.getProject(ctx, projectId);
        return verdicts.createVerdict(ctx, projectId, fields);
      }),
    'verdicts.update': ({ id, fields }) => verdicts.updateVerdict(ctx, id, fields),
    'verdicts.reorder': ({ projectId, orderedIds }) => verdicts.reorderVerdicts(ctx, projectId, orderedIds),
    'verdicts.delete': ({ id, replacementId }) => {
      verdicts.deleteVerdict(ctx, id, replacementId, (claimId, verdictId) => claims.updateClaim(ctx, claimId, { verdictId }));
      return null;
    },
    'verdicts.applyPreset': ({ projectId, preset }) =>
      ctx.tx(() => {
        projects.getProject(ctx, projectId);
        return verdicts.applyPreset(ctx, projectId, preset);
      }),
  };
}

function cleanMeta<T extends Partial<ArticleMeta>>(meta: T): T {
  const cleaned = { ...meta };
  for (const key of ['title', 'outlet', 'author', 'url', 'language'] as const) {
    const value = cleaned[key];
    if (typeof value === 'string') (cleaned as Record<string, unknown>)[key] = normalizeLine(value);
  }
  if (cleaned.title !== undefined && cleaned.title === '') throw new AppError('invalid_request', 'Give the article a title.', 'title');
  return cleaned;
}

function cleanText(raw: string): string {
  const text = normalizeArticleText(raw);
  if (text.length === 0) throw new AppError('invalid_request', 'Paste the article text first.', 'text');
  return text;
}

/** The anchor must point into the text and quote it exactly; the stored quote is rebuilt here. */
function checkAnchor(text: string, anchor: { start: number; end: number; exact: string }) {
  if (anchor.end > text.length || anchor.start >= anchor.end) {
    throw new AppError('invalid_request', 'Select some text in the article to mark as a claim.', 'anchor');
  }
  if (text.slice(anchor.start, anchor.end) !== anchor.exact) {
    throw new AppError('conflict', 'The article changed while you were selecting. Select the claim again.', 'anchor');
  }
  return createAnchor(text, anchor.start, anchor.end);
}

/**
 * After the text changed: every claim is re-found by its quote; the ones not found are orphaned,
 * never dropped. A claim found with different characters inside its quote keeps the quote it had
 * in `quoteChangedFrom`, so it is listed under "Quote changed" until someone looks at it.
 */
function reanchorClaims(ctx: RepoContext, articleId: string, text: string): string[] {
  const orphaned: string[] = [];
  for (const claim of claims.listClaimsByArticle(ctx, articleId)) {
    const match = reanchor(text, claim.anchor);
    if (match.status === 'orphaned') {
      orphaned.push(claim.id);
      claims.updateClaim(ctx, claim.id, { anchorState: 'orphaned' });
    } else {
      const anchor = createAnchor(text, match.start, match.end);
      const quoteChangedFrom =
        anchor.exact === claim.anchor.exact ? claim.quoteChangedFrom : claim.quoteChangedFrom || claim.anchor.exact;
      claims.updateClaim(ctx, claim.id, { anchor, anchorState: 'anchored', quoteChangedFrom });
    }
  }
  return orphaned;
}
