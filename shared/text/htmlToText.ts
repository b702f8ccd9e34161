/**
 * Pasted HTML (from a browser's clipboard) to plain text with paragraphs. It never builds a DOM
 * and never renders anything: the article is data, and this is a tokenizer, not a browser.
 */
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'blockquote', 'pre',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'tr',
  'figure', 'figcaption', 'hr', 'address', 'nav', 'form', 'fieldset', 'details', 'summary',
]);
// Whose content is never article text.
const SKIPPED_TAGS = new Set(['script', 'style', 'head', 'noscript', 'template', 'svg', 'iframe', 'object', 'title']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', laquo: '«', raquo: '»',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', bdquo: '„', sbquo: '‚', ndash: '–', mdash: '—',
  hellip: '…', middot: '·', bull: '•', copy: '©', reg: '®', trade: '™', deg: '°', euro: '€',
  pound: '£', yen: '¥', cent: '¢', sect: '§', para: '¶', times: '×', divide: '÷', shy: '',
  zwnj: '\u200c', zwj: '\u200d', lrm: '\u200e', rlm: '\u200f', thinsp: '\u2009', ensp: '\u2002',
  emsp: '\u2003', prime: '′', Prime: '″', minus: '−', frac12: '½', frac14: '¼', frac34: '¾',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);?/gi, (match, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? match;
  });
}

export function looksLikeHtml(text: string): boolean {
  return /<(p|div|br|span|html|body|h[1-6]|li|a|b|i|em|strong|article|section)\b[^>]*>/i.test(text);
}

export function htmlToText(html: string): string {
  const out: string[] = [];
  let skipDepth = 0;
  let skipTag = '';
  let inPre = false;
  const tagPattern = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<!doctype[^>]*>|<\/?([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/gi;
  let cursor = 0;
  for (let match = tagPattern.exec(html); match; match = tagPattern.exec(html)) {
    if (skipDepth === 0) pushText(out, html.slice(cursor, match.index), inPre);
    cursor = tagPattern.lastIndex;
    const name = match[1]?.toLowerCase();
    if (!name) continue;
    const closing = match[0][1] === '/';
    if (skipDepth > 0) {
      if (name === skipTag) skipDepth += closing ? -1 : match[2] ? 0 : 1;
      continue;
    }
    if (SKIPPED_TAGS.has(name) && !closing && !match[2]) {
      skipDepth = 1;
      skipTag = name;
      continue;
    }
    if (name === 'pre') inPre = !closing;
    if (name === 'br') out.push('\n');
    else if (name === 'td' || name === 'th') out.push(closing ? '' : '\t');
    else if (BLOCK_TAGS.has(name)) out.push('\n\n');
  }
  if (skipDepth === 0) pushText(out, html.slice(cursor), inPre);
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/^[ \t]+|[ \t]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function pushText(out: string[], raw: string, inPre: boolean): void {
  if (!raw) return;
  const collapsed = inPre ? raw : raw.replace(/[ \t\r\n\f]+/g, ' ');
  out.push(decodeEntities(collapsed));
}
