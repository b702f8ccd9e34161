import { create } from 'zustand';
import { createLibrarySlice } from './librarySlice';
import { createProjectSlice } from './projectSlice';
import type { AppState } from './types';
import { createUiSlice } from './uiSlice';
import { createWorkbenchSlice } from './workbenchSlice';

/** One store made of slices; components read it with small selectors (useShallow for objects). */
export const useAppStore = create<AppState>()((set, get) => ({
  ...createLibrarySlice(set, get),
  ...createProjectSlice(set, get),
  ...createUiSlice(set, get),
  ...createWorkbenchSlice(set, get),
}));
export type { AppState };
