/**
 * The open article that the workbench's store and component tests start from: a fresh store at
 * ARTICLE_ID of fixtures.ts, and main's answers about it, played from what the test holds.
 */
import { bridge, refuse } from './fakeBridge';
import type { ResponseOf } from '../../../shared/api/contract';
import type { Claim, Source } from '../../../shared/domain';
import { useAppStore } from '../../../renderer/store';
import { libraryChangesSettled } from '../../../renderer/store/libraryEvents';
import { article, ARTICLE_ID, ARTICLE_TEXT, overview, PROJECT_ID, touched } from './fixtures';

export const store = useAppStore.getState;
export const undoLabels = () => store().undoStack.map((entry) => entry.label);

/** A fresh store and fake bridge (nothing answered yet), the window at ARTICLE_ID in its project. */
export function openArticleRoute(current: ResponseOf<'projects.get'> = overview()): void {
  bridge.reset();
  useAppStore.setState(useAppStore.getInitialState(), true);
  useAppStore.setState({
    current,
    route: { kind: 'project', projectId: PROJECT_ID, articleId: ARTICLE_ID },
  });
}

/** Loads the open article into the store, then forgets the calls that took. */
export async function loadOpenArticle(): Promise<void> {
  await store().loadArticle(ARTICLE_ID);
  bridge.calls.length = 0;
}

/** `workbench.loadArticle`'s answer: the article (with `text`) and what main holds of it. */
export function loadedArticle({
  text = ARTICLE_TEXT,
  claims,
  sources = [],
  claimants = [],
  tags = [],
}: {
  text?: string;
  claims: Iterable<Claim>;
  sources?: Iterable<Source>;
  claimants?: string[];
  tags?: string[];
}): ResponseOf<'workbench.loadArticle'> {
  return { article: article({ text }), claims: [...claims], sources: [...sources], claimants, tags };
}

/** `claims.update` as main answers it: the held claim with `fields` changed, saved now. */
export function updateHeldClaim(
  claims: Map<string, Claim>,
  claimId: string,
  fields: Partial<Claim> = {},
): Claim {
  const next = touched(claims.get(claimId) ?? refuse('not_found', 'That claim no longer exists.'), fields);
  claims.set(claimId, next);
  return next;
}

/** main sends `library.changed`; answers once the store has taken it in. */
export async function libraryChanged(projectId: string | null = PROJECT_ID): Promise<void> {
  bridge.emit('library.changed', { projectId });
  await libraryChangesSettled();
}
