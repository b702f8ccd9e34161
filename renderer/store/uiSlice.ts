import { ApiCallError } from '../api';
import { hashFromRoute } from '../router';
import type { SliceCreator } from './types';

export type Route = { kind: 'library' } | { kind: 'project'; projectId: string; articleId: string | null };

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
  /** Files just saved: the notice names them with "Show in folder" and "Open" (components/Notices.tsx). */
  files?: string[];
}

export interface UiSlice {
  route: Route;
  notices: Notice[];
  /** Set when the library itself cannot be used (damaged, too new): the whole window says so. */
  fatalError: string | null;
  /** Which app-wide dialog is open (menu commands and header buttons open them). */
  openDialog: 'settings' | 'about' | 'export-report' | 'import-project' | 'restore-backup' | 'search-library' | null;
  setOpenDialog(dialog: UiSlice['openDialog']): void;
  /** A .factcheck file the app was asked to open; the import dialog reads it instead of asking. */
  importPath: string | null;
  /** Set by File → New project until the project list's "New project" form closes: the list shows the form. */
  newProjectRequested: boolean;
  requestNewProject(): void;
  newProjectRequestDone(): void;
  openProjectFile(path: string): void;
  navigate(route: Route): void;
  notify(kind: Notice['kind'], message: string, files?: string[]): void;
  dismissNotice(id: number): void;
  /** Shows a failed call to the person; never swallows it. */
  reportError(error: unknown): void;
}

let nextNoticeId = 1;
const FATAL_CODES = new Set(['database_corrupt', 'database_too_new']);

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  route: { kind: 'library' },
  notices: [],
  fatalError: null,
  openDialog: null,
  setOpenDialog(dialog) {
    set(dialog === null ? { openDialog: null, importPath: null } : { openDialog: dialog });
  },
  importPath: null,
  newProjectRequested: false,
  requestNewProject() {
    get().navigate({ kind: 'library' });
    set({ newProjectRequested: true });
  },
  newProjectRequestDone() {
    set({ newProjectRequested: false });
  },
  openProjectFile(path) {
    set({ openDialog: null, importPath: null });
    // A fresh dialog for each file, even when one is already open.
    setTimeout(() => set({ openDialog: 'import-project', importPath: path }), 0);
  },
  navigate(route) {
    // Leaving the library drops an unanswered File → New project, as closing the form would.
    set(route.kind === 'library' ? { route } : { route, newProjectRequested: false });
    const hash = hashFromRoute(route);
    if (window.location.hash !== hash) window.location.hash = hash;
  },
  notify(kind, message, files) {
    const id = nextNoticeId++;
    const notice: Notice = files?.length ? { id, kind, message, files } : { id, kind, message };
    set((state) => ({ notices: [...state.notices.filter((other) => other.message !== message), notice] }));
    // A notice with file buttons stays long enough to reach them.
    if (kind === 'info') setTimeout(() => get().dismissNotice(id), files?.length ? 20_000 : 5000);
  },
  dismissNotice(id) {
    set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
  },
  reportError(error) {
    if (error instanceof ApiCallError && FATAL_CODES.has(error.code)) {
      set({ fatalError: error.message });
      return;
    }
    const message = error instanceof Error ? error.message : 'Something went wrong.';
    get().notify('error', message);
  },
});
