import { describe, expect, it } from 'vitest';
import type { ProjectData } from '../../../shared/domain';
import { renderReportHtml } from '../../../shared/report/html';
import { renderReportMarkdown } from '../../../shared/report/markdown';
import { parseRationale } from '../../../shared/text/rationaleFormat';
import { assertInert, EVIL, NOW, SAMPLE_SETTINGS, tassProject } from './reportSample';

/** The sample project with every claim's rationale set to `rationale`, so claim 1 of the report has it. */
function withRationale(rationale: string): ProjectData {
  const data = tassProject();
  for (const claim of data.claims) claim.rationale = rationale;
  return data;
}

/** The rationale block of claim 1 in the HTML report. */
function rationaleHtml(data: ProjectData): string {
  const html = renderReportHtml(data, SAMPLE_SETTINGS, {}, NOW);
  const section = html.slice(html.indexOf('<article class="claim'));
  const start = section.indexOf('<div class="rationale">');
  expect(start).toBeGreaterThan(-1);
  return section.slice(start, section.indexOf('</div>', start) + '</div>'.length);
}

/** The rationale of claim 1 in the Markdown report. */
function rationaleMarkdown(data: ProjectData): string {
  const md = renderReportMarkdown(data, SAMPLE_SETTINGS, {}, NOW);
  const start = md.indexOf('#### Rationale\n\n') + '#### Rationale\n\n'.length;
  return md.slice(start, md.indexOf('\n\n#### Sources', start));
}

const FORMATTED = [
  'The figure is **wrong** and the _source_ says *otherwise* [1].',
  'Second line of the paragraph.',
  '',
  'What we found:',
  '- the **treaty** text [1]',
  '- an _official_ denial',
  '',
  'Closing paragraph.',
].join('\n');

describe('the rationale in the HTML report', () => {
  it('renders bold, italic, lists and paragraphs as tags, and keeps "[1]" a link to source 1', () => {
    expect(rationaleHtml(withRationale(FORMATTED))).toBe(
      '<div class="rationale">' +
        '<p dir="auto">The figure is <strong>wrong</strong> and the <em>source</em> says <em>otherwise</em> ' +
        '<a class="ref" href="#claim-1-source-1">[1]</a>.<br>Second line of the paragraph.</p>' +
        '<p dir="auto">What we found:</p>' +
        '<ul dir="auto"><li>the <strong>treaty</strong> text <a class="ref" href="#claim-1-source-1">[1]</a></li>' +
        '<li>an <em>official</em> denial</li></ul>' +
        '<p dir="auto">Closing paragraph.</p>' +
        '</div>',
    );
  });

  it('links a reference inside emphasis and leaves a number with no such source as text', () => {
    expect(rationaleHtml(withRationale('**See [1]** and _[9]_'))).toBe(
      '<div class="rationale"><p dir="auto"><strong>See <a class="ref" href="#claim-1-source-1">[1]</a></strong> and <em>[9]</em></p></div>',
    );
  });

  it('still says when there is no rationale', () => {
    expect(rationaleHtml(withRationale('  \n\n '))).toBe(
      '<div class="rationale"><p class="muted">No rationale has been written yet.</p></div>',
    );
  });

  it('escapes hostile text inside emphasis and list items', () => {
    const hostile = `**${EVIL}** _${EVIL}_\n- ${EVIL} [1]\n- <b onmouseover=x>*a*</b>`;
    const data = withRationale(hostile);
    const html = renderReportHtml(data, SAMPLE_SETTINGS, {}, NOW);
    assertInert(html);
    expect(html).not.toContain('</script><script>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b onmouseover');
    const block = rationaleHtml(data);
    expect(block).toContain('<strong>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(block).toContain('&quot;&#39;&amp;</strong>');
    expect(block).toContain('<em>&lt;/script&gt;');
    expect(block).toContain('&lt;b onmouseover=x&gt;<em>a</em>&lt;/b&gt;');
    expect(block).toContain('<a class="ref" href="#claim-1-source-1">[1]</a></li>');
    // The only tags in the rationale are the ones the formatting makes.
    for (const tag of block.match(/<[^>]*>/g) ?? [])
      expect(tag).toMatch(/^<\/?(div|p|br|ul|li|strong|em|a)( (class|dir|href)="[^"]*")*>$/);
  });
});

describe('the rationale in the Markdown report', () => {
  it('keeps emphasis, list items and paragraphs as Markdown', () => {
    expect(rationaleMarkdown(withRationale(FORMATTED))).toBe(
      [
        'The figure is **wrong** and the _source_ says _otherwise_ \\[1\\].\\',
        'Second line of the paragraph.',
        '',
        'What we found:',
        '',
        '- the **treaty** text \\[1\\]',
        '- an _official_ denial',
        '',
        'Closing paragraph.',
      ].join('\n'),
    );
  });

  it('puts spaces inside the markers outside them, where CommonMark still reads the emphasis', () => {
    expect(rationaleMarkdown(withRationale('a ** b ** c'))).toBe('a  **b**  c');
  });

  it('escapes everything else: HTML, stray markers, line-start markers', () => {
    const md = rationaleMarkdown(withRationale(`**${EVIL}**\n2 * 3 = 6\n# not a heading\n1. not a list`));
    expect(md).toBe(
      [
        '**\\</script\\>\\<script\\>alert(1)\\</script\\>\\<img src=x onerror=alert(2)\\>\\<style\\>@import url(http://evil.example/x.css)\\</style\\>"\'\\&**\\',
        '2 \\* 3 = 6\\',
        '\\# not a heading\\',
        '1\\. not a list',
      ].join('\n'),
    );
    expect(md).not.toMatch(/(?<!\\)</);
  });
});

describe('parseRationale from shared/', () => {
  it('is the parser the workbench uses', () => {
    expect(parseRationale('- **a**')).toEqual([{ kind: 'list', items: [[{ kind: 'bold', text: 'a' }]] }]);
  });
});
