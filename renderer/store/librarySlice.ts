import type { Project, ProjectSummary } from '../../shared/domain';
import { api } from '../api';
import type { SliceCreator } from './types';

export interface LibrarySlice {
  projects: ProjectSummary[];
  projectsLoaded: boolean;
  loadProjects(): Promise<void>;
  createProject(title: string): Promise<string>;
  renameProject(id: string, title: string): Promise<void>;
  deleteProject(id: string): Promise<void>;
  /** Puts a project main just answered into the list (its counts stay as they were). */
  applyProjectToList(project: Project): void;
}

export const createLibrarySlice: SliceCreator<LibrarySlice> = (set, get) => ({
  projects: [],
  projectsLoaded: false,
  async loadProjects() {
    try {
      set({ projects: await api.call('projects.list', {}), projectsLoaded: true });
    } catch (error) {
      get().reportError(error);
    }
  },
  async createProject(title) {
    const project = await api.call('projects.create', { title });
    await get().loadProjects();
    return project.id;
  },
  async renameProject(id, title) {
    await api.call('projects.rename', { id, title });
    await get().loadProjects();
    if (get().current?.project.id === id) await get().refreshProject();
  },
  async deleteProject(id) {
    await api.call('projects.delete', { id });
    if (get().current?.project.id === id) set({ current: null });
    await get().loadProjects();
  },
  applyProjectToList(project) {
    set((state) => ({
      projects: state.projects.map((summary) => (summary.id === project.id ? { ...summary, ...project } : summary)),
    }));
  },
});
