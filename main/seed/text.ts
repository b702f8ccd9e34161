/**
 * Word lists and sentence templates for the scale fixture: news articles, claims, rationales and
 * sources that read like a newsroom's (English, with some Russian, Arabic and Korean), made from a
 * seeded random stream so the same seed writes the same words.
 */
import type { Random } from './random';

export type Language = 'en' | 'ru' | 'ar' | 'ko';

interface Kit {
  language: Language;
  direction: 'ltr' | 'rtl';
  people: readonly string[];
  roles: readonly string[];
  places: readonly string[];
  institutions: readonly string[];
  topics: readonly string[];
  /** Checkable statements: the sentences claims are marked on. */
  claims: readonly string[];
  /** Context around them. */
  background: readonly string[];
  titles: readonly string[];
  rationale: readonly string[];
  outlets: readonly (readonly [name: string, domain: string])[];
  /** Thousands separator for {num}. */
  group: string;
}

const EN: Kit = {
  language: 'en',
  direction: 'ltr',
  people: [
    'Maria Alvarez',
    'John Okafor',
    'Elena Petrova',
    'Ahmed Hassan',
    'Sarah Thompson',
    'David Chen',
    'Fatima Zahra',
    'Grace Mensah',
    'Luis Fernández',
    'Hannah Becker',
    'Rajesh Kumar',
    'Amina Diallo',
    'Tomás Novák',
    'Emily Carter',
    'Peter Lindqvist',
    'Chloé Martin',
  ],
  roles: [
    'finance minister',
    'health minister',
    'mayor',
    'opposition leader',
    'central bank governor',
    'party spokesperson',
    'prime minister',
    'education secretary',
    'regional governor',
    'trade union leader',
    'interior minister',
    'transport minister',
  ],
  places: [
    'the capital',
    'the northern region',
    'the country',
    'the province',
    'the eastern districts',
    'the city',
    'coastal areas',
    'rural municipalities',
  ],
  institutions: [
    'the national statistics office',
    'the central bank',
    'the finance ministry',
    'the World Bank',
    'the electoral commission',
    'the health ministry',
    'the national audit office',
    'the International Monetary Fund',
    'the education ministry',
    'the census bureau',
  ],
  topics: [
    'unemployment',
    'inflation',
    'public debt',
    'spending on schools',
    'the number of hospital beds',
    'violent crime',
    'housing prices',
    'average wages',
    'fuel prices',
    'exports',
    'the budget deficit',
    'child poverty',
    'road deaths',
    'renewable energy output',
    'teacher salaries',
    'hospital waiting times',
  ],
  claims: [
    '{person}, the {role}, said {topic} rose by {pct} in {year}.',
    '{Topic} has fallen to its lowest level since {year}, according to {person}.',
    '{person} claimed that {num} new jobs were created in {place} last year.',
    'Speaking on Tuesday, the {role} said the government had cut {topic} by half since {year}.',
    '{person} told parliament that {topic} in {place} was higher than anywhere else in Europe.',
    'The {role} said {institution} had confirmed a {pct} increase in {topic}.',
    '“We have built {num} kilometres of new roads since {year},” {person} said.',
    '{person} said that {pct} of households in {place} now pay less for energy than in {year}.',
    'According to {person}, {topic} doubled between {year} and {year2}.',
    '{person} claimed that {institution} had stopped publishing figures on {topic} in {year}.',
    '{person} said the country spends more on {topic} than any of its neighbours.',
    'The {role} insisted that {topic} had been falling every year since {year}.',
    '{Institution} spent {num} million on {topic} in {year}, {person} said.',
    '{person} said {topic} in {place} was {pct} lower than when the government took office.',
  ],
  background: [
    'The remarks came during a campaign event in {place}.',
    'Officials did not respond to a request for comment.',
    'The figures are published every quarter by {institution}.',
    '{person} has held the post since {year}.',
    'Critics say the numbers leave out {topic}.',
    'The debate is expected to continue next week.',
    'Opposition parties have called for an independent review.',
    'Analysts said the picture was more complicated than the speech suggested.',
    'The speech was broadcast live on national television.',
    'Several members of the audience questioned the figures afterwards.',
  ],
  titles: [
    '{Role} says {topic} rose by {pct}',
    'What {person} said about {topic}',
    '{Topic} in {place}: the figures behind the speech',
    'Debate over {topic} heats up ahead of budget vote',
    '{person} defends record on {topic}',
  ],
  rationale: [
    'Data from {institution} show that {topic} changed by {pct} in {year}, not by the figure quoted.',
    'The claim compares figures from different years: the {year} number covers {place}, the later one does not.',
    'We asked the office of the {role} for the source of the figure; they pointed to a report by {institution}.',
    'That report does say {topic} rose, but by {pct} rather than by the amount in the speech.',
    'Independent economists we spoke to said the comparison leaves out inflation.',
    'Figures for {year} are provisional and may still be revised.',
    '**Bottom line:** the figure is broadly right, but the comparison gives a misleading impression.',
    'The series was redefined in {year}, so earlier numbers are not directly comparable.',
    '{person} repeated the claim in an interview a week later without giving a source.',
    'Regional data for {place} are published with a delay of about six months.',
  ],
  outlets: [
    ['The Daily Ledger', 'dailyledger.example'],
    ['Northern Herald', 'northernherald.example'],
    ['City Courier', 'citycourier.example'],
    ['National Wire', 'nationalwire.example'],
    ['The Morning Post', 'morningpost.example'],
  ],
  group: ',',
};

const RU: Kit = {
  language: 'ru',
  direction: 'ltr',
  people: [
    'Мария Соколова',
    'Дмитрий Кузнецов',
    'Ольга Смирнова',
    'Игорь Волков',
    'Анна Морозова',
    'Сергей Лебедев',
    'Наталья Павлова',
    'Алексей Орлов',
  ],
  roles: [
    'министр финансов',
    'губернатор области',
    'мэр города',
    'лидер оппозиции',
    'глава центрального банка',
    'пресс-секретарь правительства',
    'министр здравоохранения',
  ],
  places: ['в столице', 'в регионе', 'в стране', 'на Дальнем Востоке', 'в Сибири', 'в области'],
  institutions: ['Росстат', 'Центральный банк', 'Министерство финансов', 'Счётная палата', 'Всемирный банк'],
  topics: [
    'безработица',
    'инфляция',
    'государственный долг',
    'расходы на образование',
    'цены на жильё',
    'средняя зарплата',
    'экспорт',
    'дефицит бюджета',
  ],
  claims: [
    '{Role} {person} заявил{a}, что показатель «{topic}» {place} вырос на {pct} в {year} году.',
    'По данным ведомства «{institution}», показатель «{topic}» снизился до минимума с {year} года.',
    '{person} сообщил{a}, что за прошлый год {place} создано {num} новых рабочих мест.',
    'Как отметил{a} {role} {person}, расходы на дороги с {year} года сократились вдвое.',
    '{person} утверждает, что показатель «{topic}» {place} самый высокий в Европе.',
    'По оценке ведомства «{institution}», с {year} по {year2} год показатель «{topic}» удвоился.',
  ],
  background: [
    'Заявление прозвучало на пресс-конференции {place}.',
    'В ведомстве не ответили на запрос о комментарии.',
    'Данные публикуются ежеквартально.',
    'Эксперты считают, что такое сравнение некорректно.',
    'Обсуждение продолжится на следующей неделе.',
    '{person} занимает эту должность с {year} года.',
  ],
  titles: [
    '{person}: показатель «{topic}» вырос на {pct}',
    'Что говорит {role} о показателе «{topic}»',
    'Проверка фактов: «{topic}» {place}',
  ],
  rationale: [
    'По данным ведомства «{institution}», в {year} году показатель «{topic}» изменился на {pct}.',
    'Сравнение некорректно: данные за разные годы рассчитаны по разной методике.',
    'Мы обратились в пресс-службу за источником цифры, но ответа не получили.',
    'Независимые экономисты указывают, что в сравнении не учтена инфляция.',
    'Данные за {year} год предварительные и могут быть пересмотрены.',
  ],
  outlets: [
    ['Вечерние новости', 'vecher-news.example'],
    ['Городской вестник', 'gorvestnik.example'],
  ],
  group: ' ',
};

const AR: Kit = {
  language: 'ar',
  direction: 'rtl',
  people: [
    'أحمد منصور',
    'فاطمة الزهراء',
    'محمد العلي',
    'ليلى حسن',
    'خالد إبراهيم',
    'سارة يوسف',
    'عمر الخطيب',
  ],
  roles: [
    'وزير المالية',
    'رئيس الوزراء',
    'محافظ البنك المركزي',
    'المتحدث باسم الحكومة',
    'وزير الصحة',
    'زعيم المعارضة',
  ],
  places: ['في العاصمة', 'في البلاد', 'في المناطق الريفية', 'في الجنوب', 'في المدن الساحلية'],
  institutions: [
    'الجهاز المركزي للإحصاء',
    'البنك المركزي',
    'وزارة المالية',
    'البنك الدولي',
    'صندوق النقد الدولي',
  ],
  topics: [
    'البطالة',
    'التضخم',
    'الدين العام',
    'الإنفاق على التعليم',
    'أسعار المساكن',
    'متوسط الأجور',
    'الصادرات',
    'عجز الموازنة',
  ],
  claims: [
    'قال {role} {person} إن {topic} ارتفع بنسبة {pct} {place} خلال عام {year}.',
    'أكد {person} أن {topic} انخفض إلى أدنى مستوى له منذ عام {year}.',
    'وفقاً لبيانات {institution}، تم توفير {num} فرصة عمل جديدة {place} العام الماضي.',
    'صرّح {role} بأن الحكومة خفّضت {topic} إلى النصف منذ عام {year}.',
    'ادعى {person} أن {topic} {place} هو الأعلى في المنطقة.',
  ],
  background: [
    'جاءت التصريحات خلال مؤتمر صحفي {place}.',
    'لم ترد الوزارة على طلب للتعليق.',
    'تُنشر هذه الأرقام كل ثلاثة أشهر.',
    'يرى خبراء أن المقارنة مضللة.',
    'ومن المتوقع أن يستمر النقاش الأسبوع المقبل.',
  ],
  titles: ['{person}: {topic} ارتفع بنسبة {pct}', 'تدقيق: ماذا قال {role} عن {topic}؟'],
  rationale: [
    'تُظهر بيانات {institution} أن {topic} تغيّر بنسبة {pct} في عام {year}.',
    'المقارنة غير دقيقة لأن الأرقام تعود إلى سنوات مختلفة.',
    'تواصلنا مع مكتب {role} لمعرفة مصدر الرقم.',
    'يقول اقتصاديون مستقلون إن المقارنة تتجاهل التضخم.',
  ],
  outlets: [
    ['صحيفة الغد', 'alghad-news.example'],
    ['الخبر اليومي', 'alkhabar.example'],
  ],
  group: ',',
};

const KO: Kit = {
  language: 'ko',
  direction: 'ltr',
  people: ['김민준', '이서연', '박지훈', '최수빈', '정하늘', '강도윤', '윤서아'],
  roles: [
    '기획재정부 장관',
    '국무총리',
    '서울시장',
    '야당 대표',
    '한국은행 총재',
    '정부 대변인',
    '보건복지부 장관',
  ],
  places: ['서울에서', '전국에서', '지방에서', '수도권에서', '농촌 지역에서'],
  institutions: ['통계청', '한국은행', '기획재정부', '세계은행', '국제통화기금'],
  topics: [
    '실업률',
    '물가 상승률',
    '국가 부채',
    '교육 예산',
    '주택 가격',
    '평균 임금',
    '수출액',
    '재정 적자',
  ],
  claims: [
    '{person} {role}은 {year}년 {place} {topic}이 {pct} 증가했다고 밝혔다.',
    '{person} {role}은 {topic}이 {year}년 이후 최저 수준으로 떨어졌다고 주장했다.',
    '{institution} 자료에 따르면 지난해 {place} 새 일자리 {num}개가 만들어졌다.',
    '{role}은 정부가 {year}년 이후 {topic}을 절반으로 줄였다고 말했다.',
    '{person} 씨는 {place} {topic}이 유럽에서 가장 높다고 말했다.',
  ],
  background: [
    '이 발언은 기자회견에서 나왔다.',
    '해당 부처는 논평 요청에 응답하지 않았다.',
    '이 수치는 분기마다 발표된다.',
    '전문가들은 비교가 적절하지 않다고 지적했다.',
    '논의는 다음 주에도 이어질 예정이다.',
  ],
  titles: ['{person}: {topic} {pct} 증가', '팩트체크: {role}의 {topic} 발언'],
  rationale: [
    '{institution} 자료에 따르면 {year}년 {topic}은 {pct} 변했다.',
    '비교 대상 연도가 달라 수치를 직접 비교할 수 없다.',
    '{role} 측에 수치의 출처를 문의했다.',
    '독립 경제학자들은 이 비교가 물가 상승을 고려하지 않았다고 말했다.',
  ],
  outlets: [
    ['한빛일보', 'hanbit-ilbo.example'],
    ['서울타임스', 'seoultimes.example'],
  ],
  group: ',',
};

const KITS: Record<Language, Kit> = { en: EN, ru: RU, ar: AR, ko: KO };

/** Most articles are English; one in ten each Russian, Arabic and Korean. */
export function pickLanguage(random: Random): Language {
  const roll = random.next();
  return roll < 0.7 ? 'en' : roll < 0.8 ? 'ru' : roll < 0.9 ? 'ar' : 'ko';
}

export function directionOf(language: Language): 'ltr' | 'rtl' {
  return KITS[language].direction;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Who a claim sentence quotes, for the claimant field. */
export interface Rendered {
  text: string;
  speaker: string;
  speakerType: 'Person' | 'Organization';
}

function formatNumber(value: number, group: string): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, group);
}

/** Korean particles after a slot follow its last syllable: 은/는, 이/가, 을/를. */
const KOREAN_PARTICLES: Record<string, [afterConsonant: string, afterVowel: string]> = {
  은: ['은', '는'],
  이: ['이', '가'],
  을: ['을', '를'],
};

function koreanParticle(word: string, particle: string): string {
  const forms = KOREAN_PARTICLES[particle];
  const code = word.charCodeAt(word.length - 1);
  if (!forms || code < 0xac00 || code > 0xd7a3) return particle;
  return (code - 0xac00) % 28 === 0 ? forms[1] : forms[0];
}

/** Russian surnames of women end in -а (Соколова, Морозова): the verb agrees (заявил/заявила). */
const isFeminine = (name: string) => /а$/u.test(name);

/**
 * Fills a template's {slots}; {Slot} is the capitalised value, {a} the Russian feminine ending
 * when the person named is a woman. The speaker is the first person named, else the first
 * institution, else the office ({role}).
 */
function fill(random: Random, kit: Kit, template: string): Rendered {
  let person = '';
  let personNamed = false;
  let institution = '';
  let role = '';
  const firstPerson = () => (person ||= random.pick(kit.people));
  const year = random.int(2008, 2021);
  const text = template.replace(
    /\{(\w+)\}(은|이|을)?/g,
    (_match, slot: string, particle: string | undefined) => {
      const key = slot.toLowerCase();
      let value: string;
      switch (key) {
        case 'person':
          value = personNamed ? random.pick(kit.people) : firstPerson();
          personNamed = true;
          break;
        case 'a':
          value = isFeminine(firstPerson()) ? 'а' : '';
          break;
        case 'role':
          value = random.pick(kit.roles);
          role ||= value;
          break;
        case 'place':
          value = random.pick(kit.places);
          break;
        case 'institution':
          value = random.pick(kit.institutions);
          institution ||= capitalise(value.replace(/^the /, ''));
          break;
        case 'topic':
          value = random.pick(kit.topics);
          break;
        case 'pct':
          value = random.chance(0.5) ? `${random.int(2, 48)}%` : `${random.int(1, 19)}.${random.int(1, 9)}%`;
          break;
        case 'num':
          value = formatNumber(random.int(120, 95_000), kit.group);
          break;
        case 'year':
          value = String(year);
          break;
        case 'year2':
          value = String(year + random.int(2, 3));
          break;
        default:
          value = slot;
      }
      const filled = slot === key ? value : capitalise(value);
      return particle === undefined ? filled : filled + koreanParticle(filled, particle);
    },
  );
  if (personNamed) return { text: capitalise(text), speaker: person, speakerType: 'Person' };
  if (institution) return { text: capitalise(text), speaker: institution, speakerType: 'Organization' };
  // "The finance minister said …": the office speaks when no one is named.
  return {
    text: capitalise(text),
    speaker: role ? capitalise(kit.language === 'en' ? `the ${role}` : role) : '',
    speakerType: 'Person',
  };
}

export const claimSentence = (random: Random, language: Language): Rendered =>
  fill(random, KITS[language], random.pick(KITS[language].claims));

export const backgroundSentence = (random: Random, language: Language): string =>
  fill(random, KITS[language], random.pick(KITS[language].background)).text;

export const articleTitle = (random: Random, language: Language): string =>
  fill(random, KITS[language], random.pick(KITS[language].titles)).text;

export function outletOf(random: Random, language: Language): { name: string; domain: string } {
  const [name, domain] = random.pick(KITS[language].outlets);
  return { name, domain };
}

export const personName = (random: Random, language: Language): string => random.pick(KITS[language].people);

/**
 * A rationale of newsroom length: two to four paragraphs of two to four sentences, sometimes with a
 * list of what was checked. Written in the article's language.
 */
export function rationaleText(random: Random, language: Language): string {
  const kit = KITS[language];
  const paragraphs: string[] = [];
  const count = random.int(2, 4);
  for (let p = 0; p < count; p++) {
    const sentences: string[] = [];
    const n = random.int(2, 4);
    for (let s = 0; s < n; s++) sentences.push(fill(random, kit, random.pick(kit.rationale)).text);
    paragraphs.push(sentences.join(' '));
  }
  if (language === 'en' && random.chance(0.3)) {
    const items: string[] = [];
    for (let i = random.int(2, 3); i > 0; i--) {
      items.push(
        `- ${capitalise(random.pick(kit.institutions).replace(/^the /, ''))}, figures for ${random.int(2010, 2023)}`,
      );
    }
    paragraphs.splice(1, 0, `What we checked:\n${items.join('\n')}`);
  }
  return paragraphs.join('\n\n');
}

/** Short working notes, as a checker writes them before the rationale is done. */
export function researchNote(random: Random, language: Language): string {
  return fill(random, KITS[language], random.pick(KITS[language].rationale)).text;
}

export const TAGS = [
  'economy',
  'health',
  'education',
  'elections',
  'crime',
  'energy',
  'budget',
  'statistics',
  'migration',
  'housing',
  'transport',
  'climate',
  'jobs',
  'debt',
] as const;

/** Where sources are found: [publisher, domain, path prefix]. */
export const SOURCE_SITES = [
  ['National Statistics Office', 'stats.gov.example', 'releases'],
  ['Central Bank', 'centralbank.example', 'publications/bulletin'],
  ['Ministry of Finance', 'finance.gov.example', 'budget'],
  ['World Bank', 'data.worldbank.example', 'indicator'],
  ['International Monetary Fund', 'imf.example', 'en/Publications/CR'],
  ['Parliament', 'parliament.example', 'records/plenary'],
  ['National Audit Office', 'audit.gov.example', 'reports'],
  ['Reuters', 'reuters.example', 'world'],
  ['Eurostat', 'eurostat.example', 'databrowser/view'],
] as const;

export const SOURCE_TITLES = [
  'Statistical bulletin: {topic}, {year}',
  'Annual report {year}',
  'Transcript of the plenary session, {year}',
  'Budget statement {year}',
  'Quarterly review of {topic}',
  '{Topic}: time series {year}–{year2}',
] as const;

export function sourceTitle(random: Random): string {
  return fill(random, EN, random.pick(SOURCE_TITLES)).text;
}

export const SOURCE_NOTES = [
  'Checked against the PDF, table 3.',
  'Figure confirmed by the press office by phone.',
  'The page was changed after we first read it; the archived copy has the original.',
  'Methodology note on page 12 explains the break in the series.',
  'Ask the statistics office whether the regional split is final.',
] as const;

/** Team names for a project: the editor first (who approves), then the checkers. */
export const TEAM = [
  'Ana Checker',
  'Ben Editor',
  'Carla Mendes',
  'Dmitri Orlov',
  'Esra Yılmaz',
  'Femi Adeyemi',
  'Grete Nilsen',
  'Hiroshi Tanaka',
  'Inès Laurent',
  'Jamal Haddad',
  'Kateryna Bondar',
  'Lena Schmidt',
  'Miguel Rocha',
  'Nour El-Sayed',
  'Oskar Berg',
  'Priya Nair',
] as const;

export const PROJECT_TOPICS = [
  'Budget debate',
  'Regional elections',
  'Health reform',
  'Energy prices',
  'Housing crisis',
  'Campaign trail',
  'State of the nation address',
  'Transport strike',
  'Education bill',
  'Climate summit',
  'Migration debate',
  'Inflation week',
] as const;
