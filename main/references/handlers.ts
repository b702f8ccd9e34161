import type { ReferenceHandlers } from '../api/handlerTypes';
import type { HandlerDeps } from '../api/handlers';
import { notFound } from '../errors';
import { runTask } from '../tasks/tasks';
import { importReferenceFile } from './importReferences';
import { inspectReferenceFile } from './inspectReferences';
import { deleteCollection, listCollections } from './referenceStore';

const FILTERS = [
  { name: 'Fact-checks (ClaimReview JSON-LD, fact-check API JSON, CSV, TSV)', extensions: ['json', 'jsonld', 'csv', 'tsv', 'tab', 'txt'] },
  { name: 'All files', extensions: ['*'] },
];
/** What the person reads after cancelling (the calls answer with the error code 'cancelled'). */
const CANCELLED = {
  inspect: 'Reading the file was cancelled. Nothing in your library was changed.',
  import: 'The import was cancelled. Nothing in your library was changed.',
};

/** Handlers of the reference fact-check channels (shared/api/contract.references.ts). */
export function createReferenceHandlers(deps: HandlerDeps): ReferenceHandlers {
  const { ctx, dialogs } = deps;
  const taskDeps = { events: deps.events, cancelFlags: deps.cancelFlags };
  return {
    'references.inspect': async ({ path, taskId }) => {
      const filePath = path ?? (await dialogs.chooseOpenPath({ title: 'Import reference fact-checks', filters: FILTERS }));
      if (!filePath) return null;
      return runTask(taskDeps, taskId, CANCELLED.inspect, (task) => inspectReferenceFile(filePath, task));
    },
    'references.import': ({ path, collectionName, mapping, taskId }) =>
      runTask(taskDeps, taskId, CANCELLED.import, (task) => importReferenceFile(ctx, { path, collectionName, mapping }, task)),
    'references.collections': () => listCollections(ctx),
    'references.deleteCollection': ({ id }) => {
      if (!deleteCollection(ctx, id)) throw notFound('collection');
      return null;
    },
  };
}
