import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanItem, isoDate, languageTag, webUrl } from '../../../shared/references/clean';
import { checkMapping, columnNames, DelimitedReader, isCheckThatHeader, rowMapper, suggestMapping } from '../../../shared/references/delimited';
import { detectFileKind, jsonReferenceItems, parseJson } from '../../../shared/references/detect';
import { describeReferenceImport } from '../../../shared/references/summary';
import { FIELD_LIMITS, type ReferenceItem } from '../../../shared/references/types';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'references');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

/** A JSON fixture's format and its items as they would be stored (null: left out). */
function jsonItems(name: string) {
  const { format, items } = jsonReferenceItems(parseJson(read(name), name), name);
  return { format, items: [...items].map(cleanItem) };
}

function rows(text: string, delimiter: ',' | '\t', chunk = text.length): string[][] {
  const reader = new DelimitedReader(delimiter);
  const out: string[][] = [];
  for (let at = 0; at < text.length; at += chunk) reader.push(text.slice(at, at + chunk), (row) => out.push(row));
  reader.end((row) => out.push(row));
  return out;
}

describe('ClaimReview JSON-LD', () => {
  it('reads one ClaimReview with its claim, claimant, dates, publisher, rating and language', () => {
    const { format, items } = jsonItems('claimreview-single.json');
    expect(format).toBe('claimreview');
    expect(items).toEqual<(ReferenceItem | null)[]>([
      {
        externalId: 'https://factcheck.example.org/2024/10/moon-cheese#review',
        url: 'https://factcheck.example.org/2024/10/moon-cheese',
        claimText: 'The Moon is made of cheese.',
        title: 'No, the Moon is not made of cheese',
        claimant: 'A. Astronomer',
        claimDate: '2024-10-18',
        publisher: 'Example Fact Check',
        rating: 'False',
        reviewDate: '2024-10-21',
        language: 'en',
      },
    ]);
  });

  it('reads an array: ratingValue when there is no alternateName, appearance dates, bad links dropped, no claim left out', () => {
    const { items } = jsonItems('claimreview-array.json');
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({ claimText: 'Drinking sea water cures thirst.', title: 'Sea water does not cure thirst', claimant: 'Viral post', claimDate: '2023-04-30', rating: '2/5', publisher: 'Checks Net' });
    expect(items[1]).toMatchObject({ claimText: 'Bridges in the capital were closed for a week.', url: '', rating: '' });
    expect(items[2]).toBeNull();
  });

  it('reads a @graph (full type URIs, language objects, right-to-left text) and a DataFeed', () => {
    const graph = jsonItems('claimreview-graph.jsonld').items;
    expect(graph.map((item) => item?.claimText)).toEqual(['نهر النيل جف تماما هذا العام', 'Prices of bread doubled in one month.']);
    expect(graph[0]).toMatchObject({ language: 'ar', rating: 'خطأ', publisher: 'مدقق', externalId: 'https://arabic.example.org/fc/77' });
    expect(graph[1]).toMatchObject({ rating: '3' });
    const feed = jsonItems('claimreview-datafeed.json').items;
    expect(feed.map((item) => item?.url)).toEqual(['https://feed.example.org/1', 'https://feed.example.org/2', 'https://feed.example.org/3']);
    expect(feed[2]?.rating).toBe('Pants on fire');
  });

  it('says so when the JSON holds no ClaimReview', () => {
    expect(() => jsonItems('no-claimreview.json')).toThrow('No ClaimReview found in “no-claimreview.json”.');
  });
});

describe('fact-check search API JSON', () => {
  it('gives one reference check per claimReview, with the claim on each', () => {
    const { format, items } = jsonItems('factcheck-api.json');
    expect(format).toBe('factcheck-api');
    expect(items).toHaveLength(3);
    expect(items[0]).toEqual({
      externalId: '',
      url: 'https://www.politifact.com/factchecks/2019/apr/03/wind/',
      claimText: 'Wind turbines cause cancer.',
      title: 'No evidence wind turbines cause cancer',
      claimant: 'Rally speaker',
      claimDate: '2019-04-02',
      publisher: 'PolitiFact',
      rating: 'Pants on Fire',
      reviewDate: '2019-04-03',
      language: 'en',
    });
    expect(items[1]).toMatchObject({ claimText: 'Wind turbines cause cancer.', publisher: 'factcheck.example.de', language: 'de', rating: 'Falsch' });
    expect(items[2]).toMatchObject({ publisher: 'Snopes', claimant: '', reviewDate: '' });
  });
});

describe('CSV and TSV', () => {
  it('reads RFC 4180 quoting (commas, doubled quotes, line breaks) in any chunking', () => {
    const text = read('needs-mapping.csv');
    const whole = rows(text, ',');
    expect(whole).toHaveLength(4);
    expect(whole[1]![0]).toBe('Unemployment fell by half, "the lowest ever", last year');
    expect(whole[2]![0]).toBe('A claim with a comma, and a\nline break inside');
    expect(whole[3]).toEqual(['Schools will close on Fridays', 'https://checkers.example.com/schools', 'Unproven', 'Checkers', '']);
    for (const chunk of [1, 2, 3, 7]) expect(rows(text, ',', chunk)).toEqual(whole);
    expect(rows('a,b\r\n"x"\r\n\r\nlast', ',', 1)).toEqual([['a', 'b'], ['x'], ['last']]);
  });

  it('refuses a quote left open', () => {
    expect(() => rows('claim\n"never closed\n', ',')).toThrow('A quoted field in row 2 is never closed.');
  });

  it('a CSV whose headers are not obvious needs a mapping; with one, rows become items', () => {
    const text = read('needs-mapping.csv');
    const [header, ...data] = rows(text, ',');
    expect(suggestMapping(header!)).toEqual({});
    expect(() => checkMapping(columnNames(header!), {})).toThrow('Choose the column that holds the claim text.');
    const mapping = { Quote: 'claimText', 'Link to article': 'url', Outcome: 'rating', 'Organisation name': 'publisher', 'Checked on': 'reviewDate' } as const;
    checkMapping(columnNames(header!), mapping);
    expect(() => checkMapping(columnNames(header!), { Quote: 'claimText', Outcome: 'claimText' })).toThrow('Two columns are mapped to Claim text. Choose one.');
    const toItem = rowMapper(columnNames(header!), mapping);
    const items = data.map((row) => cleanItem(toItem(row)));
    expect(items[1]).toMatchObject({ claimText: 'A claim with a comma, and a line break inside', reviewDate: '2024-03-04', rating: 'True' });
    expect(items[2]).toMatchObject({ reviewDate: '', publisher: 'Checkers' });
  });

  it('maps obvious headers on its own', () => {
    expect(suggestMapping(['ID', 'URL', 'Claim', 'Rating', 'Publisher', 'Date', 'Language', 'Claimant', 'Title'])).toEqual({
      ID: 'externalId',
      URL: 'url',
      Claim: 'claimText',
      Rating: 'rating',
      Publisher: 'publisher',
      Date: 'reviewDate',
      Language: 'language',
      Claimant: 'claimant',
      Title: 'title',
    });
  });

  it('the CheckThat! TSV is recognised and mapped without a mapping step, with its quoting', () => {
    const text = read('verified_claims.docs.tsv');
    expect(detectFileKind('verified_claims.docs.tsv', text)).toEqual({ kind: 'delimited', format: 'tsv', delimiter: '\t' });
    const [header, ...data] = rows(text, '\t');
    expect(isCheckThatHeader(header!)).toBe(true);
    expect(columnNames(header!)).toEqual(['Column 1', 'vclaim', 'title']);
    const mapping = suggestMapping(header!);
    expect(mapping).toEqual({ 'Column 1': 'externalId', vclaim: 'claimText', title: 'title' });
    const items = data.map((row) => cleanItem(rowMapper(columnNames(header!), mapping)(row)));
    expect(items).toHaveLength(20);
    expect(items[0]).toMatchObject({ externalId: 'vclaim-sno-00001', claimText: 'Says a photo shows a shark swimming on a flooded highway in Houston.', title: 'Shark Swimming on Flooded Highway', publisher: '' });
    expect(items[15]?.claimText).toBe('A senator said "we will never raise taxes" in 2019.');
    // The data set's own quoting (pandas): a field that starts with a quote is quoted, quotes
    // doubled, and may hold a line break.
    expect(items[18]?.claimText).toBe('A "Trump and Obama by the Numbers" meme recounts accurate statistics.');
    expect(items[18]?.title).toBe('Does This Meme Accurately Show ‘Trump and Obama by the Numbers’?');
    expect(items[19]?.claimText).toBe('Humans use only 10 percent of their brains.');
    expect(items[19]?.title).toBe('Ten Percent of the Brain');
  });
});

describe('bad input and limits', () => {
  it('a file that is not JSON, CSV or TSV is refused with a clear message', () => {
    expect(() => detectFileKind('notes.txt', read('notes.txt'))).toThrow('“notes.txt” is not JSON, CSV or TSV.');
    expect(() => detectFileKind('image.png', '\u0089PNG\r\n\u001a\n\u0000\u0000')).toThrow('is not JSON, CSV or TSV');
    expect(() => parseJson('{"claims": [', 'broken.json')).toThrow('“broken.json” starts like JSON but is not valid JSON');
  });

  it('cuts 10 MB strings at the field limit, never inside a surrogate pair', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const item = cleanItem({ claimText: huge, title: huge, publisher: huge });
    expect(item!.claimText).toHaveLength(FIELD_LIMITS.claimText);
    expect(item!.title).toHaveLength(FIELD_LIMITS.title);
    const emoji = cleanItem({ claimText: 'a' + '😀'.repeat(6_000) })!.claimText;
    expect(emoji.length).toBeLessThanOrEqual(FIELD_LIMITS.claimText);
    expect(emoji.endsWith('😀')).toBe(true);
  });

  it('keeps only http(s) links, real dates and language tags; a rating that is not text is none', () => {
    expect(webUrl('javascript:alert(1)')).toBe('');
    expect(webUrl('file:///etc/passwd')).toBe('');
    expect(webUrl('data:text/html,hi')).toBe('');
    expect(webUrl('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(isoDate('2020-02-30')).toBe('');
    expect(isoDate('March 4, 2020')).toBe('2020-03-04');
    expect(isoDate('yesterday')).toBe('');
    expect(languageTag('pt_br')).toBe('pt-BR');
    expect(languageTag('English')).toBe('');
    expect(cleanItem({ claimText: 'x', rating: { '@type': 'Rating' } })!.rating).toBe('');
    expect(cleanItem({ claimText: '  \u0000 \n ' })).toBeNull();
  });

  it('says what was merged and left out', () => {
    expect(describeReferenceImport({ added: 20, merged: 3, skipped: 12 })).toEqual([
      '20 fact-checks added.',
      '3 duplicates merged.',
      '12 items had no claim text and were left out.',
    ]);
  });
});
