/**
 * Channel names only, with no zod: the preload script builds its named methods from this list and
 * must stay tiny. The schemas for each channel live in ./contract.ts.
 */
import { PROJECT_FILE_CHANNELS } from './channels.projectFiles';
import { REPORT_CHANNELS } from './channels.reports';
import { WORKBENCH_CHANNELS } from './channels.workbench';

export const CHANNELS = [
  'app.info',
  'settings.get',
  'settings.update',
  'projects.list',
  'projects.get',
  'projects.load',
  'projects.create',
  'projects.rename',
  'projects.delete',
  'articles.get',
  'articles.create',
  'articles.update',
  'articles.delete',
  'claims.list',
  'claims.create',
  'claims.update',
  'claims.delete',
  'sources.create',
  'sources.update',
  'sources.delete',
  'verdicts.create',
  'verdicts.update',
  'verdicts.reorder',
  'verdicts.delete',
  'verdicts.applyPreset',
  'history.list',
  ...REPORT_CHANNELS,
  ...PROJECT_FILE_CHANNELS,
  ...WORKBENCH_CHANNELS,
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Events main pushes to the renderer. */
export const EVENT_CHANNELS = ['menu.command', 'library.changed', 'projectFile.open'] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}
