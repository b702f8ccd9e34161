/**
 * Fresh views after background changes. main sends `library.changed` after a project file was
 * imported or merged, a project backup restored, or a library backup restored (projectId null:
 * anything may have changed). The window then reads again what it shows: the project list, and when
 * the open project is concerned, its overview, the open article (the selected claim stays open
 * while it exists) and, through `backgroundRevision`, the claim editor's own records. Undo steps that
 * no longer apply are dropped (the rule is in ../workbench/undoStack.ts). A project that is gone
 * sends the window back to the project list.
 */
import { api, ApiCallError } from '../api';
import { dropStaleSteps, knownRecordsOf, staleStepsNotice, type KnownRecords } from '../workbench/undoStack';
import { useAppStore, type AppState } from '.';

/** One change is taken in at a time, in the order main sent them. */
let queue: Promise<void> = Promise.resolve();

/** Listens for `library.changed` (once, at startup); answers the function that stops listening. */
export function watchLibraryChanges(): () => void {
  return api.on('library.changed', ({ projectId }) => void applyLibraryChange(projectId));
}

/** Takes in one background change (exported for tests). */
export function applyLibraryChange(projectId: string | null): Promise<void> {
  const run = () => takeIn(projectId);
  queue = queue.then(run, run);
  return queue;
}

/** Settles once every change received so far was taken in (for tests). */
export function libraryChangesSettled(): Promise<void> {
  return queue;
}

const openProjectId = (state: AppState) => (state.route.kind === 'project' ? state.route.projectId : null);

async function takeIn(projectId: string | null) {
  const state = useAppStore.getState();
  const listed = state.loadProjects();
  const open = openProjectId(state);
  // Undo and redo wait while the open project is read again, so that no stale step runs meanwhile.
  if (open && (projectId === null || projectId === open))
    await state.afterPendingUndo(() => refreshOpenProject(open)).catch(state.reportError);
  await listed;
}

/** What the window holds of its open article, or null when none is open and ready. */
function knownNow(state: AppState): KnownRecords | null {
  const article = state.wbArticle;
  if (!article || state.wbStatus !== 'ready' || state.wbArticleId !== article.id) return null;
  return knownRecordsOf({
    articleId: article.id,
    article,
    claims: state.claims,
    sources: Object.values(state.sourcesByClaim).flat(),
    verdictIds: (state.current?.verdicts ?? []).map((verdict) => verdict.id),
  });
}

async function refreshOpenProject(projectId: string) {
  const get = useAppStore.getState;
  const set = useAppStore.setState;
  const stillOpen = () => openProjectId(get()) === projectId;
  const before = knownNow(get());

  let overview;
  try {
    overview = await api.call('projects.get', { id: projectId });
  } catch (error) {
    if (!stillOpen()) return;
    if (error instanceof ApiCallError && error.code === 'not_found') {
      get().clearUndo();
      get().navigate({ kind: 'library' });
      set({ current: null });
      get().notify('info', 'The project you had open is no longer in the library (a backup was restored).');
    } else {
      get().reportError(error);
      dropUndo(before, null);
    }
    return;
  }
  if (!stillOpen()) return;
  set({ current: overview });
  if (get().publications !== null) get().loadPublications().catch(get().reportError);

  let after: KnownRecords | null = null;
  const articleId = get().wbArticleId;
  if (articleId) {
    const outcome = overview.articles.some((article) => article.id === articleId)
      ? await get().reloadOpenArticle()
      : 'gone';
    if (!stillOpen()) return;
    if (outcome === 'gone') {
      const verdictIds = overview.verdicts.map((verdict) => verdict.id);
      after = knownRecordsOf({ articleId, article: null, claims: [], sources: [], verdictIds });
      get().navigate({ kind: 'project', projectId, articleId: null });
      get().notify('info', 'The article you had open is no longer in the project (import or restore).');
    } else if (outcome === 'ready') after = knownNow(get());
  }
  dropUndo(before, after);
  set((state) => ({ backgroundRevision: state.backgroundRevision + 1 }));
}

/** Drops the undo and redo steps that no longer apply, and says so. */
function dropUndo(before: KnownRecords | null, after: KnownRecords | null) {
  const state = useAppStore.getState();
  const { stacks, dropped } = dropStaleSteps(state, before, after);
  if (dropped === 0) return;
  useAppStore.setState(stacks);
  const notice = staleStepsNotice(dropped, stacks.undoStack.length + stacks.redoStack.length);
  if (notice) state.notify('info', notice);
}
