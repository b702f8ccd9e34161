import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { callApi, makeDataDir, readFixture, startHarnessProcess, type RunningHarness } from '../support/harnessProcess';

let harness: RunningHarness;
test.afterEach(async () => {
  await harness?.stop();
});

const hasPdftotext = fs.existsSync('/usr/bin/pdftotext');

interface ArticleSetup {
  project: string;
  title: string;
  file: string;
  language: string;
  direction: 'ltr' | 'rtl';
  claims: { quote: string; statement: string; claimant: string; rationale: string }[];
}

/** A project with one article of the fixture and its claims, each rated and with one source. */
async function projectWith(setup: ArticleSetup): Promise<void> {
  const project = await callApi<{ id: string }>(harness, 'projects.create', { title: setup.project });
  const article = await callApi<{ id: string; text: string }>(harness, 'articles.create', {
    projectId: project.id,
    title: setup.title,
    outlet: '',
    author: '',
    url: '',
    publishedDate: '2024-05-21',
    language: setup.language,
    direction: setup.direction,
    text: readFixture(setup.file),
  });
  const verdicts = (await callApi<{ verdicts: { id: string; label: string }[] }>(harness, 'projects.get', { id: project.id })).verdicts;
  for (const spec of setup.claims) {
    const start = article.text.indexOf(spec.quote);
    expect(start, spec.quote).toBeGreaterThan(-1);
    const end = start + spec.quote.length;
    const claim = await callApi<{ id: string }>(harness, 'claims.create', {
      articleId: article.id,
      anchor: { start, end, exact: spec.quote, prefix: article.text.slice(Math.max(0, start - 32), start), suffix: article.text.slice(end, end + 32) },
      fields: {
        statement: spec.statement,
        claimant: spec.claimant,
        claimDate: '2024-05-21',
        verdictId: verdicts.find((verdict) => verdict.label === 'Half true')!.id,
        rationale: spec.rationale,
      },
    });
    await callApi(harness, 'sources.create', { claimId: claim.id, fields: { title: 'Annual report 2023', publisher: 'Statistics office' } });
  }
}

/** Exports the project's report as PDF and HTML with the dialog, its language left at the default; answers the PDF's and the HTML's text. */
async function exportReport(page: Page, project: string, expectedLanguage: string): Promise<{ pdf: string; html: string }> {
  await page.goto(harness.url);
  await page.getByRole('button', { name: project, exact: true }).click();
  await page.getByRole('button', { name: 'Export report…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export report' });
  // The default: the language of the report's article.
  await expect(dialog.getByLabel('Report language')).toHaveValue(expectedLanguage);
  await dialog.getByLabel('Web page (HTML)').check();
  await dialog.getByRole('button', { name: 'Export' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved 2 files' })).toBeVisible({ timeout: 60_000 });
  const exportsDir = path.join(harness.dataDir, 'exports');
  const pdfFile = path.join(exportsDir, `${project} report.pdf`);
  const htmlFile = path.join(exportsDir, `${project} report.html`);
  return {
    pdf: execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-']).toString(),
    html: fs.readFileSync(htmlFile, 'utf8'),
  };
}

/** The words of an HTML report as a reader sees them: tags, style and entities gone, runs of spaces one. */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<title>[\s\S]*?<\/title>/g, ' ')
    .replace(/<br>|<\/(p|li|h\d|div|td|th|blockquote|dt|dd)>/g, '\n')
    // Emphasis and the quote's highlight sit inside the text; any other element is set apart.
    .replace(/<\/?(mark|strong|em)>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Arabic as pdftotext gives it back and as it was written, made comparable: pdftotext wraps
 * right-to-left runs in embedding marks, writes the lam-alef ligatures (لا، لأ) in visual order (ال، أل)
 * and moves vowel marks; spaces beside the isolated numbers move too.
 */
const comparableArabic = (text: string) =>
  text
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/ل([اأإآ])/g, '$1ل')
    .replace(/\p{M}/gu, '')
    .replace(/\s+/g, '');

test('a report of an Arabic article is in Arabic, right to left, its dates in the Arabic long form', async ({ page }) => {
  test.skip(!hasPdftotext, 'pdftotext (poppler-utils) is not installed, so the PDF cannot be read back');
  harness = await startHarnessProcess(makeDataDir('factcheck-report-ar-'));
  await callApi(harness, 'settings.update', { authorName: 'ليلى حداد', organisationName: 'منصة التحقق' });
  await projectWith({
    project: 'Water check',
    title: 'الوزير: إنتاج المياه المحلاة سيتضاعف بحلول 2030',
    file: 'ar-sample-water.txt',
    language: 'ar',
    direction: 'rtl',
    claims: [
      {
        quote: 'إنتاج المياه المحلاة في البلاد سيتضاعف بحلول عام 2030',
        statement: 'إنتاج المياه المحلاة سيتضاعف بحلول عام 2030',
        claimant: 'خالد النمر',
        rationale: 'تشير خطة الوزارة إلى زيادة أقل من ذلك [1].',
      },
    ],
  });
  const { pdf: extracted, html } = await exportReport(page, 'Water check', 'ar');
  expect(html).toContain('<html lang="ar" dir="rtl">');
  const pdf = comparableArabic(extracted);
  for (const label of ['ملخص الادعاءات', 'الادعاءات بالتفصيل', 'صاحب الادعاء', 'التعليل', 'المصادر', 'المنهجية', 'مقياس الأحكام'])
    expect(pdf, label).toContain(comparableArabic(label));
  expect(pdf).toContain(comparableArabic('21 مايو 2024'));
  expect(extracted).not.toMatch(/\b\d{2}-\d{2}-\d{4}\b/);
  expect(pdf).toMatch(new RegExp(`${comparableArabic('صفحة 1 من')}\\d+`));
  for (const english of ['Summary of claims', 'Claimant', 'Rationale', 'Methodology', 'Page 1 of'])
    expect(pdf, english).not.toContain(english);
});

test('a report of a Korean article is in Korean and never breaks a line inside a word', async ({ page }) => {
  test.skip(!hasPdftotext, 'pdftotext (poppler-utils) is not installed, so the PDF cannot be read back');
  harness = await startHarnessProcess(makeDataDir('factcheck-report-ko-'));
  await callApi(harness, 'settings.update', { authorName: '김지현', organisationName: '팩트체크센터' });
  const rationale =
    '산업통상자원부 자료에 따르면 원전 비중은 2022년 29.6%에서 2023년 30.7%로 늘었지만 같은 기간 재생에너지 비중도 함께 늘어 내년에 35%를 넘기려면 신규 원전 두 기가 예정대로 가동돼야 한다 [1]. ' +
    '전문가들은 정비 일정과 계통 제약을 고려하면 목표 달성이 불확실하다고 밝혔다.';
  await projectWith({
    project: 'Energy check',
    title: '정부 "내년 원전 비중 35% 넘을 것"',
    file: 'ko-sample-energy.txt',
    language: 'ko',
    direction: 'ltr',
    claims: [
      {
        quote: '내년 전체 발전량에서 원자력이 차지하는 비중이 35%를 넘을 것',
        statement: '정부는 내년 전체 발전량에서 원자력이 차지하는 비중이 35%를 넘을 것이라고 밝혔다',
        claimant: '산업통상자원부',
        rationale,
      },
      {
        quote: '원전 비중은 2022년 29.6%에서 꾸준히 늘고 있다',
        statement: '원전 비중은 2022년 29.6%에서 꾸준히 늘고 있다',
        claimant: '박민수 에너지정책실장',
        rationale,
      },
    ],
  });
  const { pdf, html } = await exportReport(page, 'Energy check', 'ko');
  for (const label of ['주장 요약', '주장별 상세 검증', '발언자', '판정 근거', '출처', '검증 방법', '판정 기준'])
    expect(pdf, label).toContain(label);
  expect(pdf).toContain('2024년 5월 21일');
  expect(pdf).toMatch(/1 \/ \d+쪽/);
  expect(pdf).not.toContain('Summary of claims');

  // Every line of Korean the PDF breaks ends where a word ends: the line's last word is a whole
  // word of the report's own text, followed there by a space, punctuation or the end (비중이 is
  // never cut to 비 / 중이). pdftotext may put table cells side by side, so one word is checked.
  const original = visibleText(html);
  const hangulLines = pdf
    .split('\n')
    .map((line) => line.trim())
    // The page footer ("1 / 2쪽") is the printer's, not the report body's.
    .filter((line) => /\p{Script=Hangul}$/u.test(line) && !/^\d+ \/ \d+쪽$/.test(line));
  expect(hangulLines.length).toBeGreaterThan(10);
  const brokenInside: string[] = [];
  for (const line of hangulLines) {
    const word = line.split(/\s+/).pop()!;
    const wholeWord = new RegExp(`(?:^|[\\s(\\[“‘"'])${escapeRegExp(word)}(?=[\\s.,;:!?"'”’)\\]…·]|$)`, 'mu');
    if (!wholeWord.test(original)) brokenInside.push(line);
  }
  expect(brokenInside).toEqual([]);
});
