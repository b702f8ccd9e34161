/**
 * Between DOM positions in the reading view and UTF-16 offsets into the article text. Every
 * segment is a <span data-s="start"> holding exactly one text node of the text from `start`;
 * every paragraph a <p data-ps="start" data-pe="end">. Nothing else in the view holds text.
 */

function segmentStart(element: Element): number | null {
  const value = (element as HTMLElement).dataset?.s;
  return value === undefined ? null : Number(value);
}

/** The first segment at or after `node` (in document order) inside root. */
function firstSegmentFrom(root: Element, node: Node): Element | null {
  if (node instanceof Element) {
    if (segmentStart(node) !== null) return node;
    const inside = node.querySelector('[data-s]');
    if (inside) return inside;
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (candidate) =>
      segmentStart(candidate as Element) !== null ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP,
  });
  walker.currentNode = node;
  return walker.nextNode() as Element | null;
}

function segmentEnd(segment: Element): number {
  return segmentStart(segment)! + (segment.textContent ?? '').length;
}

/** The last segment before `node` (in document order) inside root. */
function lastSegmentBefore(root: Element, node: Node): Element | null {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (candidate) =>
      segmentStart(candidate as Element) !== null ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP,
  });
  walker.currentNode = node;
  return walker.previousNode() as Element | null;
}

/** The text offset of a DOM boundary point (container, offset) inside root; null when outside. */
export function pointToOffset(root: Element, container: Node, offset: number): number | null {
  if (!root.contains(container)) return null;
  if (container.nodeType === Node.TEXT_NODE) {
    const segment = container.parentElement?.closest('[data-s]');
    if (segment && root.contains(segment)) return segmentStart(segment)! + offset;
    return null;
  }
  const element = container as Element;
  const segmentSelf = segmentStart(element);
  if (segmentSelf !== null) return offset === 0 ? segmentSelf : segmentEnd(element);
  const child = element.childNodes[offset];
  if (child) {
    const next = firstSegmentFrom(root, child);
    if (next) return segmentStart(next);
  } else {
    // After the last child: the end of the last segment inside, or before this point.
    const inside = element.querySelectorAll('[data-s]');
    const last = inside.length > 0 ? inside[inside.length - 1]! : lastSegmentBefore(root, element);
    if (last) return segmentEnd(last);
    const next = firstSegmentFrom(root, element);
    if (next) return segmentStart(next);
  }
  const before = lastSegmentBefore(root, child ?? element);
  return before ? segmentEnd(before) : 0;
}

/** The current selection as text offsets, when it lies (at least partly) in root and is not empty. */
export function selectionOffsets(
  root: Element,
  selection: Selection | null = document.getSelection(),
): { start: number; end: number } | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.commonAncestorContainer) && !range.intersectsNode(root)) return null;
  // A selection that starts or ends outside the view is clipped to it.
  const startInside = root.contains(range.startContainer);
  const endInside = root.contains(range.endContainer);
  const start = startInside
    ? pointToOffset(root, range.startContainer, range.startOffset)
    : firstOffset(root);
  const end = endInside ? pointToOffset(root, range.endContainer, range.endOffset) : lastOffset(root);
  if (start === null || end === null || start === end) return null;
  return start < end ? { start, end } : { start: end, end: start };
}

function firstOffset(root: Element): number | null {
  const first = root.querySelector('[data-s]');
  return first ? segmentStart(first) : null;
}

function lastOffset(root: Element): number | null {
  const all = root.querySelectorAll('[data-s]');
  return all.length > 0 ? segmentEnd(all[all.length - 1]!) : null;
}

/** A DOM boundary point for a text offset (inside the segment that holds it). */
export function offsetToPoint(
  root: Element,
  offset: number,
  preferEnd = false,
): { node: Node; offset: number } | null {
  const segments = root.querySelectorAll<HTMLElement>('[data-s]');
  let lo = 0;
  let hi = segments.length - 1;
  if (hi < 0) return null;
  // Binary search: the last segment whose start is <= offset (or < offset when preferring the end).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const start = Number(segments[mid]!.dataset.s);
    if (preferEnd ? start < offset : start <= offset) lo = mid;
    else hi = mid - 1;
  }
  const segment = segments[lo]!;
  const text = segment.firstChild;
  if (!text) return { node: segment, offset: 0 };
  const within = Math.max(0, Math.min(text.textContent!.length, offset - Number(segment.dataset.s)));
  return { node: text, offset: within };
}

/** Selects [start, end) of the text in the view (used to place the caret at a claim). */
export function selectOffsets(root: Element, start: number, end: number): void {
  const from = offsetToPoint(root, start);
  const to = offsetToPoint(root, end, true);
  const selection = document.getSelection();
  if (!from || !to || !selection) return;
  selection.setBaseAndExtent(from.node, from.offset, to.node, to.offset);
}
