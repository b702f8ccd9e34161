import type { ResponseOf, RequestOf } from '../../shared/api/contract';
import { api } from '../api';
import type { SliceCreator } from './types';

export type ProjectOverview = ResponseOf<'projects.get'>;
export type NewArticle = RequestOf<'articles.create'>;

export interface ProjectSlice {
  current: ProjectOverview | null;
  openProject(id: string): Promise<void>;
  refreshProject(): Promise<void>;
  addArticle(input: NewArticle): Promise<string>;
  deleteArticle(id: string): Promise<void>;
}

export const createProjectSlice: SliceCreator<ProjectSlice> = (set, get) => ({
  current: null,
  async openProject(id) {
    try {
      set({ current: await api.call('projects.get', { id }) });
    } catch (error) {
      get().reportError(error);
      get().navigate({ kind: 'library' });
    }
  },
  async refreshProject() {
    const id = get().current?.project.id;
    if (!id) return;
    try {
      set({ current: await api.call('projects.get', { id }) });
    } catch (error) {
      get().reportError(error);
    }
  },
  async addArticle(input) {
    const article = await api.call('articles.create', input);
    await get().refreshProject();
    return article.id;
  },
  async deleteArticle(id) {
    await api.call('articles.delete', { id });
    await get().refreshProject();
  },
});
