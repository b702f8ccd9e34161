import { z } from 'zod';
import {
  Article,
  ArticleMeta,
  ArticleSummary,
  ArticleText,
  Claim,
  ClaimAnchor,
  ClaimFields,
  Id,
  Project,
  ProjectSummary,
  ProjectTitle,
  ScalePresetId,
  Settings,
  Source,
  SourceFields,
  StatusCounts,
  Verdict,
  VerdictFields,
} from '../domain';
import { isNotInFuture } from '../domain/calendar';
import type { Channel, CORE_CHANNELS, EventChannel } from './channels';
import { attachmentContract } from './contract.attachments';
import { claimLinkContract } from './contract.claimLinks';
import { editorialContract } from './contract.editorial';
import { fileContract } from './contract.files';
import { libraryBackupContract } from './contract.libraryBackups';
import { matchingContract } from './contract.matching';
import { projectFileContract } from './contract.projectFiles';
import { referenceContract } from './contract.references';
import { reportContract } from './contract.reports';
import { searchContract } from './contract.search';
import { taskContract, TaskProgress } from './contract.tasks';
import { workbenchContract } from './contract.workbench';
import { mergeTables } from './merge';

type CoreChannel = (typeof CORE_CHANNELS)[number];

const Empty = z.object({}).strict();
const ById = z.object({ id: Id }).strict();
const Nothing = z.null();

/** A published date may not lie in the future (on the user's own calendar): that is almost always a typo. */
const ArticleMetaInput = ArticleMeta.extend({
  publishedDate: ArticleMeta.shape.publishedDate.refine((value) => isNotInFuture(value), {
    message: 'The published date is in the future. Check the year.',
  }),
});

export const ArticleDetail = z.object({ article: Article, orphanedClaimIds: z.array(Id) });

/** Request/response schemas of the core channels (CORE_CHANNELS). */
const coreContract = {
  'app.info': {
    request: Empty,
    response: z.object({ version: z.string(), dataPath: z.string(), schemaVersion: z.number().int() }),
  },
  'settings.get': { request: Empty, response: Settings },
  'settings.update': { request: Settings.partial().strict(), response: Settings },

  'projects.list': { request: Empty, response: z.array(ProjectSummary) },
  'projects.get': {
    request: ById,
    response: z.object({
      project: Project,
      articles: z.array(ArticleSummary),
      verdicts: z.array(Verdict),
      progress: StatusCounts,
    }),
  },
  'projects.create': {
    request: z
      .object({ title: ProjectTitle, description: z.string().max(5_000).optional(), scalePreset: ScalePresetId.optional() })
      .strict(),
    response: Project,
  },
  'projects.rename': { request: z.object({ id: Id, title: ProjectTitle }).strict(), response: Project },
  'projects.delete': { request: ById, response: Nothing },

  'articles.create': {
    request: ArticleMetaInput.extend({ projectId: Id, text: ArticleText }).strict(),
    response: Article,
  },
  'articles.update': {
    // Changing the text re-anchors the article's claims; the ones not found are returned.
    request: z.object({ id: Id, meta: ArticleMetaInput.partial().optional(), text: ArticleText.optional() }).strict(),
    response: ArticleDetail,
  },
  'articles.delete': { request: ById, response: Nothing },

  'claims.create': {
    request: z.object({ articleId: Id, anchor: ClaimAnchor, fields: ClaimFields.partial().optional() }).strict(),
    response: Claim,
  },
  'claims.update': {
    request: z.object({ id: Id, fields: ClaimFields.partial().optional(), anchor: ClaimAnchor.optional() }).strict(),
    response: Claim,
  },

  'sources.create': {
    request: z.object({ claimId: Id, fields: SourceFields.partial().optional() }).strict(),
    response: Source,
  },
  'sources.update': { request: z.object({ id: Id, fields: SourceFields.partial() }).strict(), response: Source },
  'sources.delete': { request: ById, response: Nothing },

  'verdicts.create': { request: z.object({ projectId: Id, fields: VerdictFields }).strict(), response: Verdict },
  'verdicts.update': {
    request: z.object({ id: Id, fields: VerdictFields.partial() }).strict(),
    response: Verdict,
  },
  'verdicts.reorder': {
    request: z.object({ projectId: Id, orderedIds: z.array(Id).min(1) }).strict(),
    response: z.array(Verdict),
  },
  'verdicts.delete': {
    // A verdict in use needs a replacement for the claims that carry it.
    request: z.object({ id: Id, replacementId: Id.nullable().optional() }).strict(),
    response: Nothing,
  },
  'verdicts.applyPreset': {
    request: z.object({ projectId: Id, preset: ScalePresetId }).strict(),
    response: z.array(Verdict),
  },
} as const satisfies Record<CoreChannel, { request: z.ZodType; response: z.ZodType }>;

/**
 * The API between renderer and main: channel → request and response schemas. main validates every
 * request with these before a handler runs; the renderer gets types from them. A channel in two
 * of the tables throws here, at startup.
 */
export const contract = mergeTables(
  'contract tables',
  coreContract,
  reportContract,
  projectFileContract,
  workbenchContract,
  editorialContract,
  libraryBackupContract,
  taskContract,
  searchContract,
  referenceContract,
  claimLinkContract,
  matchingContract,
  attachmentContract,
  fileContract,
) satisfies Record<Channel, { request: z.ZodType; response: z.ZodType }>;

export type Contract = typeof contract;
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>;

export const MenuCommand = z.enum([
  'new-project',
  'import-project',
  'export-project',
  'export-report',
  'settings',
  'about',
  'shortcuts',
]);
export type MenuCommand = z.infer<typeof MenuCommand>;

export const eventContract = {
  'menu.command': z.object({ command: MenuCommand }),
  'library.changed': z.object({ projectId: Id.nullable() }),
  /** The app was asked to open a .factcheck file (double-click, "Open with", a second launch). */
  'projectFile.open': z.object({ path: z.string().min(1).max(4_096) }),
  /** Progress of a long call started with a taskId (shared/api/contract.tasks.ts). */
  'task.progress': TaskProgress,
} as const satisfies Record<EventChannel, z.ZodType>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventContract)[E]>;
