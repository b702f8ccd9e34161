import { Fragment, type RefObject } from 'react';
import { applyFormat, parseRationale, type Inline } from './rationaleFormat';

/** Bold, italic and list buttons for the rationale; they wrap the selected text in the markers. */
export function RationaleTools({
  textareaRef,
  draft,
  setDraft,
  preview,
  onTogglePreview,
}: {
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  draft: string;
  setDraft(value: string): void;
  preview: boolean;
  onTogglePreview(): void;
}) {
  const format = (kind: 'bold' | 'italic' | 'list') => {
    const area = textareaRef.current;
    if (!area) return;
    const next = applyFormat(draft, area.selectionStart, area.selectionEnd, kind);
    setDraft(next.value);
    requestAnimationFrame(() => {
      area.focus();
      area.setSelectionRange(next.start, next.end);
    });
  };
  return (
    <div className="format-tools" role="toolbar" aria-label="Rationale formatting">
      <button
        type="button"
        className="tool"
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => format('bold')}
        title="Bold: **text**"
      >
        <b>B</b>
        <span className="visually-hidden">Bold</span>
      </button>
      <button
        type="button"
        className="tool"
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => format('italic')}
        title="Italic: _text_"
      >
        <i>I</i>
        <span className="visually-hidden">Italic</span>
      </button>
      <button
        type="button"
        className="tool"
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => format('list')}
        title="List: lines starting with “- ”"
      >
        •<span className="visually-hidden">List</span>
      </button>
      <button type="button" className="tool tool-text" aria-pressed={preview} onClick={onTogglePreview}>
        Preview
      </button>
    </div>
  );
}

function InlineText({ parts }: { parts: Inline[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.kind === 'bold' ? (
          <strong key={index}>{part.text}</strong>
        ) : part.kind === 'italic' ? (
          <em key={index}>{part.text}</em>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}

/** The rationale as formatted text: React elements from the parsed markers, never HTML. */
export function RationalePreview({ text, dir }: { text: string; dir?: 'ltr' | 'rtl' | undefined }) {
  const blocks = parseRationale(text);
  if (blocks.length === 0) return <p className="muted">Nothing written yet.</p>;
  return (
    <div className="rationale-preview" dir={dir} aria-label="Rationale preview">
      {blocks.map((block, index) =>
        block.kind === 'list' ? (
          <ul key={index}>
            {block.items.map((item, i) => (
              <li key={i}>
                <InlineText parts={item} />
              </li>
            ))}
          </ul>
        ) : (
          <p key={index}>
            {block.lines.map((line, i) => (
              <Fragment key={i}>
                {i > 0 && <br />}
                <InlineText parts={line} />
              </Fragment>
            ))}
          </p>
        ),
      )}
    </div>
  );
}
