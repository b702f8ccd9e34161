/** Quotation marks a text may already carry: typographic, straight, guillemets, low-9. */
const QUOTE_MARKS = '“”„‟"«»‹›‘’‚\'「」『』';
const leading = new RegExp(`^[${QUOTE_MARKS}]+`);
const trailing = new RegExp(`[${QUOTE_MARKS}]+(…?)$`);

/**
 * The text in “curly quotes”, once: a statement that is itself a quotation (“Cooperation…”) is not
 * quoted again, so it never reads ““Cooperation…””. A mark before a clipping "…" goes too.
 */
export function quoted(text: string): string {
  const bare = text.trim().replace(leading, '').replace(trailing, '$1');
  return `“${bare}”`;
}

/**
 * The text just before a quote, as a quote selector stores it (`clipped`: it was cut at a fixed
 * length): from the first whole word, with "…" where it was cut. Text without spaces (Chinese,
 * Japanese) is kept as it is.
 */
export function contextBefore(prefix: string, clipped: boolean): string {
  if (!clipped) return prefix;
  const space = prefix.search(/\s/);
  return `…${space >= 0 && space < prefix.length - 1 ? prefix.slice(space + 1) : prefix}`;
}

/** The text just after a quote, up to the last whole word, with "…" where it was cut. */
export function contextAfter(suffix: string, clipped: boolean): string {
  if (!clipped) return suffix;
  const lastSpace = Math.max(suffix.lastIndexOf(' '), suffix.lastIndexOf('\n'), suffix.lastIndexOf('\t'));
  return `${lastSpace > 0 ? suffix.slice(0, lastSpace) : suffix}…`;
}
