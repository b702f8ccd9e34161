import type { ResponseOf, RequestOf } from '../../shared/api/contract';
import type { Article, ArticleMeta, Project, Publication } from '../../shared/domain';
import { api } from '../api';
import type { SliceCreator } from './types';

export type ProjectOverview = ResponseOf<'projects.get'>;
export type NewArticle = RequestOf<'articles.create'>;
export type ProjectDetails = { description?: string; secondPairOfEyes?: boolean };

export interface ProjectSlice {
  current: ProjectOverview | null;
  /** The open project's publication log, newest first; null until loaded. */
  publications: Publication[] | null;
  openProject(id: string): Promise<void>;
  refreshProject(): Promise<void>;
  addArticle(input: NewArticle): Promise<string>;
  deleteArticle(id: string): Promise<void>;
  /** Corrects an article's title, outlet, author, URL, date, language or direction (recorded in the history). */
  updateArticleDetails(id: string, meta: ArticleMeta): Promise<Article>;
  /** The open project's description and "Second pair of eyes". */
  updateProjectDetails(details: ProjectDetails): Promise<Project>;
  loadPublications(): Promise<void>;
  /** "Mark as published" for report files exported in this session (ids from reports.export). */
  markPublished(exportIds: string[]): Promise<Publication>;
}

const newestFirst = (list: Publication[]) => [...list].sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt));

export const createProjectSlice: SliceCreator<ProjectSlice> = (set, get) => ({
  current: null,
  publications: null,
  async openProject(id) {
    if (get().current?.project.id !== id) set({ publications: null });
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
  async updateArticleDetails(id, meta) {
    const { article } = await api.call('articles.update', { id, meta });
    // The open article follows at once; the list of articles on the next load of the project.
    if (get().wbArticleId === id) set({ wbArticle: article });
    await get().refreshProject();
    return article;
  },
  async updateProjectDetails(details) {
    const current = get().current;
    if (!current) throw new Error('Open a project first.');
    const project = await api.call('editorial.updateProject', { id: current.project.id, ...details });
    set((state) =>
      state.current?.project.id === project.id ? { current: { ...state.current, project } } : {},
    );
    get().applyProjectToList(project);
    return project;
  },
  async loadPublications() {
    const id = get().current?.project.id;
    if (!id) return;
    const list = await api.call('editorial.publications', { projectId: id });
    if (get().current?.project.id === id) set({ publications: newestFirst(list) });
  },
  async markPublished(exportIds) {
    const id = get().current?.project.id;
    if (!id) throw new Error('Open a project first.');
    const publication = await api.call('editorial.markPublished', { projectId: id, exportIds });
    set((state) =>
      state.current?.project.id === id && state.publications
        ? { publications: newestFirst([publication, ...state.publications.filter((p) => p.id !== publication.id)]) }
        : {},
    );
    return publication;
  },
});
