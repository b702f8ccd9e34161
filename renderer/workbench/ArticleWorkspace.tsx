import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { snapToWords } from '../../shared/anchoring';
import { LIMITS, type Claim } from '../../shared/domain';
import { api } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useAppStore } from '../store';
import { ArticleByline } from './ArticleDetails';
import { ClaimEditor, EditorPlaceholder } from './ClaimEditor';
import { ClaimFilterBar, ClaimList, OrphanList } from './ClaimList';
import { QuoteChangedList } from './QuoteChangedList';
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
import { FindBar } from './FindBar';
import { PanelSplit } from './PanelSplit';
import { ReadingView } from './ReadingView';
import { SelectionToolbar } from './SelectionToolbar';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useShortcuts } from './useShortcuts';
import { isUndoStepOf, verdictChange, verdictChangeText, verdictUndoneText, type VerdictChange } from './verdictNotice';
import './workbench.css';

/** `undo`: a verdict set by a shortcut, which the status line offers to undo. */
type Hint = { kind: 'info' | 'error'; text: string; undo?: VerdictChange & { returnFocus: Element | null } } | null;

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
  const panelRef = useRef<HTMLElement>(null);
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

  // Info hints fade (one that offers Undo stays longer); errors stay until the next action.
  useEffect(() => {
    if (hint?.kind !== 'info') return;
    const timer = setTimeout(() => setHint(null), hint.undo ? 15000 : 6000);
    return () => clearTimeout(timer);
  }, [hint]);

  const anchored = useMemo(() => claims.filter((claim) => claim.anchorState === 'anchored'), [claims]);
  const orphans = useMemo(() => claims.filter((claim) => claim.anchorState === 'orphaned'), [claims]);
  const quoteChanged = useMemo(() => anchored.filter((claim) => claim.quoteChangedFrom !== ''), [anchored]);
  const visible = useMemo(
    () => (isFiltering(filter) ? anchored.filter((claim) => matchesFilter(claim, filter)) : anchored),
    [anchored, filter],
  );
  const selected = selectedId ? claims.find((claim) => claim.id === selectedId) : undefined;
  const claimName = (claim: Claim) => `Claim ${claim.number}`;

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
      setHint({ kind: 'info', text: `Marked as Claim ${claim.number}. Give it a claimant and a verdict.` });
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
    if ((verdict?.id ?? null) === selected.verdictId) {
      setHint({ kind: 'info', text: `Claim ${selected.number} is already ${verdictLabel(selected.verdictId)}.` });
      return;
    }
    const returnFocus = document.activeElement;
    try {
      const updated = await store().updateClaim(
        selected.id,
        { verdictId: verdict?.id ?? null },
        `Set verdict to ${verdict?.label ?? NOT_RATED.label}`,
      );
      const change = verdictChange(selected, updated);
      setHint({ kind: 'info', text: verdictChangeText(change, verdictLabel), undo: { ...change, returnFocus } });
    } catch (error) {
      store().reportError(error);
    }
  };
  const verdictLabel = (id: string | null) =>
    id === null ? NOT_RATED.label : (verdictMap.get(id)?.label ?? 'a verdict no longer on the scale');

  /** The notice's Undo: the undo step itself when it is still the newest, else the old verdict saved again. */
  const undoVerdict = async (undo: NonNullable<NonNullable<Hint>['undo']>) => {
    setHint(null);
    try {
      if (isUndoStepOf(store().undoStack.at(-1), undo)) await store().undo();
      else await store().updateClaim(undo.claimId, { verdictId: undo.from }, `Set verdict back to ${verdictLabel(undo.from)}`);
      const now = store().claims.find((claim) => claim.id === undo.claimId);
      if (now && now.verdictId === undo.from) setHint({ kind: 'info', text: verdictUndoneText(undo, verdictLabel) });
    } catch (error) {
      store().reportError(error);
    }
    if (undo.returnFocus instanceof HTMLElement && undo.returnFocus.isConnected)
      undo.returnFocus.focus({ preventScroll: true });
  };
  const undoTarget = hint?.undo ? claims.find((claim) => claim.id === hint.undo!.claimId) : undefined;
  // Undo is offered while the claim still has the verdict the shortcut gave it.
  const undoOffer = hint?.undo && undoTarget?.verdictId === hint.undo.to ? hint.undo : undefined;

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
  useShortcuts(shortcuts, article !== null, (event, { reason }) => {
    // Keys typed in the editor, a field or a dialog are theirs; a key with focus on nothing gets a word.
    if (reason === 'outside' && event.key !== 'Escape')
      setHint({ kind: 'info', text: 'Shortcuts work in the article text and the claims list: click one of them first.' });
  });

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
        <FindBar text={article.text} bodyRef={bodyRef} />
        <div className="workbench-reading" ref={scrollerRef} data-wb-keys="reading" tabIndex={-1}>
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
              <ArticleByline article={article} />
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
          {undoOffer && (
            <button
              type="button"
              className="button button-small"
              aria-label={`Undo the verdict change of Claim ${undoOffer.number}`}
              onClick={() => void undoVerdict(undoOffer)}
            >
              Undo
            </button>
          )}
          {anchorTarget && (
            <button type="button" className="button button-small" onClick={() => store().setAnchorMode(null)}>
              Cancel re-anchoring
            </button>
          )}
        </div>
      </div>
      {/* With no claim open the list takes the whole panel; with one, a separator splits them. */}
      <aside
        ref={panelRef}
        className={`claims-panel${selected ? ' claims-panel-split' : claims.length > 0 ? ' claims-panel-list' : ''}`}
        aria-label="Claim panel"
      >
        <div className="claims-top" data-wb-keys="claims" tabIndex={-1}>
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
          <QuoteChangedList
            claims={quoteChanged}
            selectedId={selectedId}
            onSelect={selectAndReveal}
            onSelectAgain={startAnchorMode}
          />
          {anchored.length > 0 && (
            <ClaimList
              claims={visible}
              selectedId={selectedId}
              verdicts={verdictMap}
              onSelect={selectAndReveal}
            />
          )}
        </div>
        {selected && <PanelSplit panelRef={panelRef} />}
        <div className="claims-editor" data-wb-keys="editor" tabIndex={-1}>
          {selected ? (
            <ClaimEditor
              key={selected.id}
              claim={selected}
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
