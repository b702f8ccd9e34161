import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMatchCli } from '../../../main/matching/cli';
import { createMatcher } from '../../../main/matching/matcher';
import { averagePrecision, scoreRun } from '../../../main/matching/metrics';
import { cleanQueryText } from '../../../main/matching/queryText';
import { readCorpusTsv } from '../../../main/matching/trec';
import { parseTsv } from '../../../main/matching/tsv';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'matching');
const fixture = (name: string) => path.join(FIXTURES, name);

describe('the matcher', () => {
  it('reads quoted TSV fields with tabs, line breaks and doubled quotes', () => {
    expect(parseTsv('\tvclaim\ttitle\r\n7\t"A ""quoted""\nclaim\twith tab"\tTitle\n8\tplain "quotes" stay\tT2')).toEqual([
      ['', 'vclaim', 'title'],
      ['7', 'A "quoted"\nclaim\twith tab', 'Title'],
      ['8', 'plain "quotes" stay', 'T2'],
    ]);
    const corpus = readCorpusTsv(fs.readFileSync(fixture('references.tsv'), 'utf8'));
    expect(corpus.map((document) => document.id)).toEqual(['0', '1', '2']);
    expect(corpus[2]!.main).toBe('Drinking "hot water" every 15 minutes kills the virus.');
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
    const corpus = readCorpusTsv(fs.readFileSync(fixture('references.tsv'), 'utf8'));
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

  it('refuses a missing corpus with exit code 1 and wrong usage with 2', () => {
    const errors: string[] = [];
    const io = { stdout: () => undefined, stderr: (text: string) => errors.push(text) };
    expect(runMatchCli(['--corpus', fixture('absent.tsv'), '--queries', fixture('queries.tsv'), '--out', 'x.tsv'], io)).toBe(1);
    expect(errors.join('')).toMatch(/could not be read: there is no such file/);
    expect(runMatchCli(['--queries', fixture('queries.tsv')], io)).toBe(2);
    expect(errors.join('')).toMatch(/--corpus is required/);
  });
});
