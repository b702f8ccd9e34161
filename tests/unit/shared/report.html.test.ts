import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../shared/report/html';
import {
  AR_ARTICLE,
  assertInert,
  buildProjectData,
  EVIL,
  evilProject,
  KO_ARTICLE,
  NOW,
  SAMPLE_SETTINGS,
  TASS_ARTICLE,
  tassProject,
} from './reportSample';

function sectionOf(html: string, from: string, to?: string): string {
  const start = html.indexOf(from);
  expect(start).toBeGreaterThan(-1);
  const end = to ? html.indexOf(to, start) : html.length;
  return html.slice(start, end === -1 ? html.length : end);
}

const unescape = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('renderReportHtml', () => {
  const data = tassProject();
  const html = renderReportHtml(data, SAMPLE_SETTINGS, {}, NOW);

  it('is a complete, self-contained document with inline CSS and nothing remote', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toMatch(/<html lang="en" dir="ltr">/);
    expect(html).toMatch(/<meta charset="utf-8">/);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
    expect(html).toMatch(/<style>[\s\S]*@page \{ size: A4;[\s\S]*<\/style>/);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    assertInert(html);
  });

  it('has the cover, the article, the summary table, one section per claim, the methodology and the scale', () => {
    expect(html).toContain('Nordic Fact Desk');
    expect(html).toContain('<img src="data:image/png;base64,');
    expect(html).toContain('<h1 dir="auto">Peskov on North Korean troops</h1>');
    expect(html).toContain('By <b dir="auto">Maria Jensen</b>');
    expect(html).toContain('<time datetime="2024-10-25">25 October 2024</time>');
    expect(html).toContain('We checked the Kremlin’s statements');
    const article = sectionOf(html, '<section class="articles">', '</section>');
    for (const value of [
      'Kremlin: Russia–DPRK cooperation',
      'TASS',
      'TASS staff',
      '21 October 2024',
      'https://tass.com/politics/1859999',
    ])
      expect(article).toContain(value);
    const summary = sectionOf(html, '<section class="summary">', '</section>');
    expect(summary).toContain(
      '<thead><tr><th class="num" scope="col">#</th><th scope="col">Claim</th><th scope="col">Claimant</th><th scope="col">Verdict</th><th scope="col">Status</th></tr></thead>',
    );
    expect(summary.match(/<tr><td class="num">/g)).toHaveLength(6);
    expect(html.match(/<article class="claim [^"]*" id="claim-\d+"/g)).toHaveLength(6);
    expect(html).toContain('<h2>Methodology</h2>');
    expect(html).toContain('<h2>The verdict scale</h2>');
    for (const verdict of data.verdicts)
      expect(sectionOf(html, '<h2>The verdict scale</h2>')).toContain(verdict.description);
  });

  it('orders claims as they are read in the article, each with its claimant, verdict, rationale and numbered sources', () => {
    const detail = sectionOf(html, '<section class="claims-detail">', '<section class="endmatter">');
    let cursor = 0;
    TASS_ARTICLE.claims
      .map((spec) => ({ spec, start: data.articles[0]!.text.indexOf(spec.quote) }))
      .sort((a, b) => a.start - b.start)
      .forEach(({ spec }, index) => {
        const at = (needle: string) => {
          const found = unescape(detail).indexOf(needle, cursor);
          expect(found, `${needle} (claim ${index + 1})`).toBeGreaterThan(-1);
          cursor = found;
        };
        at(`Claim ${index + 1}`);
        at(spec.statement ?? spec.quote);
        at(spec.claimant);
        at(spec.verdict ?? 'Not yet rated');
        if (spec.rationale) at(spec.rationale.split('[')[0]!.trim());
        spec.sources.forEach((source) => at(source.title!));
      });
  });

  it('shows the quote marked in the sentence around it', () => {
    expect(html).toContain(
      '<blockquote class="context wrap" lang="en" dir="ltr">&quot;We see a lot of contradictory information: the South Koreans claim one thing, then <mark>the Pentagon says they have no confirmation of such statements</mark>.</blockquote>',
    );
  });

  it('shows a claim without a verdict as "Not yet rated"', () => {
    expect(html).toContain('<span class="chip unrated">Not yet rated</span>');
    expect(html).toContain('No verdict has been given to this claim yet.');
  });

  it('colours verdict chips with the scale colour and a readable text colour', () => {
    const id = (label: string) => data.verdicts.find((verdict) => verdict.label === label)!.id;
    expect(html).toContain(`<span class="chip v-${id('False')}">False</span>`);
    expect(html).toContain(`.chip.v-${id('False')} { background: #c2281d; color: #ffffff; }`);
    expect(html).toContain(`.chip.v-${id('Half true')} { background: #c69214; color: #111827; }`);
    expect(html).toContain(`<article class="claim v-${id('Misleading')}" id="claim-1">`);
  });

  it('links "[1]" in a rationale to the claim’s first source, and leaves a number with no such source as text', () => {
    expect(html).toContain('<a class="ref" href="#claim-1-source-1">[1]</a>');
    expect(html).toContain('<li id="claim-1-source-1" value="1">');
    const odd = tassProject();
    odd.claims.find((claim) => claim.rationale.includes('[2]'))!.rationale = 'See [9] and [1, 2] and [1–2].';
    const rendered = renderReportHtml(odd, SAMPLE_SETTINGS, {}, NOW);
    expect(rendered).toContain('See [9] and <a class="ref"');
    expect(rendered).not.toContain('href="#claim-1-source-9"');
  });

  it('stamps DRAFT on the report while any claim in it is not approved, and only then', () => {
    expect(html).toContain('<div class="watermark" aria-hidden="true">');
    expect(html).toContain('2 of 6 claims are not approved yet');
    const approvedOnly = renderReportHtml(data, SAMPLE_SETTINGS, { claims: { kind: 'approved' } }, NOW);
    expect(approvedOnly).not.toContain('class="watermark"');
    expect(approvedOnly.match(/<article class="claim /g)).toHaveLength(4);
    expect(approvedOnly).toContain('Selection: approved claims only');
  });

  it('selects claims by verdict, "Not yet rated" included on request', () => {
    const falseId = data.verdicts.find((verdict) => verdict.label === 'False')!.id;
    const chosen = renderReportHtml(
      data,
      SAMPLE_SETTINGS,
      { claims: { kind: 'verdicts', verdictIds: [falseId, null] } },
      NOW,
    );
    expect(chosen.match(/<article class="claim /g)).toHaveLength(2);
    expect(chosen).toContain('Selection: verdicts: False, Not yet rated');
    const none = renderReportHtml(
      data,
      SAMPLE_SETTINGS,
      { claims: { kind: 'verdicts', verdictIds: [] } },
      NOW,
    );
    expect(none).toContain('None of the 6 claims in this project match the report’s selection');
  });

  it('says so when the project has no claims', () => {
    const empty = buildProjectData('Nothing yet', [{ ...TASS_ARTICLE, claims: [] }]);
    const rendered = renderReportHtml(empty, SAMPLE_SETTINGS, {}, NOW);
    expect(rendered).toContain('This project has no claims yet.');
    expect(rendered).not.toContain('<section class="claims-detail">');
    expect(rendered).not.toContain('class="watermark"');
    const bare = buildProjectData('No articles', []);
    expect(renderReportHtml(bare, SAMPLE_SETTINGS, {}, NOW)).toContain(
      'No article has been added to this project yet.',
    );
  });

  it('shows every hostile text as text: no markup from the data, no script, no remote load', () => {
    const rendered = renderReportHtml(
      evilProject(),
      {
        ...SAMPLE_SETTINGS,
        organisationName: EVIL,
        authorName: EVIL,
        organisationLogo: `data:image/png;base64,AAAA" onerror="alert(7)`,
      },
      {},
      NOW,
    );
    assertInert(rendered);
    expect(rendered).not.toContain('<img src=x');
    // The only image is the DRAFT stamp: the logo that is not a clean data: URL is left out.
    expect(rendered.match(/<img /g)).toHaveLength(1);
    expect(rendered).toContain('<div class="watermark" aria-hidden="true"><img src="data:image/svg+xml,');
    expect(rendered).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(rendered).not.toContain('lang="en" onload');
    expect(rendered).not.toContain('red;background');
    expect(rendered).toContain('<span class="url">javascript:alert(3)</span>');
  });

  it('keeps a 50,000-character rationale whole and breakable', () => {
    const long = tassProject();
    const rationale = `${'Evidence '.repeat(3_000)}${'x'.repeat(23_000)}`;
    expect(rationale.length).toBe(50_000);
    long.claims[0]!.rationale = rationale;
    const rendered = renderReportHtml(long, SAMPLE_SETTINGS, {}, NOW);
    expect(rendered).toContain('x'.repeat(23_000));
    expect(rendered).toMatch(/\.rationale \{ overflow-wrap: anywhere; \}/);
  });

  it('marks right-to-left article text as such and names its language', () => {
    const arabic = renderReportHtml(buildProjectData('فحص المياه', [AR_ARTICLE]), SAMPLE_SETTINGS, {}, NOW);
    expect(arabic).toContain(
      '<h3 class="wrap" lang="ar" dir="rtl">إنتاج المياه المحلاة في البلاد سيتضاعف بحلول عام 2030</h3>',
    );
    expect(arabic).toMatch(/<blockquote class="context wrap" lang="ar" dir="rtl">/);
    expect(arabic).toContain('"Noto Sans Arabic"');
    const korean = renderReportHtml(buildProjectData('에너지', [KO_ARTICLE]), SAMPLE_SETTINGS, {}, NOW);
    expect(korean).toContain('lang="ko" dir="ltr"');
    expect(korean).toContain('"Noto Sans CJK KR"');
    expect(korean).toContain('"DejaVu Sans"');
  });

  it('takes the page size, title and author from the options', () => {
    const letter = renderReportHtml(
      data,
      SAMPLE_SETTINGS,
      {
        pageSize: 'Letter',
        title: 'Weekly check',
        authors: 'A. Editor and B. Checker',
        includeMethodology: false,
        includeScale: false,
      },
      NOW,
    );
    expect(letter).toContain('@page { size: letter;');
    expect(letter).toContain('<title>Weekly check</title>');
    expect(letter).toContain('By <b dir="auto">A. Editor and B. Checker</b>');
    expect(letter).not.toContain('<h2>Methodology</h2>');
    expect(letter).not.toContain('<h2>The verdict scale</h2>');
    const custom = renderReportHtml(data, SAMPLE_SETTINGS, { methodology: 'We called everyone.' }, NOW);
    expect(custom).toContain('<p dir="auto">We called everyone.</p>');
  });

  it('shows an orphaned claim’s quote without pretending to know its context', () => {
    const orphaned = tassProject();
    orphaned.claims[0]!.anchorState = 'orphaned';
    const rendered = renderReportHtml(orphaned, SAMPLE_SETTINGS, {}, NOW);
    expect(rendered).toContain('This quote is no longer found in the article text as saved');
  });

  it('is deterministic for the same data and clock', () => {
    expect(renderReportHtml(data, SAMPLE_SETTINGS, {}, NOW)).toBe(html);
  });
});
