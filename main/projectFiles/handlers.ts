import { randomUUID } from 'node:crypto';
import type { ProjectFileHandlers } from '../api/handlerTypes';
import type { HandlerDeps } from '../api/handlers';
import { AppError, notFound } from '../errors';
import { listBackups, restoreBackup } from './backups';
import { exportProjectToFile, projectFileName } from './exportProject';
import {
  applyImport,
  planImport,
  readProjectFileFromPath,
  type ImportMode,
  type ProjectFileContents,
} from './importProject';
import { findProjectRow } from './projectStore';

const FILTERS = [{ name: 'Factcheck project', extensions: ['factcheck'] }];
/** Inspected files waiting for the person's choices; the oldest is forgotten beyond this. */
const MAX_PENDING = 4;

interface PendingImport {
  contents: ProjectFileContents;
  mode: ImportMode;
  conflictIds: string[];
}

/** Handlers of the project-file channels (shared/api/contract.projectFiles.ts). */
export function createProjectFileHandlers(deps: HandlerDeps): ProjectFileHandlers {
  const { ctx, dialogs, appVersion, events } = deps;
  // Checked files stay in main until applied: the renderer only ever holds an id and a preview.
  const pending = new Map<string, PendingImport>();
  const take = (importId: string): PendingImport => {
    const entry = pending.get(importId);
    if (!entry)
      throw new AppError(
        'not_found',
        'That import is no longer open (the app may have restarted). Open the file again.',
      );
    return entry;
  };

  return {
    'projectFiles.export': async ({ projectId, withoutTeamNotes }) => {
      const project = findProjectRow(ctx, projectId);
      if (!project) throw notFound('project');
      const target = await dialogs.chooseSavePath({
        title: 'Export project file',
        defaultName: projectFileName(project.title),
        filters: FILTERS,
      });
      if (!target) return null;
      const result = exportProjectToFile(ctx, projectId, target, {
        appVersion,
        withoutTeamNotes: withoutTeamNotes ?? false,
      });
      return { path: result.path, bytes: result.bytes };
    },

    'projectFiles.inspect': async ({ path }) => {
      const filePath =
        path ?? (await dialogs.chooseOpenPath({ title: 'Import project file', filters: FILTERS }));
      if (!filePath) return null;
      const contents = readProjectFileFromPath(filePath);
      const plan = planImport(ctx, contents);
      const importId = randomUUID();
      pending.set(importId, {
        contents,
        mode: plan.mode,
        conflictIds: plan.conflicts.map((conflict) => conflict.id),
      });
      while (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value!);
      const { payload, manifest } = contents;
      return {
        importId,
        fileName: contents.fileName,
        projectId: payload.project.id,
        projectTitle: payload.project.title,
        mode: plan.mode === 'merge' ? 'merge' : 'new',
        exportedBy: manifest.exportedBy,
        exportedAt: manifest.exportedAt,
        appVersion: manifest.appVersion,
        formatVersion: contents.formatVersion,
        counts: {
          verdicts: payload.verdicts.length,
          articles: payload.articles.length,
          claims: payload.claims.length,
          sources: payload.sources.length,
          teamNotes: payload.teamNotes.length,
          corrections: payload.corrections.length,
          publications: payload.publications.length,
          changes: payload.changes.length,
        },
        effect: plan.preview,
        conflicts: plan.conflicts,
      };
    },

    'projectFiles.apply': ({ importId, asCopy, resolutions, defaultSide }) => {
      const entry = take(importId);
      const summary = applyImport(ctx, entry.contents, {
        asCopy: asCopy ?? false,
        resolutions: resolutions ?? {},
        ...(defaultSide ? { defaultSide } : {}),
        ...(asCopy ? {} : { expected: { mode: entry.mode, conflictIds: entry.conflictIds } }),
      });
      pending.delete(importId);
      events?.emit('library.changed', { projectId: summary.projectId });
      return summary;
    },

    'projectFiles.discard': ({ importId }) => {
      pending.delete(importId);
      return null;
    },

    'projectFiles.backups': ({ projectId }) => {
      if (!findProjectRow(ctx, projectId)) throw notFound('project');
      return listBackups(ctx, projectId);
    },

    'projectFiles.restoreBackup': ({ backupId }) => {
      const { project } = restoreBackup(ctx, backupId);
      events?.emit('library.changed', { projectId: project.id });
      return project;
    },
  };
}
