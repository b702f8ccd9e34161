/**
 * Report test data (not a test file): the sample articles in tests/fixtures/articles and the claims a
 * fact-checker would mark in them, as plain specs. The shared tests build ProjectData from them in
 * memory; the main tests create the same through the real repositories on a SQLite file.
 */
import { randomUUID } from 'node:crypto';
import type {
  Article,
  ArticleMeta,
  Claim,
  ClaimantType,
  ClaimStatus,
  Correction,
  CorrectionKind,
  ProjectData,
  Settings,
  Source,
  SourceFields,
  Verdict,
} from '../../../shared/domain';
import { SCALE_PRESETS } from '../../../shared/scales/presets';
import { normalizeArticleText } from '../../../shared/text/normalize';
import { expect } from 'vitest';
import { readArticle } from '../../support/fixtures';

/** A sample article, normalised as on paste. */
export const readFixture = (name: string) => normalizeArticleText(readArticle(name));

export interface ClaimSpec {
  /** The text marked in the article (must occur in it). */
  quote: string;
  /** The statement as rephrased by the checker; defaults to the quote. */
  statement?: string;
  claimant: string;
  claimDate: string;
  /** A label of the generic scale, or null for "Not yet rated". */
  verdict: string | null;
  status: ClaimStatus;
  rationale: string;
  sources: Partial<SourceFields>[];
  /** schema.org type of the claimant for ClaimReview; '' (not chosen) when left out. */
  claimantType?: ClaimantType;
  /** Who approved an approved claim (default DEFAULT_REVIEWER); '' = approved before reviewers were recorded. */
  reviewer?: string;
  /** When it was approved (default APPROVED_AT). */
  approvedAt?: string;
  /** Correction and update notes on the claim (published under it and in the corrections section). */
  corrections?: { kind: CorrectionKind; text: string; createdAt: string }[];
}

export const DEFAULT_REVIEWER = 'Ola Nordmann';
/** Noon UTC: the same calendar day wherever the tests run. */
export const APPROVED_AT = '2024-10-24T12:00:00.000Z';

export interface ArticleSpec {
  file: string;
  meta: ArticleMeta;
  claims: ClaimSpec[];
}

export const TASS_ARTICLE: ArticleSpec = {
  file: 'en-tass-2024-10-21-peskov-dprk.txt',
  meta: {
    title: 'Kremlin: Russia–DPRK cooperation not directed against third countries',
    outlet: 'TASS',
    author: 'TASS staff',
    url: 'https://tass.com/politics/1859999',
    publishedDate: '2024-10-21',
    language: 'en',
    direction: 'ltr',
  },
  claims: [
    {
      quote: 'Cooperation between Russia and North Korea is not directed against other countries',
      claimant: 'Dmitry Peskov, Kremlin spokesman',
      claimantType: 'Person',
      claimDate: '2024-10-21',
      verdict: 'Misleading',
      status: 'approved',
      reviewer: 'Ola Nordmann',
      corrections: [
        {
          kind: 'update',
          text: 'Added the NIS briefing to the National Assembly as a source.',
          createdAt: '2024-10-23T12:00:00.000Z',
        },
      ],
      rationale:
        'The June 2024 treaty between Moscow and Pyongyang includes a mutual-defence clause [1]. Western and South Korean officials describe the cooperation as aimed at the war in Ukraine [2].\n\nThe statement is a characterisation, but it leaves out the treaty’s military provisions.',
      sources: [
        {
          title: 'Treaty on Comprehensive Strategic Partnership (text)',
          publisher: 'KCNA',
          publishedDate: '2024-06-20',
          url: 'https://kcnawatch.org/newstream/treaty-text',
          accessedDate: '2024-10-22',
        },
        {
          title: 'NIS briefing to the National Assembly intelligence committee',
          publisher: 'Yonhap',
          publishedDate: '2024-10-18',
          url: 'https://en.yna.co.kr/view/AEN20241018000000315',
          accessedDate: '2024-10-22',
        },
      ],
    },
    {
      quote: 'the Pentagon says they have no confirmation of such statements',
      claimant: 'Dmitry Peskov, Kremlin spokesman',
      claimantType: 'Person',
      claimDate: '2024-10-21',
      verdict: 'Mostly true',
      status: 'in_review',
      rationale:
        'On 21 October the Pentagon said it could not yet confirm the reports [1]; two days later it said it had evidence of troops in Russia [2].',
      sources: [
        {
          title: 'Pentagon press briefing, 21 October 2024',
          publisher: 'U.S. Department of Defense',
          publishedDate: '2024-10-21',
          url: 'https://www.defense.gov/News/Transcripts/briefing-2024-10-21/',
          accessedDate: '2024-10-22',
        },
        {
          title: 'Austin: evidence of North Korean troops in Russia',
          publisher: 'Reuters',
          publishedDate: '2024-10-23',
          url: 'https://www.reuters.com/world/austin-north-korean-troops-2024-10-23/',
          accessedDate: '2024-10-23',
        },
      ],
    },
    {
      quote:
        'The allegation that North Korean servicemen may have been sent to Ukraine was made by South Korean Defense Minister Kim Yong-hyun',
      claimant: 'TASS',
      claimantType: 'Organization',
      claimDate: '2024-10-21',
      verdict: 'True',
      status: 'approved',
      reviewer: 'Kari Lie',
      rationale:
        'Kim Yong-hyun told parliament on 8 October that North Korean troops were likely to be deployed [1].',
      sources: [
        {
          title: 'Defence minister: North Korean troops likely in Ukraine',
          publisher: 'The Korea Herald',
          publishedDate: '2024-10-08',
          url: 'https://www.koreaherald.com/view.php?ud=20241008000000',
          accessedDate: '2024-10-22',
        },
      ],
    },
    {
      quote: 'US Defense Secretary Lloyd Austin admitted that he could not confirm the Ukrainian versions',
      claimant: 'TASS',
      claimantType: 'Organization',
      claimDate: '2024-10-19',
      verdict: 'Half true',
      status: 'approved',
      reviewer: 'Ola Nordmann',
      corrections: [
        {
          kind: 'correction',
          text: 'An earlier version said the Pentagon confirmed the deployment on 22 October. It was 23 October.',
          createdAt: '2024-10-24T10:00:00.000Z',
        },
      ],
      rationale:
        'Austin said on 19 October he could not confirm the reports [1]; by 23 October the Pentagon confirmed troops were in Russia [2], so the framing is out of date.',
      sources: [
        {
          title: 'Austin says he cannot confirm reports of DPRK troops',
          publisher: 'Associated Press',
          publishedDate: '2024-10-19',
          url: 'https://apnews.com/article/austin-north-korea-troops',
          accessedDate: '2024-10-22',
        },
        {
          title: 'Pentagon confirms North Korean troops in Russia',
          publisher: 'U.S. Department of Defense',
          publishedDate: '2024-10-23',
          url: 'https://www.defense.gov/News/News-Stories/pentagon-confirms',
          accessedDate: '2024-10-24',
        },
      ],
    },
    {
      quote: 'calling such a hypothetical scenario a "serious escalation."',
      statement: 'Mark Rutte called North Korean troops being sent to Russia a “serious escalation”.',
      claimant: 'NATO Secretary General Mark Rutte',
      claimDate: '2024-10-19',
      verdict: null,
      status: 'researching',
      rationale: '',
      sources: [],
    },
    {
      quote:
        "press allegations about the participation of Korean People's Army troops in Russia's special military operation in Ukraine were nothing but another bogus",
      claimant: 'Dmitry Peskov, Kremlin spokesman',
      claimDate: '2024-10-10',
      verdict: 'False',
      status: 'approved',
      reviewer: 'Kari Lie',
      rationale:
        'South Korean, Ukrainian and US intelligence [1] [2] and later Russian statements confirmed the deployment.',
      sources: [
        {
          title: 'NIS: North Korea sends 1,500 special forces to Russia',
          publisher: 'Yonhap',
          publishedDate: '2024-10-18',
          url: 'https://en.yna.co.kr/view/AEN20241018002200315',
          accessedDate: '2024-10-22',
        },
        {
          title: 'Pentagon confirms North Korean troops in Russia',
          publisher: 'U.S. Department of Defense',
          publishedDate: '2024-10-23',
          url: 'https://www.defense.gov/News/News-Stories/pentagon-confirms',
          accessedDate: '2024-10-24',
        },
      ],
    },
  ],
};

export const RU_ARTICLE: ArticleSpec = {
  file: 'ru-sample-budget.txt',
  meta: {
    title: 'Городской совет утвердил бюджет на 2025 год',
    outlet: 'Самарские новости',
    author: 'Анна Петрова',
    url: 'https://example.ru/news/budget-2025',
    publishedDate: '2024-11-14',
    language: 'ru',
    direction: 'ltr',
  },
  claims: [
    {
      quote: 'бюджет на 2025 год объёмом 48,2 млрд рублей, что на 12% больше, чем в текущем году',
      claimant: 'Игорь Власов',
      claimDate: '2024-11-14',
      verdict: 'True',
      status: 'approved',
      rationale: 'Решение совета подтверждает сумму [1].',
      sources: [
        {
          title: 'Решение городского совета № 112',
          publisher: 'Городской совет Самары',
          url: 'https://example.ru/docs/112',
          accessedDate: '2024-11-15',
        },
      ],
    },
    {
      quote: 'инфляция», которая, по данным Росстата, в регионе за год составила 9,4%',
      claimant: 'Марина Ершова',
      claimDate: '2024-11-14',
      verdict: 'Mostly false',
      status: 'approved',
      rationale: 'По данным Росстата, инфляция в регионе составила 8,1% [1].',
      sources: [
        {
          title: 'Индекс потребительских цен',
          publisher: 'Росстат',
          url: 'https://example.ru/rosstat/cpi',
          accessedDate: '2024-11-15',
        },
      ],
    },
    {
      quote: 'к 2026 году в Самаре будет построено не менее 15 новых школ',
      claimant: 'Мэр города',
      claimDate: '2024-11-14',
      verdict: 'Unverifiable',
      status: 'approved',
      rationale: 'Обещание касается будущего.',
      sources: [],
    },
  ],
};

export const KO_ARTICLE: ArticleSpec = {
  file: 'ko-sample-energy.txt',
  meta: {
    title: '정부 "내년 원전 비중 35% 넘을 것"',
    outlet: '에너지일보',
    author: '김지현 기자',
    url: 'https://example.kr/news/2025-nuclear',
    publishedDate: '2025-03-08',
    language: 'ko',
    direction: 'ltr',
  },
  claims: [
    {
      quote: '내년 전체 발전량에서 원자력이 차지하는 비중이 35%를 넘을 것',
      claimant: '산업통상자원부',
      claimDate: '2025-03-08',
      verdict: 'Half true',
      status: 'approved',
      rationale: '전력거래소 전망치는 33.5%이다 [1].',
      sources: [
        {
          title: '전력수급기본계획',
          publisher: '전력거래소',
          url: 'https://example.kr/kpx/plan',
          accessedDate: '2025-03-09',
        },
      ],
    },
    {
      quote: '원전 비중은 2022년 29.6%에서 꾸준히 늘고 있다',
      claimant: '박민수 에너지정책실장',
      claimDate: '2025-03-08',
      verdict: 'True',
      status: 'approved',
      rationale: '통계가 일치한다 [1].',
      sources: [
        {
          title: '발전원별 발전량 통계',
          publisher: '한국전력',
          url: 'https://example.kr/kepco/stats',
          accessedDate: '2025-03-09',
        },
      ],
    },
    {
      quote: '재생에너지 비중은 아직 10%에도 못 미친다',
      claimant: '녹색연대',
      claimDate: '2025-03-08',
      verdict: 'Mostly true',
      status: 'approved',
      rationale: '2024년 재생에너지 비중은 9.7%였다 [1].',
      sources: [
        {
          title: '신재생에너지 보급 통계',
          publisher: '한국에너지공단',
          url: 'https://example.kr/knrec/stats',
          accessedDate: '2025-03-09',
        },
      ],
    },
  ],
};

export const AR_ARTICLE: ArticleSpec = {
  file: 'ar-sample-water.txt',
  meta: {
    title: 'الوزير: إنتاج المياه المحلاة سيتضاعف بحلول 2030',
    outlet: 'صحيفة الغد',
    author: 'ليلى حداد',
    url: 'https://example.jo/news/water-2030',
    publishedDate: '2024-05-21',
    language: 'ar',
    direction: 'rtl',
  },
  claims: [
    {
      quote: 'إنتاج المياه المحلاة في البلاد سيتضاعف بحلول عام 2030',
      claimant: 'خالد النمر',
      claimDate: '2024-05-21',
      verdict: 'Unverifiable',
      status: 'approved',
      rationale: 'لا توجد خطة منشورة تؤكد ذلك [1].',
      sources: [
        {
          title: 'الاستراتيجية الوطنية للمياه',
          publisher: 'وزارة المياه',
          url: 'https://example.jo/mwi/strategy',
          accessedDate: '2024-05-22',
        },
      ],
    },
    {
      quote: 'نصيب الفرد من المياه انخفض إلى أقل من 90 مترًا مكعبًا في السنة',
      claimant: 'خالد النمر',
      claimDate: '2024-05-21',
      verdict: 'True',
      status: 'approved',
      rationale: 'تؤكد بيانات البنك الدولي الرقم [1].',
      sources: [
        {
          title: 'موارد المياه المتجددة للفرد',
          publisher: 'البنك الدولي',
          url: 'https://example.org/wb/water',
          accessedDate: '2024-05-22',
        },
      ],
    },
    {
      quote: 'الحكومة وعدت بالمشروع نفسه عام 2018',
      claimant: 'سلمى الحوراني',
      claimDate: '2024-05-21',
      verdict: 'Mostly true',
      status: 'approved',
      rationale: 'أعلنت الحكومة المشروع عام 2017 [1].',
      sources: [
        {
          title: 'مشروع الناقل الوطني',
          publisher: 'وزارة المياه',
          url: 'https://example.jo/mwi/carrier',
          accessedDate: '2024-05-22',
        },
      ],
    },
  ],
};

export const SAMPLE_SETTINGS: Settings = {
  authorName: 'Maria Jensen',
  organisationName: 'Nordic Fact Desk',
  // A 1×1 PNG.
  organisationLogo:
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  reportBaseUrl: 'https://factdesk.example/reports/peskov-dprk',
  dateFormat: 'system',
};

export const NOW = new Date('2024-10-25T09:30:00Z');

function anchorFor(text: string, quote: string) {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`quote not in the article: ${quote}`);
  const end = start + quote.length;
  return {
    start,
    end,
    exact: quote,
    prefix: text.slice(Math.max(0, start - 32), start),
    suffix: text.slice(end, end + 32),
  };
}

let clock = Date.parse('2024-10-22T08:00:00Z');
const stamp = () => new Date((clock += 1000)).toISOString();

/** ProjectData built in memory (ids and timestamps made up), for the pure shared/ renderers. */
export function buildProjectData(title: string, specs: ArticleSpec[], description = ''): ProjectData {
  const projectId = randomUUID();
  const createdAt = stamp();
  const verdicts: Verdict[] = SCALE_PRESETS[0]!.verdicts.map((fields, position) => ({
    ...fields,
    id: randomUUID(),
    projectId,
    position,
    createdAt,
    updatedAt: createdAt,
  }));
  const articles: Article[] = [];
  const claims: Claim[] = [];
  const sources: Source[] = [];
  const corrections: Correction[] = [];
  for (const spec of specs) {
    const text = readFixture(spec.file);
    const article: Article = {
      ...spec.meta,
      id: randomUUID(),
      projectId,
      text,
      createdAt: stamp(),
      updatedAt: stamp(),
    };
    articles.push(article);
    for (const claimSpec of spec.claims) {
      const claimId = randomUUID();
      claims.push({
        id: claimId,
        projectId,
        articleId: article.id,
        number: claims.length + 1,
        anchor: anchorFor(text, claimSpec.quote),
        anchorState: 'anchored',
        quoteChangedFrom: '',
        approval:
          claimSpec.status === 'approved'
            ? {
                by: claimSpec.reviewer ?? DEFAULT_REVIEWER,
                at: claimSpec.approvedAt ?? APPROVED_AT,
                seal: 'a'.repeat(64),
              }
            : { by: '', at: '', seal: '' },
        claimantType: claimSpec.claimantType ?? '',
        assignee: '',
        statement: claimSpec.statement ?? claimSpec.quote,
        claimant: claimSpec.claimant,
        claimDate: claimSpec.claimDate,
        verdictId:
          claimSpec.verdict === null
            ? null
            : verdicts.find((verdict) => verdict.label === claimSpec.verdict)!.id,
        rationale: claimSpec.rationale,
        status: claimSpec.status,
        tags: [],
        createdAt: stamp(),
        updatedAt: stamp(),
      });
      for (const note of claimSpec.corrections ?? [])
        corrections.push({ ...note, id: randomUUID(), projectId, claimId, author: 'Maria Jensen' });
      claimSpec.sources.forEach((fields, position) => {
        sources.push({
          url: '',
          title: '',
          publisher: '',
          publishedDate: '',
          accessedDate: '',
          archivedUrl: '',
          excerpt: '',
          note: '',
          ...fields,
          id: randomUUID(),
          claimId,
          position,
          createdAt: stamp(),
          updatedAt: stamp(),
        });
      });
    }
  }
  // Claims come out of the database grouped by article, not in reading order: shuffle them the same way.
  claims.reverse();
  return {
    project: {
      id: projectId,
      title,
      description,
      nextClaimNumber: claims.length + 1,
      secondPairOfEyes: false,
      createdAt,
      updatedAt: stamp(),
    },
    verdicts,
    articles,
    claims,
    sources,
    teamNotes: [],
    corrections,
    publications: [],
  };
}

export const tassProject = () =>
  buildProjectData(
    'Peskov on North Korean troops',
    [TASS_ARTICLE],
    'We checked the Kremlin’s statements of 21 October 2024 on cooperation with North Korea and the reports of North Korean troops in Russia.',
  );

/** HTML and a closing script tag, as a hostile article or teammate's project file might carry. */
export const EVIL = `</script><script>alert(1)</script><img src=x onerror=alert(2)><style>@import url(http://evil.example/x.css)</style>"'&`;

/** Every text field of a project set to EVIL (and the URL-ish ones to something no link may use). */
export function evilProject(): ProjectData {
  const data = tassProject();
  data.project.title = EVIL;
  data.project.description = EVIL;
  for (const article of data.articles)
    Object.assign(article, {
      title: EVIL,
      outlet: EVIL,
      author: EVIL,
      url: 'javascript:alert(3)',
      language: 'en" onload="alert(4)',
    });
  for (const claim of data.claims) {
    Object.assign(claim, { statement: EVIL, claimant: EVIL, rationale: `${EVIL} [1]` });
    if (claim.status === 'approved') claim.approval = { ...claim.approval, by: EVIL };
  }
  for (const correction of data.corrections) correction.text = EVIL;
  for (const source of data.sources)
    Object.assign(source, {
      title: EVIL,
      publisher: EVIL,
      url: 'javascript:alert(5)',
      archivedUrl: 'data:text/html,<script>alert(6)</script>',
    });
  for (const verdict of data.verdicts)
    Object.assign(verdict, {
      label: EVIL,
      description: EVIL,
      colour: 'red;background:url(http://evil.example/y.png)',
    });
  return data;
}

/**
 * Every place the document could load or run something. Text in the report is escaped, so every
 * real tag starts with "<": the checks look at the markup and the CSS, not at what the text says.
 */
export function assertInert(html: string) {
  const tags = html.match(/<[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(10);
  for (const tag of tags) {
    expect(tag, tag).not.toMatch(
      /^<\/?\s*(script|link|iframe|object|embed|base|frame|form|input|video|audio|source)\b/i,
    );
    expect(tag, tag).not.toMatch(/\son[a-z]+\s*=/i);
    // All styling is the one <style> element: no style attributes (a viewer's CSP can allow one hash).
    expect(tag, tag).not.toMatch(/\sstyle\s*=/i);
    expect(tag, tag).not.toMatch(/javascript:/i);
    for (const src of tag.matchAll(/\s(?:src|srcset|poster|background)\s*=\s*("[^"]*"|'[^']*'|\S+)/gi))
      expect(src[1]).toMatch(/^["']?data:image\//);
    // Links are fine (a reader may follow a source), as long as they are web links or in-page anchors.
    for (const href of tag.matchAll(/\shref\s*=\s*("[^"]*"|'[^']*'|\S+)/gi))
      expect(href[1]).toMatch(/^["']?(https?:\/\/|#)/);
  }
  expect(html).not.toMatch(/<meta[^>]+http-equiv="?refresh/i);
  const css = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
  expect(css).not.toMatch(/@import/i);
  expect(css).not.toMatch(/url\(/i);
  expect(css).not.toMatch(/expression\(|javascript:/i);
  expect(html.match(/<style>/g)).toHaveLength(1);
}
