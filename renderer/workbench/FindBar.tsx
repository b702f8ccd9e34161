import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { findAll, foldWithOffsets, type FindMatch } from '../../shared/text/findFold';
import { modalOpen } from './useShortcuts';

/** More matches than this are counted as "10,000+" and not all highlighted. */
const MATCH_LIMIT = 10_000;
const HIGHLIGHT_ALL = 'find-match';
const HIGHLIGHT_CURRENT = 'find-current';

const highlightsSupported = () => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';

interface FindBarProps {
  text: string;
  bodyRef: RefObject<HTMLDivElement | null>;
}

/**
 * Ctrl+F / Cmd+F: finds text in the open article, folding case, diacritics (é = e, ё = е) and
 * Arabic harakat and hamza forms, on whole graphemes. Matches are painted with the CSS Custom
 * Highlight API, so the article's DOM is never re-rendered for them.
 */
export function FindBar({ text, bodyRef }: FindBarProps) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  // Typing stays quick in a long article: the search follows the box one render behind.
  const deferredQuery = useDeferredValue(query);
  // Folded once per article text, and only once the bar has been opened.
  const folded = useMemo(() => (open ? foldWithOffsets(text) : null), [open, text]);
  const matches = useMemo(
    () => (folded ? findAll(folded, deferredQuery, MATCH_LIMIT) : []),
    [folded, deferredQuery],
  );
  const index = matches.length === 0 ? -1 : Math.min(current, matches.length - 1);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      if (event.code !== 'KeyF' && event.key.toLowerCase() !== 'f') return;
      if (modalOpen()) return;
      event.preventDefault();
      const active = document.activeElement;
      if (active instanceof HTMLElement && active !== inputRef.current) returnFocus.current = active;
      setOpen(true);
      inputRef.current?.select();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);

  usePaintMatches(open ? matches : [], index, bodyRef);

  const close = useCallback(() => {
    setOpen(false);
    const target = returnFocus.current;
    returnFocus.current = null;
    if (target?.isConnected) target.focus({ preventScroll: true });
    else bodyRef.current?.focus({ preventScroll: true });
  }, [bodyRef]);

  if (!open) return null;
  const move = (by: 1 | -1) => {
    if (matches.length === 0) return;
    setCurrent((index + by + matches.length) % matches.length);
  };
  const count =
    deferredQuery.trim() === ''
      ? ''
      : matches.length === 0
        ? 'No matches'
        : `${(index + 1).toLocaleString()} of ${matches.length.toLocaleString()}${matches.length >= MATCH_LIMIT ? '+' : ''}`;

  return (
    <div className="find-bar" role="search" aria-label="Find in article">
      <input
        ref={inputRef}
        type="search"
        aria-label="Find in article"
        placeholder="Find in article"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setCurrent(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            move(event.shiftKey ? -1 : 1);
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            close();
          }
        }}
      />
      <span className="find-count" role="status" aria-live="polite">
        {count}
      </span>
      <button
        type="button"
        className="tool"
        aria-label="Previous match"
        title="Previous match (Shift+Enter)"
        disabled={matches.length === 0}
        onClick={() => move(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="tool"
        aria-label="Next match"
        title="Next match (Enter)"
        disabled={matches.length === 0}
        onClick={() => move(1)}
      >
        ↓
      </button>
      <button type="button" className="tool" aria-label="Close find" title="Close (Esc)" onClick={close}>
        ×
      </button>
    </div>
  );
}

/**
 * Paints every match and the current one as CSS highlights over the article's text nodes, again
 * whenever the reading view changes its DOM (a claim marked splits a paragraph's segments), and
 * scrolls the current match into view when it changes.
 */
function usePaintMatches(matches: FindMatch[], index: number, bodyRef: RefObject<HTMLDivElement | null>) {
  const [domVersion, setDomVersion] = useState(0);
  const active = matches.length > 0;
  useEffect(() => {
    const body = bodyRef.current;
    if (!body || !active) return;
    let frame = 0;
    const observer = new MutationObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setDomVersion((value) => value + 1));
    });
    observer.observe(body, { childList: true, subtree: true, characterData: true });
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [bodyRef, active]);

  useEffect(() => {
    const body = bodyRef.current;
    if (!body || !highlightsSupported()) return;
    const ranges = rangesOf(body, matches);
    CSS.highlights.set(HIGHLIGHT_ALL, new Highlight(...ranges));
    const currentRange = index >= 0 ? ranges[index] : undefined;
    if (currentRange) CSS.highlights.set(HIGHLIGHT_CURRENT, new Highlight(currentRange));
    else CSS.highlights.delete(HIGHLIGHT_CURRENT);
    return () => {
      CSS.highlights.delete(HIGHLIGHT_ALL);
      CSS.highlights.delete(HIGHLIGHT_CURRENT);
    };
  }, [bodyRef, matches, index, domVersion]);

  const match = index >= 0 ? matches[index] : undefined;
  useEffect(() => {
    const body = bodyRef.current;
    if (!body || !match) return;
    const [range] = rangesOf(body, [match]);
    if (!range) return;
    // Without the highlight API the current match is shown as the selection.
    if (!highlightsSupported()) {
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    }
    revealRange(range);
  }, [bodyRef, match]);
}

/** Scrolls the range's segment to the middle of the article unless it is already in view. */
function revealRange(range: Range) {
  const element = range.startContainer.parentElement;
  if (!element) return;
  const scroller = element.closest('.workbench-reading');
  const box = range.getBoundingClientRect();
  const view = scroller?.getBoundingClientRect();
  if (view && box.height > 0 && box.top >= view.top + 8 && box.bottom <= view.bottom - 8) return;
  element.scrollIntoView({ block: 'center' });
}

/** DOM ranges for text offsets, over the reading view's segments (`data-s`, one text node each). */
function rangesOf(body: Element, matches: FindMatch[]): Range[] {
  const segments = [...body.querySelectorAll<HTMLElement>('[data-s]')];
  const starts = segments.map((segment) => Number(segment.dataset.s));
  const point = (offset: number, preferEnd: boolean): [Node, number] | null => {
    let lo = 0;
    let hi = segments.length - 1;
    if (hi < 0) return null;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (preferEnd ? starts[mid]! < offset : starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const node = segments[lo]!.firstChild;
    if (!node) return null;
    return [node, Math.max(0, Math.min(node.textContent!.length, offset - starts[lo]!))];
  };
  const ranges: Range[] = [];
  for (const { start, end } of matches) {
    const from = point(start, false);
    const to = point(end, true);
    if (!from || !to) continue;
    const range = document.createRange();
    range.setStart(from[0], from[1]);
    range.setEnd(to[0], to[1]);
    ranges.push(range);
  }
  return ranges;
}
