/**
 * The scale fixture: fills an empty library with N projects of M claims each, quickly and the same
 * way for the same seed. Each project gets a verdict scale from a preset, several articles
 * (mostly English, some Russian, Arabic and Korean) of multi-paragraph text, claims anchored on
 * them exactly as the workbench anchors a selection (shared/anchoring createAnchor), numbered
 * 1..M, with claimants, verdicts, statuses, rationales, tags and one to three sources; approved
 * claims carry a valid approval (the seal of main/editorial/seal.ts over what they publish, as
 * main/repositories/approvals.ts computes it). The history holds what the app would have recorded:
 * a create row for the project, each verdict, article and source, and K rows per claim (its
 * creation, then updates with before/after values, by the team, at increasing times).
 *
 * Rows are written with the tables' own prepared INSERTs (main/repositories/tables.ts), one
 * transaction per project, not through the repositories, which record history per call.
 */
import fs from 'node:fs';
import { createAnchor } from '../../shared/anchoring';
import {
  NO_APPROVAL,
  type Article,
  type Change,
  type Claim,
  type ClaimStatus,
  type Project,
  type ScalePresetId,
  type Source,
  type Verdict,
} from '../../shared/domain';
import { findPreset } from '../../shared/scales/presets';
import { normalizeArticleText } from '../../shared/text/normalize';
import { openLibrary } from '../db/open';
import { sealOf } from '../editorial/seal';
import { AppError } from '../errors';
import { libraryPath } from '../files/dataFolder';
import { ARTICLE_FIELDS } from '../repositories/articles';
import { diffFields, snapshotFields } from '../repositories/changes';
import { CLAIM_FIELDS } from '../repositories/claims';
import { createRepoContext, type RepoContext } from '../repositories/context';
import { PROJECT_FIELDS } from '../repositories/projects';
import { withSearchIndexPaused } from '../search/bulkWrites';
import { SOURCE_FIELDS } from '../repositories/sources';
import { ARTICLES, CHANGES, CLAIMS, PROJECTS, SOURCES, VERDICTS } from '../repositories/tables';
import { VERDICT_FIELDS } from '../repositories/verdicts';
import { Random } from './random';
import {
  articleTitle,
  backgroundSentence,
  claimSentence,
  directionOf,
  outletOf,
  personName,
  pickLanguage,
  PROJECT_TOPICS,
  rationaleText,
  researchNote,
  SOURCE_NOTES,
  SOURCE_SITES,
  sourceTitle,
  TAGS,
  TEAM,
  type Language,
} from './text';

export interface SeedOptions {
  /** The library folder (it gets library.sqlite); the library must be new or empty. */
  dataDir: string;
  projects: number;
  claimsPerProject: number;
  /** History rows per claim: its creation, then updates. Default 3. */
  changesPerClaim?: number;
  /** Same seed, same library. Default 1. */
  seed?: number;
  /** Progress lines, about one a second. */
  progress?: (line: string) => void;
}

export interface SeedTotals {
  projects: number;
  verdicts: number;
  articles: number;
  claims: number;
  approved: number;
  sources: number;
  /** Rows in the history (`changes`), of every kind. */
  changes: number;
}

export interface SeedResult extends SeedTotals {
  path: string;
  ms: number;
  /** library.sqlite (with its -wal, if any) after the seed. */
  bytes: number;
}

export const SEED_DEFAULTS = { changesPerClaim: 3, seed: 1 } as const;
/** Bounds on the arguments, so a typo does not fill the disk. */
export const SEED_LIMITS = { projects: 100_000, claimsPerProject: 1_000_000, changesPerClaim: 100 } as const;

/** Claims per article, about: a 10,000-claim project has some 80 articles. */
const CLAIMS_PER_ARTICLE = 120;
const MIN_ARTICLES = 3;
/** The projects' start dates are spread over these two years. */
const FIRST_DAY = Date.UTC(2023, 0, 9, 8, 0, 0);
const LAST_PROJECT_START = Date.UTC(2025, 0, 6, 8, 0, 0);
/** Claims of a project are marked over these days. */
const MARKING_DAYS = 45;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Where the claimed part of a sentence starts, after who said it (English, Russian, Arabic, Korean). */
const CLAUSE_START = /(?:(?<=\s)that |, что |, |(?<=\s)إن |(?<=\s)أن |، )/u;
const OTHER_LANGUAGES: readonly Language[] = ['ru', 'ar', 'ko'];
/** Each project's verdict scale, the presets in turn. */
const PRESET_ORDER: readonly ScalePresetId[] = ['generic', 'politifact', 'afp', 'conclusion'];

const isoAt = (ms: number) => new Date(ms).toISOString();
const dateAt = (ms: number) => isoAt(ms).slice(0, 10);

/**
 * Seeds the library in `dataDir`. Refuses (AppError 'conflict') a library that already has
 * projects; opens it through openLibrary, so a new file gets every migration first.
 */
export function seedLibrary(options: SeedOptions): SeedResult {
  const changesPerClaim = options.changesPerClaim ?? SEED_DEFAULTS.changesPerClaim;
  const seed = options.seed ?? SEED_DEFAULTS.seed;
  checkCount('projects', options.projects, 1, SEED_LIMITS.projects);
  checkCount('claims per project', options.claimsPerProject, 1, SEED_LIMITS.claimsPerProject);
  checkCount('changes per claim', changesPerClaim, 0, SEED_LIMITS.changesPerClaim);
  checkCount('seed', seed, 0, 2 ** 53 - 1);

  const started = performance.now();
  const file = libraryPath(options.dataDir);
  const { db } = openLibrary(file);
  const totals: SeedTotals = {
    projects: 0,
    verdicts: 0,
    articles: 0,
    claims: 0,
    approved: 0,
    sources: 0,
    changes: 0,
  };
  try {
    const existing = (db.prepare(`SELECT COUNT(*) AS n FROM projects`).get() as { n: number }).n;
    if (existing > 0) {
      throw new AppError(
        'conflict',
        `${file} already holds a library with ${existing} project${existing === 1 ? '' : 's'}. The seed only fills a new or empty library: give another folder with --data.`,
      );
    }
    // Bulk writes into a new file: a rollback journal instead of the WAL (pages are written once,
    // not to the WAL and again at the checkpoint; a new page needs no journal) and no fsync (a
    // crash of this process still rolls back, a power cut may not: it is a fixture). A bigger page
    // cache, since random UUID keys touch every index page. WAL comes back before the file is closed.
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -131072');
    // The statement journals the schema's triggers call for (a claim's insert may be refused half-way)
    // stay in memory instead of spilling to temp files, which cost the seed a third of its time.
    db.pragma('temp_store = MEMORY');
    const ctx = createRepoContext(db);
    const titles = new Set<string>();
    let lastReport = performance.now();
    for (let index = 0; index < options.projects; index++) {
      const projectStarted = performance.now();
      // The search index is written once per project, not once per source and note of each claim.
      const counts = ctx.tx(() =>
        withSearchIndexPaused(db, () =>
          seedProject(ctx, {
            seed,
            index,
            projectCount: options.projects,
            claims: options.claimsPerProject,
            changesPerClaim,
            titles,
          }),
        ),
      );
      for (const key of Object.keys(totals) as (keyof SeedTotals)[]) totals[key] += counts[key];
      const now = performance.now();
      if (options.progress && (now - lastReport >= 1000 || index === 0 || index === options.projects - 1)) {
        lastReport = now;
        const elapsed = (now - started) / 1000;
        options.progress(
          `project ${fmt(index + 1)}/${fmt(options.projects)}: ${fmt(counts.claims)} claims, ${fmt(counts.changes)} history rows in ${Math.round(now - projectStarted)} ms; ` +
            `${fmt(totals.claims)} claims so far, ${elapsed.toFixed(1)} s`,
        );
      }
    }
  } finally {
    // As the app keeps it (a refused library was never switched).
    if (db.pragma('journal_mode', { simple: true }) !== 'wal') db.pragma('journal_mode = WAL');
    db.close();
  }
  const bytes = [file, `${file}-wal`].reduce(
    (sum, name) => sum + (fs.existsSync(name) ? fs.statSync(name).size : 0),
    0,
  );
  return { ...totals, path: file, ms: performance.now() - started, bytes };
}

function checkCount(what: string, value: number, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new AppError(
      'invalid_request',
      `The number of ${what} must be a whole number from ${fmt(min)} to ${fmt(max)} (got ${value}).`,
    );
  }
}

const fmt = (n: number) => n.toLocaleString('en');

interface ProjectPlan {
  seed: number;
  index: number;
  projectCount: number;
  claims: number;
  changesPerClaim: number;
  /** Titles given so far in this run, to keep them apart. */
  titles: Set<string>;
}

/** Claim text as placed in its article. */
interface Span {
  start: number;
  end: number;
  speaker: string;
  speakerType: 'Person' | 'Organization';
}

interface ChangeRecord {
  change: Change;
  /** Generation order, to keep rows of the same instant in the order they happened. */
  order: number;
}

function seedProject(ctx: RepoContext, plan: ProjectPlan): SeedTotals {
  const random = new Random(plan.seed, plan.index);
  const totals: SeedTotals = {
    projects: 1,
    verdicts: 0,
    articles: 0,
    claims: 0,
    approved: 0,
    sources: 0,
    changes: 0,
  };
  const changes: ChangeRecord[] = [];
  const record = (change: Omit<Change, 'id'>) =>
    changes.push({ change: { id: random.uuid(), ...change }, order: changes.length });

  // The team: an editor who approves, and the checkers who mark and research.
  const team = shuffled(random, TEAM).slice(0, random.int(3, 5));
  const editor = team[0]!;
  const checkers = team.slice(1);

  const span = LAST_PROJECT_START - FIRST_DAY;
  const startMs =
    FIRST_DAY + Math.floor((span * plan.index) / Math.max(1, plan.projectCount)) + random.int(0, 8) * HOUR;
  const start = new Date(startMs);
  let title = `${random.pick(PROJECT_TOPICS)}, ${start.toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' })}`;
  for (let n = 2; plan.titles.has(title); n++) title = `${title.replace(/ \(\d+\)$/, '')} (${n})`;
  plan.titles.add(title);
  const project: Project = {
    id: random.uuid(),
    title,
    description: `Claims from our coverage of the ${title.split(',')[0]!.toLowerCase()}, checked by ${checkers.join(', ')}; edited by ${editor}.`,
    nextClaimNumber: plan.claims + 1,
    secondPairOfEyes: plan.index % 5 === 4,
    createdAt: isoAt(startMs),
    updatedAt: isoAt(startMs),
  };
  PROJECTS.insert(ctx, project);
  record({
    projectId: project.id,
    entityType: 'project',
    entityId: project.id,
    op: 'create',
    fields: snapshotFields(project, PROJECT_FIELDS, 'after'),
    author: editor,
    at: project.createdAt,
  });

  // The verdict scale: the presets in turn, as applyPreset writes them.
  const preset = findPreset(PRESET_ORDER[plan.index % PRESET_ORDER.length]!);
  const verdicts: Verdict[] = preset.verdicts.map((fields, position) => ({
    ...fields,
    id: random.uuid(),
    projectId: project.id,
    position,
    createdAt: project.createdAt,
    updatedAt: project.createdAt,
  }));
  for (const verdict of verdicts) {
    VERDICTS.insert(ctx, verdict);
    record({
      projectId: project.id,
      entityType: 'verdict',
      entityId: verdict.id,
      op: 'create',
      fields: snapshotFields(verdict, VERDICT_FIELDS, 'after'),
      author: editor,
      at: verdict.createdAt,
    });
  }
  totals.verdicts = verdicts.length;

  // Articles, added on the first day; their claims are marked over the following weeks.
  const articleCount = Math.max(MIN_ARTICLES, Math.ceil(plan.claims / CLAIMS_PER_ARTICLE));
  const perArticle = split(random, plan.claims, articleCount);
  const claimStep = (MARKING_DAYS * DAY) / plan.claims;
  let lastMs = startMs;
  let number = 0;
  for (let a = 0; a < articleCount; a++) {
    // The first article English, the next one Russian, Arabic or Korean in turn, the rest at random.
    const language: Language =
      a === 0 ? 'en' : a === 1 ? OTHER_LANGUAGES[plan.index % OTHER_LANGUAGES.length]! : pickLanguage(random);
    const body = articleBody(random, language, perArticle[a]!);
    const outlet = outletOf(random, language);
    const createdMs = startMs + (a + 1) * 7 * MINUTE;
    const publishedMs = startMs - random.int(0, 10) * DAY;
    const article: Article = {
      id: random.uuid(),
      projectId: project.id,
      title: articleTitle(random, language),
      outlet: outlet.name,
      author: personName(random, language),
      url: `https://www.${outlet.domain}/news/${dateAt(publishedMs).replaceAll('-', '/')}/${random.int(10_000, 999_999)}`,
      publishedDate: dateAt(publishedMs),
      language,
      direction: directionOf(language),
      text: body.text,
      createdAt: isoAt(createdMs),
      updatedAt: isoAt(createdMs),
    };
    ARTICLES.insert(ctx, article);
    record({
      projectId: project.id,
      entityType: 'article',
      entityId: article.id,
      op: 'create',
      fields: snapshotFields(article, ARTICLE_FIELDS, 'after'),
      author: random.pick(checkers),
      at: article.createdAt,
    });
    totals.articles++;
    lastMs = Math.max(lastMs, createdMs);

    for (const placed of body.spans) {
      const createdAt =
        startMs +
        DAY +
        Math.floor(number * claimStep) +
        random.int(0, Math.max(0, Math.floor(claimStep) - 1));
      number++;
      const claimEnd = seedClaim(ctx, random, {
        project,
        article,
        verdicts,
        editor,
        checkers,
        number,
        placed,
        createdMs: createdAt,
        changesPerClaim: plan.changesPerClaim,
        record,
        totals,
      });
      lastMs = Math.max(lastMs, claimEnd);
    }
  }

  // Last changed when its last claim was: the list sorts by it.
  PROJECTS.update(ctx, { ...project, updatedAt: isoAt(lastMs) });
  // The history in the order it happened, as the app would have written it (CHANGES.insert also
  // sets each row's claim_id, as for the app's own rows).
  changes.sort((x, y) =>
    x.change.at < y.change.at ? -1 : x.change.at > y.change.at ? 1 : x.order - y.order,
  );
  for (const { change } of changes) CHANGES.insert(ctx, change);
  totals.changes = changes.length;
  return totals;
}

interface ClaimPlan {
  project: Project;
  article: Article;
  verdicts: readonly Verdict[];
  editor: string;
  checkers: readonly string[];
  number: number;
  placed: Span;
  createdMs: number;
  changesPerClaim: number;
  record: (change: Omit<Change, 'id'>) => void;
  totals: SeedTotals;
}

/** Statuses in a working project: a quarter unchecked, a quarter researching, the rest reviewed or approved. */
function pickStatus(random: Random): ClaimStatus {
  const roll = random.next();
  return roll < 0.22 ? 'unchecked' : roll < 0.47 ? 'researching' : roll < 0.7 ? 'in_review' : 'approved';
}

/** Writes one claim, its sources and their history; answers the time of its last change. */
function seedClaim(ctx: RepoContext, random: Random, plan: ClaimPlan): number {
  const { project, article, placed } = plan;
  const language = article.language as Language;
  const anchor = createAnchor(article.text, placed.start, placed.end);
  const status = pickStatus(random);
  const reviewed = status === 'in_review' || status === 'approved';
  const assignee = random.pick(plan.checkers);
  // The statement as a checker words it: the quote without its quotation marks and full stop,
  // with the claimant in front when the quote does not name them.
  const core = anchor.exact
    .replace(/[“”"]/g, '')
    .replace(/[.。]+$/u, '')
    .trim();
  const statement = anchor.exact.includes(placed.speaker) ? core : `${placed.speaker}: ${core}`;
  const tags = shuffled(random, TAGS).slice(0, random.int(1, 3));
  const final: Claim = {
    id: random.uuid(),
    projectId: project.id,
    articleId: article.id,
    number: plan.number,
    anchor,
    anchorState: 'anchored',
    statement,
    claimant: placed.speaker,
    claimantType: random.chance(0.85) ? placed.speakerType : '',
    claimDate: article.publishedDate,
    verdictId: reviewed ? random.pick(plan.verdicts).id : null,
    rationale: reviewed
      ? rationaleText(random, language)
      : status === 'researching'
        ? researchNote(random, language)
        : '',
    status,
    tags,
    assignee,
    quoteChangedFrom: '',
    approval: NO_APPROVAL,
    createdAt: isoAt(plan.createdMs),
    updatedAt: isoAt(plan.createdMs),
  };

  // When each of the claim's changes happens: its creation, then minutes to a day and a half apart.
  const updates = Math.max(0, plan.changesPerClaim - 1);
  const times = [plan.createdMs];
  for (let u = 0; u < updates; u++) times.push(times[times.length - 1]! + random.int(3 * MINUTE, 36 * HOUR));
  const lastMs = times[times.length - 1]!;

  // Sources, found while researching (right after marking).
  const sources: Source[] = [];
  const sourceCount = random.int(1, 3);
  for (let position = 0; position < sourceCount; position++) {
    const at = plan.createdMs + (position + 1) * 40_000;
    const [publisher, domain, prefix] = random.pick(SOURCE_SITES);
    const url = `https://www.${domain}/${prefix}/${random.int(2012, 2024)}/${random.int(100, 99_999)}`;
    const archived = random.chance(0.3)
      ? `https://web.archive.org/web/${isoAt(at).replace(/\D/g, '').slice(0, 14)}/${url}`
      : '';
    sources.push({
      id: random.uuid(),
      claimId: final.id,
      position,
      url,
      title: sourceTitle(random),
      publisher,
      publishedDate: dateAt(plan.createdMs - random.int(20, 900) * DAY),
      accessedDate: dateAt(at),
      archivedUrl: archived,
      excerpt: random.chance(0.5) ? researchNote(random, 'en') : '',
      note: random.chance(0.2) ? random.pick(SOURCE_NOTES) : '',
      createdAt: isoAt(at),
      updatedAt: isoAt(at),
    });
  }

  if (status === 'approved') {
    // Sealed over exactly what currentSeal reads: the claim, its sources' published fields, and
    // its correction notes (none here).
    final.approval = {
      by: plan.editor,
      at: isoAt(lastMs),
      seal: sealOf(final, sources, { corrections: [] }),
    };
    plan.totals.approved++;
  }
  final.updatedAt = isoAt(lastMs);
  CLAIMS.insert(ctx, final);
  plan.totals.claims++;
  for (const source of sources) {
    SOURCES.insert(ctx, source);
    plan.record({
      projectId: project.id,
      entityType: 'source',
      entityId: source.id,
      op: 'create',
      fields: { claimId: { after: final.id }, ...snapshotFields(source, SOURCE_FIELDS, 'after') },
      author: assignee,
      at: source.createdAt,
    });
  }
  plan.totals.sources += sources.length;

  if (plan.changesPerClaim > 0) recordClaimHistory(random, plan, final, times, language);
  return Math.max(lastMs, plan.createdMs + sources.length * 40_000);
}

/**
 * The claim's history, K rows: its creation as marked (the quote as statement, unchecked), then
 * updates that bring it to its final state — who and what it claims, tags and notes, the verdict
 * and rationale, the approval — with working notes in between when K is large, and everything in
 * the last row when K is small. Each update holds before/after of the fields it changed, as the
 * repositories' diffFields records them.
 */
function recordClaimHistory(
  random: Random,
  plan: ClaimPlan,
  final: Claim,
  times: readonly number[],
  language: Language,
): void {
  const updates = times.length - 1;
  const marked: Claim =
    updates === 0
      ? final
      : {
          ...final,
          statement: final.anchor.exact,
          claimant: '',
          claimantType: '',
          claimDate: '',
          verdictId: null,
          rationale: '',
          status: 'unchecked',
          tags: [],
          assignee: '',
          approval: NO_APPROVAL,
          updatedAt: final.createdAt,
        };
  const base = { projectId: final.projectId, entityType: 'claim' as const, entityId: final.id };
  plan.record({
    ...base,
    op: 'create',
    fields: snapshotFields(marked, CLAIM_FIELDS, 'after'),
    author: final.assignee,
    at: final.createdAt,
  });
  if (updates === 0) return;

  const reviewed = final.status === 'in_review' || final.status === 'approved';
  const firstParagraph = final.rationale.split('\n\n')[0]!;
  const groups: Partial<Claim>[] = [
    {
      statement: final.statement,
      claimant: final.claimant,
      claimantType: final.claimantType,
      claimDate: final.claimDate,
      assignee: final.assignee,
      status: final.status === 'unchecked' ? 'unchecked' : 'researching',
    },
    { tags: final.tags, rationale: reviewed ? firstParagraph : final.rationale },
  ];
  if (reviewed) groups.push({ verdictId: final.verdictId, rationale: final.rationale, status: 'in_review' });
  if (final.status === 'approved') groups.push({ status: 'approved', approval: final.approval });
  // Few rows: the last one does the rest. Many: working notes between marking and the draft.
  while (groups.length > updates) {
    const last = groups.pop()!;
    groups[groups.length - 1] = { ...groups[groups.length - 1], ...last };
  }
  const notes: string[] = [];
  while (groups.length < updates) {
    notes.push(researchNote(random, language));
    groups.splice(groups.length - (reviewed ? (final.status === 'approved' ? 3 : 2) : 1), 0, {
      rationale: notes.join(' '),
    });
  }

  let state = marked;
  groups.forEach((patch, i) => {
    const at = times[i + 1]!;
    const next: Claim = { ...state, ...patch, updatedAt: isoAt(at) };
    const author =
      patch.approval && patch.approval.seal !== ''
        ? plan.editor
        : i === 0
          ? final.assignee
          : random.chance(0.8)
            ? final.assignee
            : random.pick(plan.checkers);
    plan.record({
      ...base,
      op: 'update',
      fields: diffFields(state, next, CLAIM_FIELDS),
      author,
      at: isoAt(at),
    });
    state = next;
  });
}

/** n split into `parts` uneven shares (each about n/parts, from half to one and a half times it). */
function split(random: Random, n: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => 0.5 + random.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((weight) => Math.floor((n * weight) / sum));
  let rest = n - shares.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts, rest--) shares[i]!++;
  return shares;
}

function shuffled<T>(random: Random, list: readonly T[]): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * An article of paragraphs of two to five sentences, some checkable, some context, and `claims`
 * claim spans on it: mostly whole sentences, some without the full stop or starting mid-sentence,
 * and a few nested inside another claim (the workbench shows nested claims).
 */
function articleBody(random: Random, language: Language, claims: number): { text: string; spans: Span[] } {
  const candidates: Span[] = [];
  const wanted = Math.ceil(claims * 1.25) + 2;
  const paragraphs: string[] = [];
  let offset = 0;
  while (candidates.length < wanted || paragraphs.length < 4) {
    const sentences: string[] = [];
    let length = offset;
    const count = random.int(2, 5);
    for (let s = 0; s < count; s++) {
      if (s > 0) length += 1;
      if ((paragraphs.length === 0 && s === 0) || random.chance(0.6)) {
        const sentence = claimSentence(random, language);
        candidates.push({
          start: length,
          end: length + sentence.text.length,
          speaker: sentence.speaker,
          speakerType: sentence.speakerType,
        });
        sentences.push(sentence.text);
        length += sentence.text.length;
      } else {
        const sentence = backgroundSentence(random, language);
        sentences.push(sentence);
        length += sentence.length;
      }
    }
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    offset += paragraph.length + 2;
  }
  const text = paragraphs.join('\n\n');
  if (normalizeArticleText(text) !== text)
    throw new Error('The seed made an article text that is not normalised.');

  const spans: Span[] = [];
  let needed = claims;
  for (let i = 0; i < candidates.length && needed > 0; i++) {
    const left = candidates.length - i;
    if (random.next() >= needed / left) continue;
    const sentence = candidates[i]!;
    const sentenceText = text.slice(sentence.start, sentence.end);
    const spaces: number[] = [];
    for (let k = 0; k < sentenceText.length; k++) if (sentenceText[k] === ' ') spaces.push(k);
    const endsWithStop = sentenceText.endsWith('.');
    const roll = random.next();
    let start = sentence.start;
    let end = sentence.end;
    if (roll < 0.2 && endsWithStop) end -= 1;
    else if (roll < 0.35) {
      // The part after "said that" / a comma: what was claimed, without who claimed it.
      const clause = CLAUSE_START.exec(sentenceText);
      if (clause && clause.index + clause[0].length < sentenceText.length / 2)
        start = sentence.start + clause.index + clause[0].length;
      if (endsWithStop) end -= 1;
    }
    spans.push({ ...sentence, start, end });
    needed--;
    if (needed > 0 && spaces.length >= 3 && random.chance(0.03)) {
      // A claim inside this one: two or more of its middle words.
      const from = random.int(0, spaces.length - 3);
      const to = random.int(from + 2, spaces.length - 1);
      const innerStart = sentence.start + spaces[from]! + 1;
      const innerEnd = sentence.start + spaces[to]!;
      if (innerStart >= start && innerEnd <= end && innerEnd > innerStart) {
        spans.push({ ...sentence, start: innerStart, end: innerEnd });
        needed--;
      }
    }
  }
  return { text, spans };
}
