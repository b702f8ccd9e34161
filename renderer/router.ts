import type { Route } from './store/uiSlice';

/** The route lives in the URL hash so a reload (or the app's restart) returns to the same place. */
export function routeFromHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'project' && parts[1]) {
    return { kind: 'project', projectId: parts[1], articleId: parts[2] === 'article' && parts[3] ? parts[3] : null };
  }
  return { kind: 'library' };
}

export function hashFromRoute(route: Route): string {
  if (route.kind === 'library') return '#/';
  return `#/project/${encodeURIComponent(route.projectId)}${route.articleId ? `/article/${encodeURIComponent(route.articleId)}` : ''}`;
}
