/**
 * Attachment names as shown: a file name only. Folders are dropped (`../../x` becomes `x`), control
 * and bidi-override characters removed, the length capped; nothing left gives "attachment". The
 * name is never used as a path (files are stored by SHA-256), but it is printed and offered to the
 * system viewer, so it must not smuggle a folder or a misleading direction.
 */
const MAX_NAME_LENGTH = 200;

export function sanitizeAttachmentName(raw: string): string {
  const lastPart = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = Array.from(lastPart.normalize('NFC'))
    // eslint-disable-next-line no-control-regex
    .filter((char) => !/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(char))
    .join('')
    .trim();
  // ".", ".." and names of dots only are folders, not names.
  const named = /^\.*$/.test(cleaned) ? '' : cleaned;
  const capped = Array.from(named).slice(0, MAX_NAME_LENGTH).join('');
  return capped === '' ? 'attachment' : capped;
}

/** The extension, lower case with its dot ('.pdf'), or '' when the name has none. */
export function extensionOf(name: string): string {
  const match = /(\.[^.\s]{1,12})$/.exec(name);
  return match ? match[1]!.toLowerCase() : '';
}
