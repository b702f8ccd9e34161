import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { snapToWords } from '../../shared/anchoring';
import { LIMITS, type Claim } from '../../shared/domain';
import { api } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useAppStore } from '../store';
import { ClaimEditor, EditorPlaceholder } from './ClaimEditor';
import { ClaimFilterBar, ClaimList, OrphanList } from './ClaimList';
import {
  isFiltering,
  matchesFilter,
  NO_FILTER,
  NOT_RATED,
  preview,
  verdictKey,
  verdictMapFromKey,
  type ClaimFilter,
} from './claimView';
import { selectionOffsets, selectOffsets } from './domOffsets';
import { EditTextDialog } from './EditTextDialog';
import { ReadingView } from './ReadingView';
import { SelectionToolbar } from './SelectionToolbar';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useShortcuts } from './useShortcuts';
import './workbench.css';

type Hint = { kind: 'info' | 'error'; text: string } | null;

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/**
 * The claim workbench for one article: the reading view with highlights, the claims panel (filter,
 * list, editor), marking, re-anchoring and the keyboard loop.
 */
export const ArticleWorkspace = memo(function ArticleWorkspace({ articleId }: { articleId: string }) {
  const loadArticle = useAppStore((state) => state.loadArticle);
  const closeArticle = useAppStore((state) => state.closeArticle);
  const article = useAppStore((state) => (state.wbArticleId === articleId ? state.wbArticle : null));
  const status = useAppStore((state) => state.wbStatus);
  const loadError = useAppStore((state) => state.wbError);
  // The panel follows the claims one step behind the reading view (a deferred value): marking a
  // claim draws its highlight first, and the list and editor catch up in the next, interruptible render.
  const claims = useDeferredValue(useAppStore((state) => state.claims));
  const selectedId = useDeferredValue(useAppStore((state) => state.selectedClaimId));
  const anchorMode = useAppStore((state) => state.anchorMode);
  const key = useAppStore((state) => verdictKey(state.current?.verdicts));
  const verdictMap = useMemo(() => verdictMapFromKey(key), [key]);
  // The scale in order (shortcut 1 first), from the same key: new only when a verdict changes.
  const scale = useMemo(() => [...verdictMap].map(([id, { label }]) => ({ id, label })), [verdictMap]);
  const store = useAppStore.getState;

  const bodyRef = useRef<HTMLDivElement>(null);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const [filter, setFilter] = useState<ClaimFilter>(NO_FILTER);
  const [hint, setHint] = useState<Hint>(null);
  const [focusClaimantFor, setFocusClaimantFor] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<{ start: number; end: number; existing: Claim } | null>(null);
  const [dialog, setDialog] = useState<'help' | 'edit' | 'delete' | null>(null);
  const [marking, setMarking] = useState(false);

  useEffect(() => {
    void loadArticle(articleId);
    return () => closeArticle();
  }, [articleId, loadArticle, closeArticle]);

  // The Electron menu's "Keyboard shortcuts".
  useEffect(() => api.on('menu.command', ({ command }) => command === 'shortcuts' && setDialog('help')), []);

  // Info hints fade; errors stay until the next action.
  useEffect(() => {
    if (hint?.kind !== 'info') return;
    const timer = setTimeout(() => setHint(null), 6000);
    return () => clearTimeout(timer);
  }, [hint]);

  const anchored = useMemo(() => claims.filter((claim) => claim.anchorState === 'anchored'), [claims]);
  const orphans = useMemo(() => claims.filter((claim) => claim.anchorState === 'orphaned'), [claims]);
  const numbers = useMemo(() => new Map(anchored.map((claim, index) => [claim.id, index + 1])), [anchored]);
  const visible = useMemo(
    () => (isFiltering(filter) ? anchored.filter((claim) => matchesFilter(claim, filter)) : anchored),
    [anchored, filter],
  );
  const selected = selectedId ? claims.find((claim) => claim.id === selectedId) : undefined;
  const claimName = (claim: Claim) =>
    numbers.has(claim.id)
      ? `Claim ${numbers.get(claim.id)}`
      : `the claim “${preview(claim.anchor.exact, 40)}”`;

  /** Scrolls the article to a claim when it is not already in view. */
  const reveal = useCallback((claim: Claim | undefined) => {
    const body = bodyRef.current;
    const scroller = scrollerRef.current;
    if (!claim || claim.anchorState !== 'anchored' || !body || !scroller) return;
    const mark = body.querySelector<HTMLElement>(`[data-s="${claim.anchor.start}"]`);
    if (!mark) return;
    const box = mark.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    if (box.top >= view.top + 8 && box.bottom <= view.bottom - 8) return;
    mark.scrollIntoView({ block: 'center', behavior: reducedMotion() ? 'auto' : 'smooth' });
  }, []);

  const selectAndReveal = useCallback(
    (id: string) => {
      store().selectClaim(id);
      reveal(store().claims.find((claim) => claim.id === id));
    },
    [reveal, store],
  );

  const focusArticle = useCallback((claim?: Claim) => {
    const body = bodyRef.current;
    if (!body) return;
    body.focus({ preventScroll: true });
    if (claim && claim.anchorState === 'anchored')
      selectOffsets(body, claim.anchor.start, claim.anchor.start);
  }, []);

  const doMark = async (start: number, end: number) => {
    setMarking(true);
    try {
      const claim = await store().markClaim(start, end);
      document.getSelection()?.removeAllRanges();
      const number = store()
        .claims.filter((candidate) => candidate.anchorState === 'anchored')
        .findIndex((candidate) => candidate.id === claim.id);
      setHint({ kind: 'info', text: `Marked as Claim ${number + 1}. Give it a claimant and a verdict.` });
      setFocusClaimantFor(claim.id);
    } catch (error) {
      store().reportError(error);
    } finally {
      setMarking(false);
    }
  };

  /** "Mark claim" and M: the selection, snapped to whole words, becomes a claim (or the new span of one). */
  const mark = async () => {
    const body = bodyRef.current;
    if (!article || !body || marking) return;
    const raw = selectionOffsets(body);
    if (!raw) {
      setHint({
        kind: 'error',
        text: 'Select some text in the article first, then press M or “Mark claim”.',
      });
      return;
    }
    const span = snapToWords(article.text, raw.start, raw.end);
    if (!span) {
      setHint({ kind: 'error', text: 'That selection holds no words. Select the words of the claim.' });
      return;
    }
    const length = span.end - span.start;
    if (length > LIMITS.claimChars) {
      setHint({
        kind: 'error',
        text: `That selection is ${length.toLocaleString('en')} characters long. A claim can be at most ${LIMITS.claimChars.toLocaleString('en')} characters: select a shorter passage.`,
      });
      return;
    }
    const mode = store().anchorMode;
    if (mode) {
      const target = store().claims.find((claim) => claim.id === mode.claimId);
      try {
        await store().setClaimSpan(mode.claimId, span.start, span.end);
        document.getSelection()?.removeAllRanges();
        setHint({
          kind: 'info',
          text: `${target ? claimName(target) : 'The claim'} now quotes “${preview(article.text.slice(span.start, span.end), 60)}”.`,
        });
      } catch (error) {
        store().reportError(error);
      }
      return;
    }
    const existing = store().claims.find(
      (claim) =>
        claim.anchorState === 'anchored' &&
        claim.anchor.start === span.start &&
        claim.anchor.end === span.end,
    );
    if (existing) {
      setDuplicate({ ...span, existing });
      return;
    }
    await doMark(span.start, span.end);
  };

  const deleteClaim = async (claim: Claim | undefined) => {
    if (!claim) {
      setHint({ kind: 'error', text: 'Choose a claim first (J and K move through them).' });
      return;
    }
    const name = claimName(claim);
    try {
      await store().deleteClaims([claim.id]);
      store().notify('info', `${name} deleted. Undo (Ctrl+Z) brings it back.`);
    } catch (error) {
      store().reportError(error);
    }
  };

  const startAnchorMode = (claim: Claim) => {
    store().setAnchorMode({
      kind: claim.anchorState === 'orphaned' ? 'reattach' : 'adjust',
      claimId: claim.id,
    });
    store().selectClaim(claim.id);
    setHint({
      kind: 'info',
      text: `Select the new text for ${claimName(claim)} in the article, then press M or “${claim.anchorState === 'orphaned' ? 'Attach' : 'Set span'}”. Esc cancels.`,
    });
    focusArticle(claim.anchorState === 'anchored' ? claim : undefined);
  };

  const step = (by: 1 | -1) => {
    if (visible.length === 0) {
      setHint({
        kind: 'info',
        text: isFiltering(filter)
          ? 'No claim matches the filter.'
          : 'No claims yet. Select text and press M to mark one.',
      });
      return;
    }
    const index = visible.findIndex((claim) => claim.id === store().selectedClaimId);
    const nextIndex = index === -1 ? (by === 1 ? 0 : visible.length - 1) : index + by;
    if (nextIndex < 0 || nextIndex >= visible.length) {
      setHint({ kind: 'info', text: by === 1 ? 'That was the last claim.' : 'That was the first claim.' });
      return;
    }
    const next = visible[nextIndex]!;
    selectAndReveal(next.id);
    const active = document.activeElement;
    if (active && bodyRef.current?.contains(active)) focusArticle(next);
    else
      requestAnimationFrame(() =>
        document
          .querySelector<HTMLElement>(`.claim-list [data-claim-id="${next.id}"]`)
          ?.focus({ preventScroll: true }),
      );
  };

  const setVerdictAt = async (position: number) => {
    const selected = store().claims.find((claim) => claim.id === store().selectedClaimId);
    if (!selected) {
      setHint({ kind: 'error', text: 'Choose a claim first (J and K move through them).' });
      return;
    }
    const verdict = position === 0 ? null : scale[position - 1];
    if (verdict === undefined) {
      setHint({
        kind: 'error',
        text: `The scale has ${scale.length} verdicts; there is no verdict ${position}.`,
      });
      return;
    }
    try {
      await store().updateClaim(
        selected.id,
        { verdictId: verdict?.id ?? null },
        `Set verdict to ${verdict?.label ?? NOT_RATED.label}`,
      );
      setHint({ kind: 'info', text: `${claimName(selected)}: ${verdict?.label ?? NOT_RATED.label}` });
    } catch (error) {
      store().reportError(error);
    }
  };

  const shortcuts: Record<string, () => void> = {
    j: () => step(1),
    k: () => step(-1),
    m: () => void mark(),
    '/': () => filterRef.current?.focus(),
    '?': () => setDialog('help'),
    e: () => {
      const id = store().selectedClaimId;
      if (id) setFocusClaimantFor(id);
      else setHint({ kind: 'error', text: 'Choose a claim first (J and K move through them).' });
    },
    Delete: () => void deleteClaim(store().claims.find((claim) => claim.id === store().selectedClaimId)),
    Escape: () => {
      if (store().anchorMode) {
        store().setAnchorMode(null);
        setHint({ kind: 'info', text: 'Re-anchoring cancelled.' });
      } else document.getSelection()?.removeAllRanges();
    },
  };
  for (let n = 0; n <= 9; n++) shortcuts[String(n)] = () => void setVerdictAt(n);
  // The Mac keyboard's "delete" key is Backspace.
  if (/Mac/.test(navigator.platform)) shortcuts.Backspace = shortcuts.Delete!;
  useShortcuts(shortcuts, article !== null);

  if (!article) {
    if (status === 'error') {
      return (
        <div className="empty" role="alert">
          <p>{loadError}</p>
          <button type="button" className="button" onClick={() => void loadArticle(articleId)}>
            Try again
          </button>
        </div>
      );
    }
    return (
      <div className="workbench-loading" aria-busy="true">
        Loading article…
      </div>
    );
  }

  const anchorTarget = anchorMode ? claims.find((claim) => claim.id === anchorMode.claimId) : undefined;

  return (
    <div className="workbench">
      <div className="workbench-reading-column">
        <div className="workbench-reading" ref={scrollerRef}>
          <article className="reading" aria-labelledby="article-title">
            <header className="reading-header">
              <div className="reading-title-row">
                <h2 id="article-title" dir="auto" lang={article.language || undefined}>
                  {article.title}
                </h2>
                <div className="reading-actions">
                  <button type="button" className="button button-small" onClick={() => setDialog('edit')}>
                    Edit text
                  </button>
                  <button
                    type="button"
                    className="button button-small button-quiet danger-text"
                    onClick={() => setDialog('delete')}
                  >
                    Delete article
                  </button>
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    onClick={() => setDialog('help')}
                    aria-keyshortcuts="?"
                  >
                    Keyboard shortcuts
                  </button>
                </div>
              </div>
              <p className="muted">
                {[article.outlet, article.author, article.publishedDate].filter(Boolean).join(' · ')}
                {article.url && (
                  <>
                    {' · '}
                    <span className="url">{article.url}</span>
                  </>
                )}
              </p>
            </header>
            <ReadingView article={article} bodyRef={bodyRef} />
          </article>
          <SelectionToolbar
            bodyRef={bodyRef}
            actionLabel={
              anchorTarget
                ? anchorMode?.kind === 'reattach'
                  ? `Attach to ${claimName(anchorTarget)}`
                  : `Set span of ${claimName(anchorTarget)}`
                : 'Mark claim'
            }
            onAction={() => void mark()}
            onCancel={anchorTarget ? () => store().setAnchorMode(null) : undefined}
          />
        </div>
        {/* A status line under the article, like an editor's: hints never cover or push the text. */}
        <div className={`wb-statusbar${hint?.kind === 'error' ? ' wb-statusbar-error' : ''}`}>
          <span role="status" className={hint || anchorTarget ? undefined : 'muted'}>
            {hint?.kind === 'error'
              ? ''
              : (hint?.text ??
                (anchorTarget
                  ? `Select the new text for ${claimName(anchorTarget)}, then press M. Esc cancels.`
                  : 'Select a passage and press M to mark a claim. J and K move between claims; ? lists every shortcut.'))}
          </span>
          {hint?.kind === 'error' && <span role="alert">{hint.text}</span>}
          {anchorTarget && (
            <button type="button" className="button button-small" onClick={() => store().setAnchorMode(null)}>
              Cancel re-anchoring
            </button>
          )}
        </div>
      </div>
      <aside className="claims-panel" aria-label="Claim panel">
        <div className="claims-top">
          <div className="claims-head">
            <h2>Claims</h2>
          </div>
          <ClaimFilterBar
            filter={filter}
            onChange={setFilter}
            verdicts={scale}
            filterRef={filterRef}
            shown={visible.length}
            total={anchored.length}
          />
          <OrphanList
            claims={orphans}
            selectedId={selectedId}
            onSelect={(id) => store().selectClaim(id)}
            onReattach={startAnchorMode}
          />
          {anchored.length > 0 && (
            <ClaimList
              claims={visible}
              numbers={numbers}
              selectedId={selectedId}
              verdicts={verdictMap}
              onSelect={selectAndReveal}
            />
          )}
        </div>
        <div className="claims-editor">
          {selected ? (
            <ClaimEditor
              key={selected.id}
              claim={selected}
              number={numbers.get(selected.id) ?? null}
              direction={article.direction}
              language={article.language}
              focusClaimant={focusClaimantFor === selected.id}
              onFocused={() => setFocusClaimantFor(null)}
              onBackToArticle={() => focusArticle(selected)}
              onAdjustSpan={startAnchorMode}
              onDelete={(claim) => void deleteClaim(claim)}
            />
          ) : (
            <EditorPlaceholder hasClaims={claims.length > 0} />
          )}
        </div>
      </aside>

      {duplicate && (
        <ConfirmDialog
          title="Mark the same passage again?"
          confirmLabel="Mark again"
          onCancel={() => {
            selectAndReveal(duplicate.existing.id);
            setDuplicate(null);
          }}
          onConfirm={() => {
            const { start, end } = duplicate;
            setDuplicate(null);
            void doMark(start, end);
          }}
        >
          <p>
            “{preview(duplicate.existing.anchor.exact, 120)}” is already {claimName(duplicate.existing)}. Mark
            it again as a separate claim?
          </p>
        </ConfirmDialog>
      )}
      {dialog === 'help' && <ShortcutsHelp onClose={() => setDialog(null)} />}
      {dialog === 'edit' && <EditTextDialog article={article} onClose={() => setDialog(null)} />}
      {dialog === 'delete' && (
        <ConfirmDialog
          title={`Delete “${preview(article.title, 60)}”?`}
          confirmLabel="Delete article"
          danger
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            setDialog(null);
            const count = claims.length;
            const title = article.title;
            store()
              .deleteArticleWithClaims(article.id)
              .then(() =>
                store().notify(
                  'info',
                  `Deleted “${preview(title, 40)}”${count > 0 ? ` and its ${count} claim${count === 1 ? '' : 's'}` : ''}. Undo brings it back.`,
                ),
              )
              .catch((error: unknown) => store().reportError(error));
          }}
        >
          <p>
            {claims.length > 0
              ? `Its ${claims.length} claim${claims.length === 1 ? '' : 's'}, with their verdicts, rationales and sources, ${claims.length === 1 ? 'goes' : 'go'} with it.`
              : 'The article has no claims yet.'}{' '}
            Undo (Ctrl+Z) brings it all back.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
});
