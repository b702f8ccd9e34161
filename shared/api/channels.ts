/**
 * Channel names only, with no zod: the preload script builds its named methods from this list and
 * must stay tiny. The schemas for each channel live in ./contract.ts.
 */
import { ATTACHMENT_CHANNELS } from './channels.attachments';
import { CLAIM_LINK_CHANNELS } from './channels.claimLinks';
import { EDITORIAL_CHANNELS } from './channels.editorial';
import { FILE_CHANNELS } from './channels.files';
import { LIBRARY_BACKUP_CHANNELS } from './channels.libraryBackups';
import { MATCHING_CHANNELS } from './channels.matching';
import { PROJECT_FILE_CHANNELS } from './channels.projectFiles';
import { REFERENCE_CHANNELS } from './channels.references';
import { REPORT_CHANNELS } from './channels.reports';
import { SEARCH_CHANNELS } from './channels.search';
import { TASK_CHANNELS } from './channels.tasks';
import { WORKBENCH_CHANNELS } from './channels.workbench';
import { mergeNames } from './merge';

/** The channels of the core: projects, articles, claims, sources, verdicts, settings. */
export const CORE_CHANNELS = [
  'app.info',
  'settings.get',
  'settings.update',
  'projects.list',
  'projects.get',
  'projects.create',
  'projects.rename',
  'projects.delete',
  'articles.create',
  'articles.update',
  'articles.delete',
  'claims.create',
  'claims.update',
  'sources.create',
  'sources.update',
  'sources.delete',
  'verdicts.create',
  'verdicts.update',
  'verdicts.reorder',
  'verdicts.delete',
  'verdicts.applyPreset',
] as const;

/** Every channel; a name in two of the lists throws here, when the app (or the preload) loads. */
export const CHANNELS = mergeNames(
  'channel-name lists',
  CORE_CHANNELS,
  REPORT_CHANNELS,
  PROJECT_FILE_CHANNELS,
  WORKBENCH_CHANNELS,
  EDITORIAL_CHANNELS,
  LIBRARY_BACKUP_CHANNELS,
  TASK_CHANNELS,
  SEARCH_CHANNELS,
  REFERENCE_CHANNELS,
  CLAIM_LINK_CHANNELS,
  MATCHING_CHANNELS,
  ATTACHMENT_CHANNELS,
  FILE_CHANNELS,
);
export type Channel = (typeof CHANNELS)[number];

/** Events main pushes to the renderer. */
export const EVENT_CHANNELS = ['menu.command', 'library.changed', 'projectFile.open', 'task.progress'] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}
