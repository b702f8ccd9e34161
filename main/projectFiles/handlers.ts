import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
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
import { runTask } from '../tasks/tasks';

const FILTERS = [{ name: 'Factcheck project', extensions: ['factcheck'] }];
/** What the person reads after cancelling (the calls answer with the error code 'cancelled'). */
const CANCELLED = {
  export: 'The export was cancelled. No file was written.',
  inspect: 'Opening the file was cancelled. Nothing in your library was changed.',
  apply: 'The import was cancelled. Nothing in your library was changed.',
};
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
  const taskDeps = { events, cancelFlags: deps.cancelFlags };
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
    'projectFiles.export': async ({ projectId, withoutTeamNotes, leaveOutEvidence, taskId }) => {
      const project = findProjectRow(ctx, projectId);
      if (!project) throw notFound('project');
      const target = await dialogs.chooseSavePath({
        title: 'Export project file',
        defaultName: projectFileName(project.title),
        filters: FILTERS,
      });
      if (!target) return null;
      const result = await runTask(taskDeps, taskId, CANCELLED.export, (task) =>
        exportProjectToFile(ctx, projectId, target, {
          appVersion,
          withoutTeamNotes: withoutTeamNotes ?? false,
          withoutEvidence: leaveOutEvidence ?? false,
          dataDir: dirname(deps.dataPath),
          task,
        }),
      );
      return { path: result.path, bytes: result.bytes };
    },

    'projectFiles.inspect': async ({ path, taskId }) => {
      const filePath =
        path ?? (await dialogs.chooseOpenPath({ title: 'Import project file', filters: FILTERS }));
      if (!filePath) return null;
      const { contents, plan } = await runTask(taskDeps, taskId, CANCELLED.inspect, (task) => {
        task.stage('Reading and checking the file');
        const read = readProjectFileFromPath(filePath);
        task.stage(`Comparing “${read.fileName}” with your library`);
        const planned = planImport(ctx, read);
        task.finish();
        return { contents: read, plan: planned };
      });
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

    'projectFiles.apply': async ({ importId, asCopy, resolutions, defaultSide, taskId }) => {
      const entry = take(importId);
      // A cancelled import keeps the inspected file: the person may import it after all.
      const summary = await runTask(taskDeps, taskId, CANCELLED.apply, (task) => {
        const done = applyImport(ctx, entry.contents, {
          asCopy: asCopy ?? false,
          resolutions: resolutions ?? {},
          ...(defaultSide ? { defaultSide } : {}),
          ...(asCopy ? {} : { expected: { mode: entry.mode, conflictIds: entry.conflictIds } }),
          dataDir: dirname(deps.dataPath),
          task,
        });
        task.finish();
        return done;
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
