import type { LibrarySlice } from './librarySlice';
import type { ProjectSlice } from './projectSlice';
import type { UiSlice } from './uiSlice';
import type { WorkbenchSlice } from './workbenchSlice';

export type AppState = LibrarySlice & ProjectSlice & UiSlice & WorkbenchSlice;
/** zustand's slice signature, kept local so each slice file stays short. */
export type SliceCreator<T> = (
  set: (partial: Partial<AppState> | ((state: AppState) => Partial<AppState>)) => void,
  get: () => AppState,
) => T;
