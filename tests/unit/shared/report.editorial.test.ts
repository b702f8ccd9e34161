/**
 * Editorial integrity in reports: stable claim numbers, who reviewed what, correction and update
 * notes, what never leaves the team (notes, assignees), the stored quote, and which claims
 * ClaimReview publishes.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ProjectData } from '../../../shared/domain';
import {
  ClaimReviewList,
  plainRationale,
  renderClaimReviewJsonLd,
  type ClaimReview,
} from '../../../shared/report/claimReview';
import { CSV_COLUMNS, renderReportCsv } from '../../../shared/report/csv';
import { renderReportHtml } from '../../../shared/report/html';
import { renderReportMarkdown } from '../../../shared/report/markdown';
import type { ReportOptionsInput } from '../../../shared/report/options';
import {
  assertInert,
  buildProjectData,
  EVIL,
  evilProject,
  NOW,
  RU_ARTICLE,
  SAMPLE_SETTINGS,
  TASS_ARTICLE,
  tassProject,
} from './reportSample';

/** Every format's text for the data and options (the PDF is the HTML, printed). */
function allFormats(data: ProjectData, options: ReportOptionsInput = {}) {
  return {
    html: renderReportHtml(data, SAMPLE_SETTINGS, options, NOW),
    md: renderReportMarkdown(data, SAMPLE_SETTINGS, options, NOW),
    csv: renderReportCsv(data, SAMPLE_SETTINGS, options, NOW),
    jsonld: renderClaimReviewJsonLd(data, SAMPLE_SETTINGS, options, NOW),
  };
}

/** HTML as the words a reader sees: tags dropped, entities decoded, spaces collapsed. */
const visibleText = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    // Separate elements laid out apart (the claim's meta line, list entries); inline ones join.
    .replace(/<\/(span|p|li|div)>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** The numbers each format shows, in the order it shows them. */
function numbersIn(formats: ReturnType<typeof allFormats>) {
  const csvNumbers = formats.csv
    .slice(1)
    .split('\r\n')
    .slice(1)
    // A field with a line break spans lines: only the lines that begin a record start with the number.
    .flatMap((row) => {
      const match = /^"(\d+)",/.exec(row);
      return match ? [Number(match[1])] : [];
    });
  return {
    sections: [...formats.html.matchAll(/<article class="claim [^"]*" id="claim-(\d+)">/g)].map((m) =>
      Number(m[1]),
    ),
    labels: [...formats.html.matchAll(/<span class="claim-no">Claim (\d+)<\/span>/g)].map((m) =>
      Number(m[1]),
    ),
    summary: [
      ...formats.html.matchAll(/<tr><td class="num">(\d+)<\/td><td[^>]*><a href="#claim-(\d+)">/g),
    ].map((m) => {
      expect(m[1]).toBe(m[2]);
      return Number(m[1]);
    }),
    md: [...formats.md.matchAll(/^### Claim (\d+): /gm)].map((m) => Number(m[1])),
    mdTable: [...formats.md.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1])),
    csv: csvNumbers,
    jsonld: (JSON.parse(formats.jsonld) as ClaimReview[]).map((review) =>
      Number(/#claim-(\d+)$/.exec(review.url!)![1]),
    ),
  };
}

describe('stable claim numbers', () => {
  it('keep their numbers in an approved-only report, in every format', () => {
    const numbers = numbersIn(allFormats(tassProject(), { claims: { kind: 'approved' } }));
    expect(numbers).toEqual({
      sections: [1, 3, 4, 6],
      labels: [1, 3, 4, 6],
      summary: [1, 3, 4, 6],
      md: [1, 3, 4, 6],
      mdTable: [1, 3, 4, 6],
      csv: [1, 3, 4, 6],
      jsonld: [1, 3, 4, 6],
    });
  });

  it('keep their numbers across articles and in a selection by verdict', () => {
    const data = buildProjectData('Two articles', [TASS_ARTICLE, RU_ARTICLE]);
    const approved = numbersIn(allFormats(data, { claims: { kind: 'approved' } }));
    for (const list of Object.values(approved)) expect(list).toEqual([1, 3, 4, 6, 7, 8, 9]);
    const trueId = data.verdicts.find((verdict) => verdict.label === 'True')!.id;
    const chosen = numbersIn(allFormats(data, { claims: { kind: 'verdicts', verdictIds: [trueId] } }));
    for (const list of Object.values(chosen)) expect(list).toEqual([3, 7]);
  });

  it('are the claims’ own numbers, not positions: the order stays article, then place in the text', () => {
    const data = buildProjectData('Two articles', [TASS_ARTICLE, RU_ARTICLE]);
    // Numbers given in another order than the text's (claims marked out of order, some deleted).
    for (const claim of data.claims) claim.number = 100 - claim.number * 3;
    const formats = allFormats(data);
    const numbers = numbersIn(formats);
    const expected = [97, 94, 91, 88, 85, 82, 79, 76, 73];
    expect(numbers.sections).toEqual(expected);
    expect(numbers.csv).toEqual(expected);
    expect(numbers.md).toEqual(expected);
    expect(numbers.jsonld).toEqual([97, 91, 88, 82, 79, 76, 73]);
    // A rationale's "[1]" links to the source of the right claim.
    expect(formats.html).toContain('<a class="ref" href="#claim-97-source-1">[1]</a>');
    expect(formats.html).toContain('<li id="claim-97-source-1" value="1">');
  });
});

describe('who reviewed', () => {
  const data = tassProject();
  const { html, md } = allFormats(data);

  it('says under each approved claim who approved it and when, and nothing under the others', () => {
    const text = visibleText(html);
    expect(text).toContain('Status: Approved Reviewed by Ola Nordmann on 24 October 2024');
    expect(text).toContain('Status: Approved Reviewed by Kari Lie on 24 October 2024');
    expect(html).toContain(
      '<span class="reviewed">Reviewed by <b dir="auto">Ola Nordmann</b> on <b><time datetime="2024-10-24">24 October 2024</time></b></span>',
    );
    expect(html.match(/class="reviewed"/g)).toHaveLength(4);
    expect(md).toContain('- Status: Approved\n- Reviewed by Ola Nordmann on 24 October 2024\n');
    expect(md.match(/^- Reviewed by /gm)).toHaveLength(4);
    const claim2 = html.slice(html.indexOf('id="claim-2"'), html.indexOf('id="claim-3"'));
    expect(claim2).not.toContain('Reviewed by');
  });

  it('lists the reviewers of the report’s claims on the cover', () => {
    expect(html).toContain('<div class="reviewers" dir="auto">Reviewers: Kari Lie and Ola Nordmann</div>');
    expect(md).toContain('\nReviewers: Kari Lie and Ola Nordmann\n');
    // Only the reviewers of the claims in the report.
    const falseId = data.verdicts.find((verdict) => verdict.label === 'False')!.id;
    const onlyFalse = renderReportHtml(
      data,
      SAMPLE_SETTINGS,
      { claims: { kind: 'verdicts', verdictIds: [falseId] } },
      NOW,
    );
    expect(onlyFalse).toContain('Reviewers: Kari Lie</div>');
    const nothingApproved = renderReportHtml(
      data,
      SAMPLE_SETTINGS,
      { claims: { kind: 'verdicts', verdictIds: [null] } },
      NOW,
    );
    expect(nothingApproved).not.toContain('Reviewers:');
  });

  it('says honestly what is known of an approval from before reviewers were recorded', () => {
    const legacy = tassProject();
    const austin = legacy.claims.find((claim) => claim.number === 4)!;
    austin.approval = { ...austin.approval, by: '' };
    const six = legacy.claims.find((claim) => claim.number === 6)!;
    six.approval = { by: '', at: '', seal: '' };
    const formats = allFormats(legacy);
    const text = visibleText(formats.html);
    expect(text).toContain('Status: Approved Approved on 24 October 2024 (reviewer not recorded)');
    expect(text).toContain('Status: Approved Approved (reviewer and date not recorded)');
    expect(formats.html).toContain(
      'Reviewers: Kari Lie and Ola Nordmann; 2 approvals from before reviewers were recorded',
    );
    expect(formats.md).toContain('- Approved on 24 October 2024 (reviewer not recorded)');
    const rows = formats.csv.slice(1).split('\r\n');
    const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const cells = (n: number) => rows.find((row) => row.startsWith(`"${n}",`))!.split('","');
    expect([cells(4)[column('Reviewed by')], cells(4)[column('Approved on')]]).toEqual(['', '2024-10-24']);
    expect([cells(6)[column('Reviewed by')], cells(6)[column('Approved on')]]).toEqual(['', '']);

    const allLegacy = tassProject();
    for (const claim of allLegacy.claims) claim.approval = { ...claim.approval, by: '' };
    expect(renderReportHtml(allLegacy, SAMPLE_SETTINGS, {}, NOW)).toContain(
      'Reviewers: not recorded (4 approvals from before reviewers were recorded)',
    );
  });

  it('writes the approval date as the local calendar day, like the report date', () => {
    const late = tassProject();
    late.claims.find((claim) => claim.number === 1)!.approval.at = '2024-10-24T12:00:00+14:00';
    const day = new Date('2024-10-24T12:00:00+14:00');
    const label = `${day.getDate()} October 2024`;
    expect(visibleText(renderReportHtml(late, SAMPLE_SETTINGS, {}, NOW))).toContain(
      `Reviewed by Ola Nordmann on ${label}`,
    );
  });

  it('keeps the Draft stamp while any claim in the report is not approved, whoever reviewed the others', () => {
    expect(html).toContain('class="watermark"');
    const approved = renderReportHtml(data, SAMPLE_SETTINGS, { claims: { kind: 'approved' } }, NOW);
    expect(approved).not.toContain('class="watermark"');
    const legacy = tassProject();
    for (const claim of legacy.claims) claim.approval = { by: '', at: '', seal: '' };
    // The status decides: an approved claim whose approval details are unknown is still approved.
    expect(renderReportHtml(legacy, SAMPLE_SETTINGS, { claims: { kind: 'approved' } }, NOW)).not.toContain(
      'class="watermark"',
    );
  });
});

describe('corrections and updates', () => {
  const data = tassProject();
  const { html, md } = allFormats(data);
  const AUSTIN_NOTE =
    'An earlier version said the Pentagon confirmed the deployment on 22 October. It was 23 October.';
  const NIS_NOTE = 'Added the NIS briefing to the National Assembly as a source.';

  it('prints each note under its claim', () => {
    const claim4 = visibleText(html.slice(html.indexOf('id="claim-4"'), html.indexOf('id="claim-5"')));
    expect(claim4).toContain(`Correction — 24 October 2024: ${AUSTIN_NOTE}`);
    const claim1 = visibleText(html.slice(html.indexOf('id="claim-1"'), html.indexOf('id="claim-2"')));
    expect(claim1).toContain(`Update — 23 October 2024: ${NIS_NOTE}`);
    const claim2 = html.slice(html.indexOf('id="claim-2"'), html.indexOf('id="claim-3"'));
    expect(claim2).not.toContain('class="claim-corrections"');
    expect(md).toContain(`**Correction — 24 October 2024:** ${AUSTIN_NOTE}\n`);
    expect(md).toContain(
      `**Update — 23 October 2024:** Added the NIS briefing to the National Assembly as a source.\n`,
    );
    const mdClaim4 = md.slice(md.indexOf('### Claim 4:'), md.indexOf('### Claim 5:'));
    expect(mdClaim4).toContain('**Correction — 24 October 2024:**');
  });

  it('lists every note in a “Corrections and updates” section, oldest first, linked to its claim', () => {
    const section = html.slice(html.indexOf('<section class="corrections" id="corrections">'));
    expect(section.indexOf('<h2>Corrections and updates</h2>')).toBeGreaterThan(-1);
    const entries = section.slice(0, section.indexOf('</section>')).match(/<li>[\s\S]*?<\/li>/g)!;
    expect(entries.map(visibleText)).toEqual([
      `Claim 1 · Update — 23 October 2024${NIS_NOTE}`,
      `Claim 4 · Correction — 24 October 2024${AUSTIN_NOTE}`,
    ]);
    expect(entries[1]).toContain('<a class="claim-link" href="#claim-4">Claim 4</a>');
    // After the claims, before the methodology; the cover points to it.
    expect(html.indexOf('id="corrections"')).toBeGreaterThan(html.indexOf('<section class="claims-detail">'));
    expect(html.indexOf('id="corrections"')).toBeLessThan(html.indexOf('<h2>Methodology</h2>'));
    expect(html).toContain('<span><a href="#corrections">1 correction and 1 update</a></span>');
    expect(md).toContain(
      `## Corrections and updates\n\n- **Claim 1** · Update — 23 October 2024: Added the NIS briefing to the National Assembly as a source.\n- **Claim 4** · Correction — 24 October 2024: ${AUSTIN_NOTE}\n`,
    );
  });

  it('includes only the notes of the claims in the report, and no section without notes', () => {
    const misleadingId = data.verdicts.find((verdict) => verdict.label === 'Misleading')!.id;
    const only1 = allFormats(data, { claims: { kind: 'verdicts', verdictIds: [misleadingId] } });
    expect(only1.html).toContain(NIS_NOTE);
    expect(only1.html).not.toContain('An earlier version');
    expect(only1.md).not.toContain('An earlier version');
    const none = buildProjectData('No notes', [RU_ARTICLE]);
    const plain = allFormats(none);
    expect(plain.html).not.toContain('<h2>Corrections and updates</h2>');
    expect(plain.html).not.toContain('id="corrections"');
    expect(plain.html).not.toContain('href="#corrections"');
    expect(plain.md).not.toContain('Corrections and updates');
  });

  it('keeps a note’s line breaks and hostile text as text', () => {
    const multi = tassProject();
    multi.corrections[0]!.text = 'First line.\nSecond line.\n\n- not a list';
    const formats = allFormats(multi);
    expect(formats.html).toContain('First line.<br>Second line.<br><br>- not a list');
    expect(formats.md).toContain('First line.\\\n  Second line.\n\n  \\- not a list');
    const evil = renderReportHtml(evilProject(), SAMPLE_SETTINGS, {}, NOW);
    assertInert(evil);
    const evilMd = renderReportMarkdown(evilProject(), SAMPLE_SETTINGS, {}, NOW);
    expect(evilMd).not.toMatch(/(?<!\\)</);
  });
});

describe('what stays in the team', () => {
  it('never puts team notes, their authors or assignees in any format', () => {
    const NOTE = 'Unique-team-note-7f3a: call the ministry again, the spokesman sounded unsure';
    const NOTE_AUTHOR = 'Wilhelmina Notetaker-51c2';
    const ASSIGNEE = 'Bartholomew Assignee-0e9d';
    const data = buildProjectData('Private', [TASS_ARTICLE, RU_ARTICLE]);
    for (const claim of data.claims) {
      claim.assignee = ASSIGNEE;
      data.teamNotes.push({
        id: randomUUID(),
        projectId: data.project.id,
        claimId: claim.id,
        author: NOTE_AUTHOR,
        text: NOTE,
        createdAt: '2024-10-23T09:00:00.000Z',
      });
    }
    for (const options of [{}, { claims: { kind: 'approved' } }] as const) {
      for (const [format, text] of Object.entries(allFormats(data, options))) {
        for (const secret of [NOTE, 'Unique-team-note-7f3a', NOTE_AUTHOR, ASSIGNEE, 'Assignee-0e9d'])
          expect(text.includes(secret), `${secret} in ${format}`).toBe(false);
      }
    }
  });
});

describe('the printed quote is the stored quote', () => {
  const QUOTE = 'the Pentagon says they have no confirmation of such statements';
  const EDITED = 'the Pentagon said it had seen no evidence of such claims';

  it('when the article was edited inside the quote and the anchor still holds the old quote', () => {
    const data = tassProject();
    const article = data.articles[0]!;
    const claim = data.claims.find((c) => c.anchor.exact === QUOTE)!;
    // The text changed under the claim; the claim is flagged for review but still stores its quote.
    article.text = article.text.replace(QUOTE, EDITED);
    claim.quoteChangedFrom = QUOTE;
    claim.statement = 'The Pentagon could not confirm the reports.';
    const formats = allFormats(data);
    for (const [format, text] of Object.entries(formats)) {
      if (format === 'jsonld') continue;
      expect(text, format).toContain(QUOTE);
      expect(text.includes(EDITED), `${format} prints the edited article text`).toBe(false);
    }
    expect(formats.html).toContain(
      `<mark>${QUOTE}</mark><span class="label muted" lang="en" dir="ltr">(This quote is no longer found`,
    );
    expect(formats.md).toContain(`> **${QUOTE}**\n>\n> *(This quote is no longer found`);
    const rows = formats.csv.slice(1).split('\r\n');
    const row = rows.find((r) => r.startsWith(`"${claim.number}",`))!.split('","');
    expect(row[CSV_COLUMNS.indexOf('Quote')]).toBe(QUOTE);
    expect(row[CSV_COLUMNS.indexOf('Quote in context')]).toBe('');
  });

  it('when the edit moved the text, so the offsets point at other words', () => {
    const data = tassProject();
    const article = data.articles[0]!;
    const claim = data.claims.find((c) => c.anchor.exact === QUOTE)!;
    article.text = `Breaking: ${article.text}`;
    const html = renderReportHtml(data, SAMPLE_SETTINGS, {}, NOW);
    const section = html.slice(
      html.indexOf(`id="claim-${claim.number}"`),
      html.indexOf(`id="claim-${claim.number + 1}"`),
    );
    expect(section).toContain(`<mark>${QUOTE}</mark>`);
    expect(section).toContain('This quote is no longer found');
  });

  it('after a re-anchoring that took the new words: the stored quote, never the one it changed from', () => {
    const data = tassProject();
    const article = data.articles[0]!;
    const claim = data.claims.find((c) => c.anchor.exact === QUOTE)!;
    const start = claim.anchor.start;
    article.text = article.text.replace(QUOTE, EDITED);
    claim.anchor = { ...claim.anchor, start, end: start + EDITED.length, exact: EDITED };
    claim.quoteChangedFrom = QUOTE;
    claim.statement = 'The Pentagon could not confirm the reports.';
    claim.status = 'in_review';
    const formats = allFormats(data);
    expect(formats.html).toContain(`then <mark>${EDITED}</mark>.</blockquote>`);
    for (const [format, text] of Object.entries(formats)) expect(text.includes(QUOTE), format).toBe(false);
  });
});

describe('ClaimReview publishes only approved, rated claims', () => {
  it('leaves out drafts and approved claims without a verdict', () => {
    const data = tassProject();
    data.claims.find((claim) => claim.number === 3)!.verdictId = null;
    const reviews = JSON.parse(renderClaimReviewJsonLd(data, SAMPLE_SETTINGS, {}, NOW)) as ClaimReview[];
    expect(reviews.map((review) => review.url!.replace(/.*#/, ''))).toEqual([
      'claim-1',
      'claim-4',
      'claim-6',
    ]);
    expect(ClaimReviewList.safeParse(reviews).success).toBe(true);
    // A report of drafts only publishes no review at all.
    const drafts = JSON.parse(
      renderClaimReviewJsonLd(
        data,
        SAMPLE_SETTINGS,
        { claims: { kind: 'verdicts', verdictIds: [null] } },
        NOW,
      ),
    );
    expect(drafts).toEqual([]);
  });

  it('writes reviewBody as plain text: no emphasis or list markers', () => {
    const data = tassProject();
    data.claims.find((claim) => claim.number === 1)!.rationale =
      'The treaty has a **mutual-defence clause** [1], _which_ the statement leaves out.\nSee *Article 4*.\n\n- Seoul: troops sent [2]\n* Kyiv: the same\n\nSo: **misleading**.';
    const reviews = JSON.parse(renderClaimReviewJsonLd(data, SAMPLE_SETTINGS, {}, NOW)) as ClaimReview[];
    expect(reviews[0]!.reviewBody).toBe(
      'The treaty has a mutual-defence clause [1], which the statement leaves out.\nSee Article 4.\n\nSeoul: troops sent [2]\nKyiv: the same\n\nSo: misleading.',
    );
    expect(ClaimReviewList.safeParse(reviews).success).toBe(true);
    expect(plainRationale('snake_case_name stays, 2 * 3 * 4 too')).toBe(
      'snake_case_name stays, 2 * 3 * 4 too',
    );
    expect(plainRationale('  \n\n ')).toBe('');
  });

  it('validates against the schema with hostile text and every claimant type', () => {
    const evil = evilProject();
    evil.claims.forEach((claim, index) => {
      claim.claimantType = (['', 'Person', 'Organization'] as const)[index % 3]!;
    });
    const reviews = JSON.parse(renderClaimReviewJsonLd(evil, SAMPLE_SETTINGS, {}, NOW)) as ClaimReview[];
    expect(reviews.length).toBeGreaterThan(0);
    expect(ClaimReviewList.safeParse(reviews).success).toBe(true);
    for (const review of reviews) expect(review.itemReviewed.author?.name).toBe(EVIL);
  });
});
