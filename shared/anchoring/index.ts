/** Text anchoring: snapping selections, building anchors, re-finding them after edits. */
export type { AnchorMatch, Span, TextAnchor } from './types';
export { snapToGraphemes, snapToWords } from './snap';
export { CONTEXT_LENGTH, createAnchor } from './selector';
export { MAX_ERROR_RATE, reanchor } from './reanchor';
