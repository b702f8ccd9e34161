/**
 * Media types of evidence: from the first bytes when they say (PDF, PNG, JPEG, GIF, WebP, MHTML,
 * HTML), else from the extension, else application/octet-stream. Also what may be previewed and
 * what must never be handed to the system (programs).
 */
import { extensionOf } from './names';

const BY_EXTENSION: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.mhtml': 'multipart/related',
  '.mht': 'multipart/related',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.odp': 'application/vnd.oasis.opendocument.presentation',
  '.rtf': 'application/rtf',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.flac': 'audio/flac',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.avi': 'video/x-msvideo',
  '.zip': 'application/zip',
  '.exe': 'application/x-msdownload',
  '.msi': 'application/x-msi',
  '.bat': 'application/x-bat',
  '.cmd': 'application/x-bat',
  '.com': 'application/x-msdownload',
  '.sh': 'application/x-sh',
  '.jar': 'application/java-archive',
  '.js': 'text/javascript',
  '.vbs': 'text/vbscript',
  '.ps1': 'application/x-powershell',
  '.scr': 'application/x-msdownload',
  '.app': 'application/x-apple-diskimage',
  '.dmg': 'application/x-apple-diskimage',
};

/** Extensions a system would run rather than show: never opened, whatever their content. */
const EXECUTABLE_EXTENSIONS = new Set([
  '.exe', '.bat', '.cmd', '.com', '.msi', '.msp', '.sh', '.bash', '.zsh', '.app', '.dmg', '.pkg', '.jar', '.js', '.jse',
  '.vbs', '.vbe', '.ps1', '.psm1', '.scr', '.pif', '.cpl', '.hta', '.wsf', '.wsh', '.lnk', '.reg', '.command', '.run',
  '.bin', '.desktop', '.appimage', '.py', '.pl', '.rb', '.scpt', '.deb', '.rpm',
]);

const EXECUTABLE_MEDIA_TYPES = new Set([
  'application/x-msdownload', 'application/x-msdos-program', 'application/x-ms-installer', 'application/x-msi',
  'application/x-executable', 'application/x-elf', 'application/x-mach-binary', 'application/x-sharedlib',
  'application/x-sh', 'application/x-shellscript', 'application/x-bat', 'application/java-archive',
  'application/x-java-archive', 'text/javascript', 'application/javascript', 'text/vbscript',
  'application/x-powershell', 'application/x-apple-diskimage', 'application/vnd.microsoft.portable-executable',
]);

const ascii = (bytes: Uint8Array, from: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(from, from + length));

/** The type the first bytes (at least 64 when the file has them) say, or '' when they say nothing sure. */
export function sniffMediaType(head: Uint8Array): string {
  if (ascii(head, 0, 5) === '%PDF-') return 'application/pdf';
  if (head[0] === 0x89 && ascii(head, 1, 3) === 'PNG') return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return 'image/webp';
  if (ascii(head, 0, 2) === 'MZ') return 'application/x-msdownload';
  if (head[0] === 0x7f && ascii(head, 1, 3) === 'ELF') return 'application/x-executable';
  const text = ascii(head, 0, Math.min(head.length, 512)).replace(/^\uFEFF|^\u00ef\u00bb\u00bf/, '').trimStart().toLowerCase();
  if (/^(from: |mime-version: |subject: |date: |snapshot-content-location: )/.test(text) && text.includes('multipart/related')) {
    return 'multipart/related';
  }
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) return 'text/html';
  return '';
}

/** True when the bytes look like text (no NUL, few control characters): for .txt-less names. */
function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  let odd = 0;
  for (const byte of head) {
    if (byte === 0) return false;
    if (byte < 9 || (byte > 13 && byte < 32)) odd++;
  }
  return odd / head.length < 0.02;
}

/**
 * The media type of an attachment. The sniff wins where it is sure (a PNG named .txt is a PNG; a
 * program named .pdf is a program); then the extension; then text if it looks like text.
 */
export function detectMediaType(name: string, head: Uint8Array): string {
  const sniffed = sniffMediaType(head);
  if (sniffed !== '') return sniffed;
  const byExtension = BY_EXTENSION[extensionOf(name)];
  if (byExtension) return byExtension;
  return looksLikeText(head.subarray(0, 4096)) ? 'text/plain' : 'application/octet-stream';
}

/** True for what must never be handed to the system to open: by name and by media type. */
export function isExecutableAttachment(name: string, mediaType: string): boolean {
  return EXECUTABLE_EXTENSIONS.has(extensionOf(name)) || EXECUTABLE_MEDIA_TYPES.has(mediaType.toLowerCase());
}

export type PreviewKind = 'image' | 'pdf' | 'text' | 'none';

/** How the window previews it: images and PDFs up to 20 MB, text (not HTML: shown as source) up to 1 MB. */
export function previewKindOf(mediaType: string): PreviewKind {
  if (['image/png', 'image/jpeg', 'image/gif', 'image/webp'].includes(mediaType)) return 'image';
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType.startsWith('text/') || mediaType === 'application/json' || mediaType === 'multipart/related') return 'text';
  return 'none';
}

/** A short type for lists and reports: "PDF", "PNG image", "Text". */
export function describeMediaType(mediaType: string): string {
  const known: Record<string, string> = {
    'application/pdf': 'PDF',
    'image/png': 'PNG image',
    'image/jpeg': 'JPEG image',
    'image/gif': 'GIF image',
    'image/webp': 'WebP image',
    'text/html': 'HTML page',
    'multipart/related': 'MHTML snapshot',
    'text/plain': 'Text',
    'text/markdown': 'Text',
    'text/csv': 'CSV',
    'application/json': 'JSON',
  };
  if (known[mediaType]) return known[mediaType]!;
  if (mediaType.startsWith('audio/')) return 'Audio';
  if (mediaType.startsWith('video/')) return 'Video';
  if (/officedocument|msword|ms-excel|ms-powerpoint|opendocument|rtf/.test(mediaType)) return 'Office document';
  return mediaType;
}
