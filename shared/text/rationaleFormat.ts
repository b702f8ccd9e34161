/**
 * The rationale's simple formatting, parsed into a small tree: the workbench renders it as React
 * elements, the reports as escaped HTML or Markdown (shared/report/). Pure: no DOM. Blank lines
 * separate paragraphs, lines starting with "- " or "* " are list items, **bold** and _italic_ (or
 * *italic*) inline.
 */
export type Inline = { kind: 'text' | 'bold' | 'italic'; text: string };
export type Block = { kind: 'paragraph'; lines: Inline[][] } | { kind: 'list'; items: Inline[][] };

const LIST_ITEM = /^\s*[-*•]\s+/;

export function parseRationale(source: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of source.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((line) => line.trim().length > 0);
    let paragraph: Inline[][] = [];
    let list: Inline[][] = [];
    const flushParagraph = () => {
      if (paragraph.length > 0) blocks.push({ kind: 'paragraph', lines: paragraph });
      paragraph = [];
    };
    const flushList = () => {
      if (list.length > 0) blocks.push({ kind: 'list', items: list });
      list = [];
    };
    for (const line of lines) {
      if (LIST_ITEM.test(line)) {
        flushParagraph();
        list.push(parseInline(line.replace(LIST_ITEM, '')));
      } else {
        flushList();
        paragraph.push(parseInline(line));
      }
    }
    flushParagraph();
    flushList();
  }
  return blocks;
}

const INLINE =
  /\*\*(.+?)\*\*|(?<![\p{L}\p{N}])_(.+?)_(?![\p{L}\p{N}])|(?<![\p{L}\p{N}*])\*(?!\s)(.+?)(?<!\s)\*(?![\p{L}\p{N}*])/gu;

export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const match of line.matchAll(INLINE)) {
    const at = match.index;
    if (at > last) out.push({ kind: 'text', text: line.slice(last, at) });
    if (match[1] !== undefined) out.push({ kind: 'bold', text: match[1] });
    else out.push({ kind: 'italic', text: match[2] ?? match[3] ?? '' });
    last = at + match[0].length;
  }
  if (last < line.length) out.push({ kind: 'text', text: line.slice(last) });
  return out;
}

/** Wraps [start, end) of `value` in a marker (bold/italic), or prefixes its lines with "- ". */
export function applyFormat(
  value: string,
  start: number,
  end: number,
  format: 'bold' | 'italic' | 'list',
): { value: string; start: number; end: number } {
  if (format === 'list') {
    const lineStart = value.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = value.indexOf('\n', Math.max(start, end - 1));
    const to = lineEnd === -1 ? value.length : lineEnd;
    const lines = value.slice(lineStart, to).split('\n');
    const allItems = lines.every((line) => LIST_ITEM.test(line));
    const replaced = lines.map((line) => (allItems ? line.replace(LIST_ITEM, '') : `- ${line}`)).join('\n');
    return {
      value: value.slice(0, lineStart) + replaced + value.slice(to),
      start: lineStart,
      end: lineStart + replaced.length,
    };
  }
  const marker = format === 'bold' ? '**' : '_';
  const selected = value.slice(start, end) || (format === 'bold' ? 'bold text' : 'italic text');
  const next = value.slice(0, start) + marker + selected + marker + value.slice(end);
  return { value: next, start: start + marker.length, end: start + marker.length + selected.length };
}
