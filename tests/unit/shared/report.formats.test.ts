import { describe, expect, it } from 'vitest';
import {
  CLAIM_REVIEWED_MAX,
  ClaimReviewList,
  claimantThing,
  renderClaimReviewJsonLd,
  truncateClaim,
  type ClaimReview,
} from '../../../shared/report/claimReview';
import { CSV_COLUMNS, csvField, neutraliseFormula, renderReportCsv } from '../../../shared/report/csv';
import { escapeMarkdown, renderReportMarkdown } from '../../../shared/report/markdown';
import { DEFAULT_REPORT_OPTIONS, resolveReportOptions } from '../../../shared/report/options';
import {
  AR_ARTICLE,
  buildProjectData,
  EVIL,
  evilProject,
  NOW,
  SAMPLE_SETTINGS,
  TASS_ARTICLE,
  tassProject,
} from './reportSample';

/**
 * A strict RFC 4180 reader: records end with CRLF, fields are separated by commas, a field with a
 * comma, quote or line break is quoted, and quotes inside are doubled. Anything else throws.
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const endOfRecord = () => {
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`bare quote at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text[i] === '\r' && text[i + 1] === '\n') {
      i += 2;
      endOfRecord();
    } else if (i >= text.length) endOfRecord();
    else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  return rows;
}

describe('CSV', () => {
  const data = tassProject();
  const csv = renderReportCsv(data, SAMPLE_SETTINGS, {}, NOW);

  it('is UTF-8 text with a byte order mark and CRLF line ends only', () => {
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('has these columns, in this order', () => {
    expect(CSV_COLUMNS).toEqual([
      'Number',
      'Claim',
      'Claimant',
      'Claim date',
      'Verdict',
      'Rating value',
      'Status',
      'Reviewed by',
      'Approved on',
      'Rationale',
      'Quote',
      'Quote in context',
      'Sources',
      'Corrections and updates',
      'Previously checked',
      'Article title',
      'Article outlet',
      'Article author',
      'Article URL',
      'Article published',
      'Report',
      'Report date',
    ]);
  });

  it('round-trips through an RFC 4180 reader: a header and one row per claim, in reading order', () => {
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + TASS_ARTICLE.claims.length);
    const byColumn = (row: string[], name: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(name)]!;
    const sorted = [...TASS_ARTICLE.claims].sort(
      (a, b) => data.articles[0]!.text.indexOf(a.quote) - data.articles[0]!.text.indexOf(b.quote),
    );
    sorted.forEach((spec, index) => {
      const row = rows[index + 1]!;
      expect(byColumn(row, 'Number')).toBe(String(index + 1));
      expect(byColumn(row, 'Claim')).toBe(spec.statement ?? spec.quote);
      expect(byColumn(row, 'Claimant')).toBe(spec.claimant);
      expect(byColumn(row, 'Verdict')).toBe(spec.verdict ?? 'Not yet rated');
      expect(byColumn(row, 'Rationale').replace(/\r\n/g, '\n')).toBe(spec.rationale);
      expect(byColumn(row, 'Quote')).toBe(spec.quote);
      expect(byColumn(row, 'Quote in context')).toContain(`**${spec.quote}**`);
      for (const source of spec.sources) expect(byColumn(row, 'Sources')).toContain(source.title!);
      expect(byColumn(row, 'Article URL')).toBe(TASS_ARTICLE.meta.url);
    });
    const claim = (n: number) => rows.find((row) => byColumn(row, 'Number') === String(n))!;
    expect([byColumn(claim(1), 'Reviewed by'), byColumn(claim(1), 'Approved on')]).toEqual([
      'Ola Nordmann',
      '2024-10-24',
    ]);
    expect([byColumn(claim(3), 'Reviewed by'), byColumn(claim(3), 'Approved on')]).toEqual([
      'Kari Lie',
      '2024-10-24',
    ]);
    expect([byColumn(claim(2), 'Reviewed by'), byColumn(claim(2), 'Approved on')]).toEqual(['', '']);
    expect(byColumn(claim(4), 'Corrections and updates')).toBe(
      'Correction — 2024-10-24: An earlier version said the Pentagon confirmed the deployment on 22 October. It was 23 October.',
    );
    expect(byColumn(claim(1), 'Corrections and updates')).toBe(
      'Update — 2024-10-23: Added the NIS briefing to the National Assembly as a source.',
    );
    expect(byColumn(claim(2), 'Corrections and updates')).toBe('');
    const rutte = rows.find((row) => byColumn(row, 'Claimant') === 'NATO Secretary General Mark Rutte')!;
    expect(byColumn(rutte, 'Rating value')).toBe('');
    expect(
      byColumn(
        rows.find((row) => byColumn(row, 'Verdict') === 'True')!,
        'Rating value',
      ),
    ).toBe('5');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const dangerous of [
      '=HYPERLINK("http://evil.example","x")',
      '+1+1',
      '-2+3',
      '@SUM(A1)',
      '\t=1',
      '\r=1',
    ]) {
      expect(neutraliseFormula(dangerous)).toBe(`'${dangerous}`);
    }
    expect(neutraliseFormula('Peskov = spokesman')).toBe('Peskov = spokesman');
    const hostile = tassProject();
    hostile.claims[0]!.claimant = '=cmd|" /C calc"!A0';
    hostile.claims[0]!.rationale = '@SUM(1+1)*cmd';
    const rows = parseCsv(renderReportCsv(hostile, SAMPLE_SETTINGS, {}, NOW).slice(1));
    const cells = rows.flat();
    expect(cells).toContain(`'=cmd|" /C calc"!A0`);
    expect(cells).toContain(`'@SUM(1+1)*cmd`);
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('neutralises a formula behind a leading line break, whatever its form', () => {
    for (const [value, written] of [
      ['\n=1+1', `"'\r\n=1+1"`],
      ['\r\n=1+1', `"'\r\n=1+1"`],
      ['\r=1+1', `"'\r\n=1+1"`],
      ['\n@SUM(A1)', `"'\r\n@SUM(A1)"`],
    ] as const) {
      expect(csvField(value), JSON.stringify(value)).toBe(written);
    }
    expect(neutraliseFormula('\n=1')).toBe(`'\n=1`);
    expect(csvField('line one\nline two')).toBe('"line one\r\nline two"');

    const hostile = tassProject();
    hostile.claims[0]!.claimant = '\n=HYPERLINK("http://evil.example","x")';
    hostile.claims[0]!.rationale = '\r\n+1+1';
    const cells = parseCsv(renderReportCsv(hostile, SAMPLE_SETTINGS, {}, NOW).slice(1)).flat();
    expect(cells).toContain(`'\r\n=HYPERLINK("http://evil.example","x")`);
    expect(cells).toContain(`'\r\n+1+1`);
    for (const cell of cells) expect(cell).not.toMatch(/^\s*[=+\-@]/);
  });

  it('keeps hostile text as data, and an empty report as its header', () => {
    const rows = parseCsv(renderReportCsv(evilProject(), SAMPLE_SETTINGS, {}, NOW).slice(1));
    expect(rows[1]![CSV_COLUMNS.indexOf('Claim')]).toBe(EVIL);
    const empty = renderReportCsv(
      buildProjectData('Empty', [{ ...TASS_ARTICLE, claims: [] }]),
      SAMPLE_SETTINGS,
      {},
      NOW,
    );
    expect(parseCsv(empty.slice(1))).toEqual([[...CSV_COLUMNS]]);
  });

  it('writes Arabic text as it is', () => {
    const rows = parseCsv(
      renderReportCsv(buildProjectData('ماء', [AR_ARTICLE]), SAMPLE_SETTINGS, {}, NOW).slice(1),
    );
    expect(rows.map((row) => row[CSV_COLUMNS.indexOf('Quote')])).toEqual([
      'Quote',
      ...AR_ARTICLE.claims.map((claim) => claim.quote),
    ]);
  });
});

describe('Markdown', () => {
  const data = tassProject();
  const md = renderReportMarkdown(data, SAMPLE_SETTINGS, {}, NOW);

  it('has the same content as the report: cover, article, summary table, claims in order, methodology, scale', () => {
    expect(md.startsWith('# Peskov on North Korean troops\n')).toBe(true);
    expect(md).toContain('**Nordic Fact Desk** — fact-check report');
    expect(md).toContain('By Maria Jensen · 25 October 2024 · 6 claims checked');
    expect(md).toContain('> **DRAFT** — 2 of 6 claims are not approved yet.');
    expect(md).toContain('## The article checked');
    expect(md).toContain('- URL: [https://tass.com/politics/1859999](https://tass.com/politics/1859999)');
    expect(md).toContain('| # | Claim | Claimant | Verdict | Status |');
    expect(md).toContain(
      "| 6 | press allegations about the participation of Korean People's Army troops in Russia's special military operation in Ukraine were nothing but another bogus | Dmitry Peskov, Kremlin spokesman | False | Approved |",
    );
    expect(md).toContain(
      '> "We see a lot of contradictory information: the South Koreans claim one thing, then **the Pentagon says they have no confirmation of such statements**.',
    );
    expect(md).toContain('**Verdict: Not yet rated**');
    expect(md).toContain(
      '1. **Treaty on Comprehensive Strategic Partnership (text)**, KCNA, 20 June 2024 — [https://kcnawatch.org/newstream/treaty-text](https://kcnawatch.org/newstream/treaty-text) (accessed 22 October 2024)',
    );
    expect(md).toContain('## Methodology');
    expect(md).toContain('| Misleading | Accurate facts used to give a false impression. | — |');
    let cursor = md.indexOf('## The claims in detail');
    for (const heading of [
      '### Claim 1: Cooperation between Russia',
      '### Claim 2: the Pentagon says',
      '### Claim 3: The allegation',
      '### Claim 4: US Defense Secretary',
      '### Claim 5: Mark Rutte called',
      '### Claim 6: press allegations',
    ]) {
      const found = md.indexOf(heading, cursor);
      expect(found, heading).toBeGreaterThan(cursor);
      cursor = found;
    }
  });

  it('escapes what Markdown would read as markup: HTML stays text, tables keep their columns', () => {
    expect(escapeMarkdown('</script> *bold* [link](x) a|b')).toBe(
      '\\</script\\> \\*bold\\* \\[link\\](x) a\\|b',
    );
    expect(escapeMarkdown('# not a heading\n- not a list\n1. not a list')).toBe(
      '\\# not a heading\n\\- not a list\n1\\. not a list',
    );
    const evil = renderReportMarkdown(evilProject(), SAMPLE_SETTINGS, {}, NOW);
    // No "<" that Markdown would take for the start of a tag.
    expect(evil).not.toMatch(/(?<!\\)</);
    expect(evil).not.toMatch(/\]\(javascript:/);
    for (const line of evil.split('\n').filter((l) => l.startsWith('| 1 |')))
      expect(line.split(/(?<!\\)\|/)).toHaveLength(7);
  });

  it('says so when nothing is selected', () => {
    const none = renderReportMarkdown(
      data,
      SAMPLE_SETTINGS,
      { claims: { kind: 'verdicts', verdictIds: [] } },
      NOW,
    );
    expect(none).toContain('None of the 6 claims in this project match the report’s selection');
    expect(none).not.toContain('## The claims in detail');
  });
});

describe('ClaimReview JSON-LD', () => {
  const data = tassProject();
  const json = renderClaimReviewJsonLd(data, SAMPLE_SETTINGS, {}, NOW);
  const reviews = JSON.parse(json) as ClaimReview[];

  it('is one ClaimReview per approved claim with a verdict, and passes the schema', () => {
    expect(ClaimReviewList.safeParse(reviews).success).toBe(true);
    // Claims 2 (in review) and 5 (researching, not yet rated) are not published.
    expect(reviews.map((review) => review.url)).toEqual(
      [1, 3, 4, 6].map((n) => `https://factdesk.example/reports/peskov-dprk#claim-${n}`),
    );
    for (const review of reviews) expect(review.creativeWorkStatus).toBe('Published');
  });

  it('fills the fields Google reads', () => {
    const first = reviews[0]!;
    expect(first).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://factdesk.example/reports/peskov-dprk#claim-1',
      claimReviewed: 'Cooperation between Russia and North Korea is not directed against other…',
      datePublished: '2024-10-25',
      author: { '@type': 'Organization', name: 'Nordic Fact Desk', url: 'https://factdesk.example/' },
      reviewRating: { '@type': 'Rating', alternateName: 'Misleading' },
      creativeWorkStatus: 'Published',
      itemReviewed: {
        '@type': 'Claim',
        text: 'Cooperation between Russia and North Korea is not directed against other countries',
        author: { '@type': 'Person', name: 'Dmitry Peskov, Kremlin spokesman' },
        datePublished: '2024-10-21',
        appearance: {
          '@type': 'CreativeWork',
          url: 'https://tass.com/politics/1859999',
          headline: TASS_ARTICLE.meta.title,
          datePublished: '2024-10-21',
          publisher: { '@type': 'Organization', name: 'TASS' },
        },
      },
    });
    expect(first.reviewBody).toContain('mutual-defence clause [1]');
  });

  it('gives numbers only where the scale has them', () => {
    expect(reviews[0]!.reviewRating).toEqual({ '@type': 'Rating', alternateName: 'Misleading' });
    const falseReview = reviews.find((review) => review.reviewRating.alternateName === 'False')!;
    expect(falseReview.reviewRating).toEqual({
      '@type': 'Rating',
      alternateName: 'False',
      ratingValue: 1,
      bestRating: 5,
      worstRating: 1,
    });
    expect(reviews.some((review) => review.reviewRating.alternateName === 'Not yet rated')).toBe(false);
  });

  it('cuts claimReviewed at a word boundary within 75 characters, with an ellipsis; the full text stays in the claim', () => {
    for (const review of reviews) {
      expect(Array.from(review.claimReviewed).length).toBeLessThanOrEqual(CLAIM_REVIEWED_MAX);
      if (review.claimReviewed.endsWith('…'))
        expect(review.itemReviewed.text.startsWith(review.claimReviewed.slice(0, -1))).toBe(true);
    }
    expect(truncateClaim('Short claim.')).toBe('Short claim.');
    const exact = 'x'.repeat(75);
    expect(truncateClaim(exact)).toBe(exact);
    const cut = truncateClaim(`${'word '.repeat(30)}end`);
    expect(cut.endsWith('word…')).toBe(true);
    expect(Array.from(cut).length).toBeLessThanOrEqual(75);
    const emoji = truncateClaim('😀'.repeat(100));
    expect(Array.from(emoji)).toHaveLength(75);
    expect(emoji.endsWith('😀…')).toBe(true);
  });

  it('types the claimant as the editor chose (a Person when not chosen), and leaves url out when no report address is set', () => {
    expect(claimantThing('Pentagon', 'Organization')).toEqual({ '@type': 'Organization', name: 'Pentagon' });
    expect(claimantThing('Ministry of  Defence ', 'Organization')).toEqual({
      '@type': 'Organization',
      name: 'Ministry of Defence',
    });
    expect(claimantThing('NATO Secretary General Mark Rutte', 'Person')).toEqual({
      '@type': 'Person',
      name: 'NATO Secretary General Mark Rutte',
    });
    // No guessing from the name: an institution's name without a chosen type is still a Person.
    expect(claimantThing('Ministry of Defence', '')).toEqual({
      '@type': 'Person',
      name: 'Ministry of Defence',
    });
    expect(claimantThing('', 'Organization')).toBeUndefined();
    const authors = reviews.map((review) => review.itemReviewed.author);
    expect(authors).toEqual([
      { '@type': 'Person', name: 'Dmitry Peskov, Kremlin spokesman' },
      { '@type': 'Organization', name: 'TASS' },
      { '@type': 'Organization', name: 'TASS' },
      // Claim 6 has no claimant type chosen.
      { '@type': 'Person', name: 'Dmitry Peskov, Kremlin spokesman' },
    ]);
    const bare = JSON.parse(
      renderClaimReviewJsonLd(data, { ...SAMPLE_SETTINGS, reportBaseUrl: '', organisationName: '' }, {}, NOW),
    ) as ClaimReview[];
    expect(bare[0]!.url).toBeUndefined();
    expect(bare[0]!.author).toEqual({ '@type': 'Person', name: 'Maria Jensen' });
    expect(ClaimReviewList.safeParse(bare).success).toBe(true);
    // A base address ending in "/" is a folder: the project's slug names the report in it.
    const folder = JSON.parse(
      renderClaimReviewJsonLd(
        data,
        { ...SAMPLE_SETTINGS, reportBaseUrl: 'https://desk.example/checks/' },
        {},
        NOW,
      ),
    ) as ClaimReview[];
    expect(folder[0]!.url).toBe('https://desk.example/checks/peskov-on-north-korean-troops#claim-1');
  });

  it('can be pasted into a <script type="application/ld+json"> element even when the text holds </script>', () => {
    const evil = renderClaimReviewJsonLd(evilProject(), SAMPLE_SETTINGS, {}, NOW);
    expect(evil).not.toMatch(/[<>]/);
    const parsed = JSON.parse(evil) as ClaimReview[];
    expect(parsed[0]!.itemReviewed.text).toBe(EVIL);
    expect(parsed[0]!.itemReviewed.appearance?.url).toBeUndefined();
    expect(ClaimReviewList.safeParse(parsed).success).toBe(true);
  });

  it('is an empty list for a project without claims', () => {
    expect(
      JSON.parse(renderClaimReviewJsonLd(buildProjectData('Empty', []), SAMPLE_SETTINGS, {}, NOW)),
    ).toEqual([]);
  });
});

describe('report options', () => {
  it('fill in defaults and refuse what the dialog cannot mean', () => {
    expect(DEFAULT_REPORT_OPTIONS).toEqual({
      formats: ['pdf'],
      claims: { kind: 'all' },
      pageSize: 'A4',
      title: '',
      authors: '',
      includeMethodology: true,
      methodology: '',
      includeScale: true,
    });
    expect(() => resolveReportOptions({ pageSize: 'A3' as 'A4' })).toThrow();
    expect(() => resolveReportOptions({ claims: { kind: 'verdicts', verdictIds: ['nope'] } })).toThrow();
    expect(() => resolveReportOptions({ formats: [] })).toThrow();
  });
});
