/**
 * The one normalisation an article gets when it enters the app. Claim anchors are UTF-16 offsets
 * into this text, so it must be deterministic and applied exactly once, on paste or import.
 */
export function normalizeArticleText(raw: string): string {
  const wellFormed = replaceLoneSurrogates(raw);
  return (
    wellFormed
      .replace(/\r\n?|\u2028|\u2029/g, '\n')
      // NUL and other control characters (but tab and newline) are debris from copy/paste.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .normalize('NFC')
      .split('\n')
      .map((line) => line.replace(/[ \t\u00a0\u3000]+$/u, ''))
      .join('\n')
      // More than one blank line between paragraphs carries no meaning.
      .replace(/\n{3,}/g, '\n\n')
      // Whitespace before the first and after the last word carries no meaning either.
      .replace(/^\s+|\s+$/gu, '')
  );
}

/** A lone surrogate cannot be stored as UTF-8; it becomes U+FFFD like a browser would show it. */
export function replaceLoneSurrogates(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    } else if (!(code >= 0xdc00 && code <= 0xdfff)) {
      continue;
    }
    out += text.slice(last, i) + '\ufffd';
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Single-line fields (titles, names): no line breaks, no control characters, trimmed. */
export function normalizeLine(raw: string): string {
  return replaceLoneSurrogates(raw)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .normalize('NFC')
    .trim();
}
