/**
 * File names made from what a person typed (a project title): safe on Windows, macOS and Linux.
 * Project files, reports and the harness's save folder all name their files through here.
 */
import path from 'node:path';

/** Characters some file system refuses: controls, DEL, and Windows' reserved punctuation. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const FORBIDDEN = /[\u0000-\u001f\u007f<>:"/\\|?*]+/g;
/** Device names Windows reserves, with or without an extension. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
/** Long enough to recognise a title, short enough to leave room for a folder and an extension. */
export const MAX_STEM_LENGTH = 120;

/**
 * The stem of a file name (no extension) from a title: forbidden characters become spaces, runs
 * of spaces one, no leading dots (hidden files) or trailing dots and spaces (Windows drops them),
 * at most MAX_STEM_LENGTH characters. An empty result becomes `fallback`; a device name Windows
 * reserves (CON, NUL, …) gets the fallback after it, in lower case ("CON project").
 */
export function safeFileStem(title: string, fallback: string): string {
  const cleaned = title
    .normalize('NFC')
    .replace(FORBIDDEN, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[. ]+/, '')
    .replace(/[. ]+$/, '');
  // Whole code points, so a cut never splits a surrogate pair.
  const stem = Array.from(cleaned).slice(0, MAX_STEM_LENGTH).join('').replace(/[. ]+$/, '');
  if (!stem) return fallback;
  return RESERVED.test(stem) ? `${stem} ${fallback.toLowerCase()}` : stem;
}

/**
 * A whole file name (with its extension, if it has a plain one) made safe: the stem as
 * safeFileStem does it, the extension kept when it is letters and digits only.
 */
export function safeFileName(name: string, fallback = 'Untitled'): string {
  const match = /^(.+?)(\.[A-Za-z0-9]{1,16})$/.exec(name.trim());
  return match ? `${safeFileStem(match[1]!, fallback)}${match[2]!}` : safeFileStem(name, fallback);
}

/** Adds `.extension` to a chosen path whose name has none (some save dialogs do not add it). */
export function withExtension(filePath: string, extension: string): string {
  return path.extname(filePath) === '' ? `${filePath}.${extension}` : filePath;
}
