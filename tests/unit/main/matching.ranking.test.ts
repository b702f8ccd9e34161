import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMatchCli } from '../../../main/matching/cli';
import { createMatcher } from '../../../main/matching/matcher';
import { averagePrecision, scoreRun } from '../../../main/matching/metrics';
import { cleanQueryText } from '../../../main/matching/queryText';
import { readMatchCorpus } from '../../../main/matching/corpusFile';
import { withoutSignature } from '../../../main/matching/queryText';
import { synonymsOf } from '../../../main/matching/synonyms';
import { readQueriesTsv } from '../../../main/matching/trec';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'matching');
const fixture = (name: string) => path.join(FIXTURES, name);
const referenceFixture = (name: string) => path.join(__dirname, '..', '..', 'fixtures', 'references', name);

describe('the matcher', () => {
  it('reads queries with quoted tabs, line breaks and doubled quotes', () => {
    expect(readQueriesTsv('\ttweet_content\r\n7\t"A ""quoted""\npost\twith tab"\n8\tplain "quotes" stay')).toEqual([
      { id: '7', text: 'A "quoted"\npost\twith tab' },
      { id: '8', text: 'plain "quotes" stay' },
    ]);
  });

  it('reads a corpus in any reference format: the CheckThat! TSV, ClaimReview JSON-LD, CSV with a mapping', () => {
    const corpus = readMatchCorpus(fixture('references.tsv'));
    expect(corpus.map((document) => document.id)).toEqual(['0', '1', '2']);
    expect(corpus[2]!.main).toBe('Drinking "hot water" every 15 minutes kills the virus.');
    // No id in ClaimReview: the URL, else (a javascript: link is dropped) the place in the file.
    const reviews = readMatchCorpus(referenceFixture('claimreview-array.json'));
    expect(reviews.slice(0, 2)).toEqual([
      { id: 'https://checks.example.net/a1', main: 'Drinking sea water cures thirst.', extra: 'Sea water does not cure thirst' },
      { id: '#2', main: 'Bridges in the capital were closed for a week.', extra: expect.any(String) },
    ]);
    expect(() => readMatchCorpus(referenceFixture('needs-mapping.csv'))).toThrow(/claim text/);
    const mapped = readMatchCorpus(referenceFixture('needs-mapping.csv'), { Quote: 'claimText', 'Link to article': 'url' });
    expect(mapped[0]).toEqual({ id: 'https://checkers.example.com/unemployment', main: 'Unemployment fell by half, "the lowest ever", last year', extra: '' });
  });

  it('sets a quoted tweet\'s signature line apart, and knows synonyms from WordNet', () => {
    expect(withoutSignature('Complete EXONERATION! — Donald J. Trump (@realDonaldTrump) March 24, 2019')).toBe('Complete EXONERATION!');
    expect(withoutSignature('A claim — with a dash, no handle')).toBe('A claim — with a dash, no handle');
    expect(synonymsOf('mum')).toContain('mama');
    expect(synonymsOf('kid')).toContain('child');
  });

  it('cleans a pasted tweet: links, hashtags and the signature date', () => {
    expect(cleanQueryText('Look #BlackLivesMatter @realDonaldTrump https://t.co/x pic .twitter.com/abc — Ann (@ann) January 6, 2020')).toBe(
      'Look Black Lives Matter real Donald Trump — Ann ( ann )',
    );
  });

  it('measures MAP@5 as CheckThat! does: divided by min(relevant, 5)', () => {
    expect(averagePrecision(['a', 'x', 'b'], new Set(['a', 'b']), 5)).toBeCloseTo((1 + 2 / 3) / 2);
    expect(averagePrecision(['x', 'x2', 'x3', 'x4', 'x5', 'a'], new Set(['a']), 5)).toBe(0);
    const scores = scoreRun(new Map([['q1', ['x', 'a']], ['q2', ['b']]]), new Map([['q1', new Set(['a'])], ['q2', new Set(['b'])]]));
    expect(scores).toMatchObject({ queries: 2, map5: 0.75, mrr: 0.75, p1: 0.5 });
  });

  it('finds the earlier claim behind a tweet and says why in its words', () => {
    const corpus = readMatchCorpus(fixture('references.tsv'));
    const matcher = createMatcher(corpus);
    const [first] = matcher.search('No, that viral picture of a SHARK on a flooded highway is fake', 2);
    expect(first!.id).toBe('0');
    expect(first!.why).toEqual(expect.arrayContaining(['shark', 'flooded highway']));
    expect(matcher.search('https://t.co/x', 5)).toEqual([]);
  });
});

describe('npm run match', () => {
  it('writes a TREC run and prints MAP@5, MAP, MRR and P@1 against the qrels', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-match-')), 'run.tsv');
    const printed: string[] = [];
    const code = runMatchCli(
      ['--corpus', fixture('references.tsv'), '--queries', fixture('queries.tsv'), '--top', '2', '--out', out, '--qrels', fixture('qrels.txt')],
      { stdout: (text) => printed.push(text), stderr: (text) => printed.push(text) },
    );
    expect(code).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((line) => line.split('\t'));
    expect(lines.find((line) => line[0] === '10')).toEqual(['10', 'Q0', '0', '1', expect.stringMatching(/^-?\d+\.\d{6}$/), 'factcheck']);
    expect(lines.find((line) => line[0] === '11')?.[2]).toBe('1');
    expect(lines.find((line) => line[0] === '12')?.[2]).toBe('2');
    expect(printed.join('')).toMatch(/Over 3 judged queries: MAP@5 1\.0000 {2}MAP 1\.0000 {2}MRR 1\.0000 {2}P@1 1\.0000/);
  });

  it('reads a ClaimReview JSON-LD corpus: the run names each check by its URL', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-match-')), 'run.tsv');
    const printed: string[] = [];
    const code = runMatchCli(
      ['--corpus', referenceFixture('claimreview-array.json'), '--queries', fixture('claimreview-queries.tsv'), '--top', '1', '--out', out, '--qrels', fixture('claimreview-qrels.txt')],
      { stdout: (text) => printed.push(text), stderr: (text) => printed.push(text) },
    );
    expect(printed.join('')).toMatch(/Matched 2 queries against \d+ claims/);
    expect(code).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((line) => line.split('\t'));
    expect(lines.map((line) => [line[0], line[2], line[3]])).toEqual([
      ['q1', 'https://checks.example.net/a1', '1'],
      ['q2', '#2', '1'],
    ]);
    expect(printed.join('')).toMatch(/Over 2 judged queries: MAP@5 1\.0000/);
  });

  it('takes a CSV column mapping and refuses a field that does not exist', () => {
    const errors: string[] = [];
    const io = { stdout: () => undefined, stderr: (text: string) => errors.push(text) };
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-match-')), 'run.tsv');
    expect(runMatchCli(['--corpus', referenceFixture('needs-mapping.csv'), '--queries', fixture('queries.tsv'), '--out', out, '--map', 'x=claimz'], io)).toBe(2);
    expect(errors.join('')).toMatch(/“claimz” is not a field/);
    expect(runMatchCli(['--corpus', referenceFixture('needs-mapping.csv'), '--queries', fixture('queries.tsv'), '--out', out, '--map', 'Quote=claimText,Link to article=url'], io)).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^\d+\tQ0\thttps:\/\/checkers\.example\.com\//m);
  });

  it('refuses a missing corpus with exit code 1 and wrong usage with 2', () => {
    const errors: string[] = [];
    const io = { stdout: () => undefined, stderr: (text: string) => errors.push(text) };
    expect(runMatchCli(['--corpus', fixture('absent.tsv'), '--queries', fixture('queries.tsv'), '--out', 'x.tsv'], io)).toBe(1);
    expect(errors.join('')).toMatch(/“absent\.tsv” was not found/);
    expect(runMatchCli(['--queries', fixture('queries.tsv')], io)).toBe(2);
    expect(errors.join('')).toMatch(/--corpus is required/);
  });
});
