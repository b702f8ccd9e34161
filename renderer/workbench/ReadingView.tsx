import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type MouseEvent,
  type RefObject,
} from 'react';
import type { Article } from '../../shared/domain';
import { useAppStore } from '../store';
import { NOT_RATED, verdictKey, verdictMapFromKey } from './claimView';
import { countRender } from './renderCounts';
import { claimForClick, groupByParagraph, segmentRange, splitParagraphs, type Highlight } from './segments';

type VerdictMap = Map<string, { label: string; colour: string }>;

interface ReadingViewProps {
  article: Article;
  bodyRef: RefObject<HTMLDivElement | null>;
}

/**
 * The article as paragraphs, with claims highlighted in their verdict's colour. The text body is
 * a read-only contenteditable so that a keyboard user gets a caret and can select with Shift and
 * the arrow keys; every edit (typing, paste, drop, cut) is refused before it happens.
 */
export const ReadingView = memo(function ReadingView({ article, bodyRef }: ReadingViewProps) {
  countRender('ReadingView');
  const highlights = useAppStore((state) => state.highlights);
  const selectedId = useAppStore((state) => state.selectedClaimId);
  const key = useAppStore((state) => verdictKey(state.current?.verdicts));
  const verdicts = useMemo(() => verdictMapFromKey(key), [key]);
  const text = article.text;
  const paragraphs = useMemo(() => splitParagraphs(text), [text]);
  const previousGroups = useRef<(readonly Highlight[])[]>([]);
  const groups = useMemo(() => {
    const next = groupByParagraph(paragraphs, highlights, previousGroups.current);
    previousGroups.current = next;
    return next;
  }, [paragraphs, highlights]);

  // Bumped after an IME composition (which cannot be cancelled) so React renders the text afresh.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const refuse = (event: Event) => event.preventDefault();
    // An IME composition cannot be cancelled; put React's text back when one ends.
    const restore = () => setGeneration((value) => value + 1);
    for (const type of ['beforeinput', 'paste', 'cut', 'drop', 'dragstart'])
      body.addEventListener(type, refuse);
    body.addEventListener('compositionend', restore);
    return () => {
      for (const type of ['beforeinput', 'paste', 'cut', 'drop', 'dragstart'])
        body.removeEventListener(type, refuse);
      body.removeEventListener('compositionend', restore);
    };
  }, [bodyRef]);

  const onClick = useCallback((event: MouseEvent<HTMLDivElement>) => {
    const selection = document.getSelection();
    if (selection && !selection.isCollapsed) return;
    const mark = (event.target as Element).closest<HTMLElement>('mark[data-c]');
    if (!mark) return;
    const state = useAppStore.getState();
    const id = claimForClick(mark.dataset.c!.split(' '), state.selectedClaimId);
    if (id) state.selectClaim(id);
  }, []);

  return (
    <section
      className="article-text"
      aria-label="Article"
      dir={article.direction}
      lang={article.language || undefined}
    >
      <div
        ref={bodyRef}
        className="article-body"
        contentEditable
        suppressContentEditableWarning
        spellCheck={false}
        role="textbox"
        aria-readonly="true"
        aria-multiline="true"
        aria-label="Article text (read only). Select with Shift and the arrow keys, then press M to mark a claim."
        onClick={onClick}
        data-wb-article=""
        data-highlights={highlights.length}
      >
        {paragraphs.map((paragraph, index) => {
          const group = groups[index]!;
          return (
            <ParagraphView
              key={`${generation}:${paragraph.start}:${paragraph.end}`}
              text={text}
              start={paragraph.start}
              end={paragraph.end}
              highlights={group}
              selectedId={
                selectedId !== null && group.some((highlight) => highlight.id === selectedId)
                  ? selectedId
                  : null
              }
              verdicts={verdicts}
            />
          );
        })}
      </div>
    </section>
  );
});

interface ParagraphProps {
  text: string;
  start: number;
  end: number;
  highlights: readonly Highlight[];
  selectedId: string | null;
  verdicts: VerdictMap;
}

/** One paragraph; memoised, so marking a claim re-renders only the paragraphs it touches. */
const ParagraphView = memo(function ParagraphView({
  text,
  start,
  end,
  highlights,
  selectedId,
  verdicts,
}: ParagraphProps) {
  countRender('Paragraph');
  const segments = segmentRange(start, end, highlights);
  const byId =
    highlights.length > 0 ? new Map(highlights.map((highlight) => [highlight.id, highlight])) : null;
  return (
    <p data-ps={start} data-pe={end}>
      {segments.map((segment) => {
        const content = text.slice(segment.start, segment.end);
        if (segment.claimIds.length === 0 || !byId) {
          return (
            <span key={segment.start} data-s={segment.start}>
              {content}
            </span>
          );
        }
        const covering = segment.claimIds.map((id) => byId.get(id)!);
        const looks = covering.map(
          (highlight) => (highlight.verdictId ? verdicts.get(highlight.verdictId) : undefined) ?? NOT_RATED,
        );
        const depth = Math.min(3, covering.length);
        const opens = covering.some((highlight) => highlight.start === segment.start);
        const closes = covering.some((highlight) => highlight.end === segment.end);
        const selected = selectedId !== null && segment.claimIds.includes(selectedId);
        const selectedHighlight = selected ? byId.get(selectedId!) : undefined;
        const selectedLook = selectedHighlight?.verdictId
          ? verdicts.get(selectedHighlight.verdictId)
          : undefined;
        const labels = [...new Set(looks.map((look) => look.label))];
        const className =
          `hl hl-d${depth}${opens ? ' hl-open' : ''}${closes ? ' hl-close' : ''}` +
          (selectedHighlight
            ? ` hl-selected${selectedHighlight.start === segment.start ? ' hl-sel-start' : ''}${selectedHighlight.end === segment.end ? ' hl-sel-end' : ''}`
            : '');
        const style = {
          '--c1': looks[0]!.colour,
          '--c2': (looks[1] ?? looks[0]!).colour,
          '--c3': (looks[2] ?? looks[1] ?? looks[0]!).colour,
          ...(selectedHighlight ? { '--cs': (selectedLook ?? NOT_RATED).colour } : {}),
        } as CSSProperties;
        return (
          <mark
            key={segment.start}
            data-s={segment.start}
            data-c={segment.claimIds.join(' ')}
            className={className}
            style={style}
            title={`${labels.length > 1 ? 'Verdicts' : 'Verdict'}: ${labels.join(' · ')}${covering.length > 1 ? ` (${covering.length} claims)` : ''}`}
          >
            {content}
          </mark>
        );
      })}
    </p>
  );
});
