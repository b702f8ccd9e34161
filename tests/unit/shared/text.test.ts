import { describe, expect, it } from 'vitest';
import { detectDirection, guessLanguage } from '../../../shared/text/direction';
import { decodeEntities, htmlToText, looksLikeHtml } from '../../../shared/text/htmlToText';
import { normalizeArticleText, normalizeLine, replaceLoneSurrogates } from '../../../shared/text/normalize';
import { ARTICLE_NAMES, readArticle as fixture } from '../../support/fixtures';

describe('normalizeArticleText', () => {
  it('unifies line ends, trims trailing space, collapses blank lines, composes NFC', () => {
    expect(normalizeArticleText('  Title \r\n\r\n\r\n\r\nCafe\u0301 text\t\rLast  \n\n')).toBe('Title\n\nCafé text\nLast');
  });
  it('drops control characters but keeps tabs and newlines', () => {
    expect(normalizeArticleText('a\u0000b\u0007c\td\u2028e')).toBe('abc\td\ne');
  });
  it('replaces lone surrogates and keeps real pairs', () => {
    expect(replaceLoneSurrogates('x\ud800y\udc00z😀')).toBe('x\ufffdy\ufffdz😀');
    expect(replaceLoneSurrogates('end\ud83d')).toBe('end\ufffd');
  });
  it('is idempotent on every fixture', () => {
    for (const name of ARTICLE_NAMES) {
      const once = normalizeArticleText(fixture(name));
      expect(normalizeArticleText(once), name).toBe(once);
      expect(once.split('\n\n').length, name).toBeGreaterThan(2);
    }
  });
  it('normalizeLine flattens a single-line field', () => {
    expect(normalizeLine('  Dmitry\nPeskov\u0000 ')).toBe('Dmitry Peskov');
  });
});

describe('direction and language', () => {
  it('detects each fixture', () => {
    expect(detectDirection(fixture('ar-sample-water.txt'))).toBe('rtl');
    expect(detectDirection(fixture('en-tass-2024-10-21-peskov-dprk.txt'))).toBe('ltr');
    expect(detectDirection(fixture('ko-sample-energy.txt'))).toBe('ltr');
    expect(guessLanguage(fixture('ar-sample-water.txt'))).toBe('ar');
    expect(guessLanguage(fixture('ru-sample-budget.txt'))).toBe('ru');
    expect(guessLanguage(fixture('ko-sample-energy.txt'))).toBe('ko');
    expect(guessLanguage(fixture('en-tass-2024-10-21-peskov-dprk.txt'))).toBe('en');
    expect(guessLanguage('12345')).toBe('');
  });
  it('keeps an Arabic text that opens with a Latin name right-to-left', () => {
    expect(detectDirection('Reuters — قال وزير المياه خالد النمر يوم الثلاثاء إن إنتاج المياه')).toBe('rtl');
  });
});

describe('htmlToText', () => {
  it('keeps paragraphs and line breaks, drops tags, scripts, styles and comments', () => {
    const html = `<!doctype html><html><head><title>x</title><style>p{}</style></head><body>
      <h1>Head&shy;line</h1><!-- comment --><p>One <a href="https://x">link</a>&nbsp;here.</p>
      <script>alert("<p>no</p>")</script><p>Two<br>lines</p><ul><li>a</li><li>b</li></ul></body></html>`;
    expect(htmlToText(html)).toBe('Headline\n\nOne link\u00a0here.\n\nTwo\nlines\n\na\n\nb');
  });
  it('decodes entities, including numeric ones, and never produces markup', () => {
    expect(decodeEntities('&lt;script&gt; &#169; &#x1F600; &laquo;x&raquo; &bogus;')).toBe('<script> © 😀 «x» &bogus;');
    expect(htmlToText('<p>&lt;img src=x onerror=alert(1)&gt;</p>')).toBe('<img src=x onerror=alert(1)>');
  });
  it('tells HTML from plain text', () => {
    expect(looksLikeHtml('<p>Hello</p>')).toBe(true);
    expect(looksLikeHtml('a < b and c > d')).toBe(false);
  });
});
