/**
 * Project-file figures (not a test): export and import of a project with 10,000 claims in 100
 * articles, each beside its raw limit — reading the rows bare and JSON.stringify for export,
 * JSON.parse and a bare insert of the same rows for import (goal: within 2×) — and a merge of two
 * 10,000-claim copies that differ in 1,000 claims (goal: under 1 s).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Change } from '../shared/domain';
import { SCALE_PRESETS } from '../shared/scales/presets';
import { openLibrary } from '../main/db/open';
import { libraryPath } from '../main/files/dataFolder';
import { createRepoContext, type RepoContext } from '../main/repositories/context';
import { exportProjectToFile } from '../main/projectFiles/exportProject';
import type { ProjectPayload } from '../main/projectFiles/format';
import { applyImport, readProjectFileFromPath } from '../main/projectFiles/importProject';
import { planMerge, resolveMerge } from '../main/projectFiles/merge';
import { insertProjectPayload, readProjectPayload } from '../main/projectFiles/projectStore';
import { formatMs, ratio, timeIt } from './timing';

const ARTICLES = 100;
const CLAIMS_PER_ARTICLE = 100;
const CHANGED_CLAIMS = 1_000;

const WORDS = [
  'The',
  'ministry',
  'said',
  'spending',
  'on',
  'roads',
  'rose',
  'by',
  '12%',
  'last',
  'year,',
  'the',
  'largest',
  'increase',
  'in',
  'a',
  'decade.',
];

type Claim = ProjectPayload['claims'][number];

/** 100 articles of ~6,000 characters, 100 claims each (half with a source), each record with its create change. */
export function syntheticPayload(articleCount = ARTICLES): ProjectPayload {
  const at = '2024-10-22T08:00:00.000Z';
  const projectId = randomUUID();
  const changes: Change[] = [];
  const created = (
    entityType: Change['entityType'],
    entityId: string,
    record: Record<string, unknown>,
    fields: string[],
  ) => {
    changes.push({
      id: randomUUID(),
      projectId,
      entityType,
      entityId,
      op: 'create',
      fields: Object.fromEntries(fields.map((field) => [field, { after: record[field] }])),
      author: 'Bench',
      at,
    });
  };
  const project = {
    id: projectId,
    title: 'Bench',
    description: '',
    nextClaimNumber: articleCount * CLAIMS_PER_ARTICLE + 1,
    secondPairOfEyes: false,
    createdAt: at,
    updatedAt: at,
  };
  created('project', projectId, project, ['title', 'description', 'secondPairOfEyes']);
  const verdicts = SCALE_PRESETS[0]!.verdicts.map((fields, position) => {
    const verdict = { id: randomUUID(), projectId, position, ...fields, createdAt: at, updatedAt: at };
    created('verdict', verdict.id, verdict, ['label', 'description', 'colour', 'ratingValue', 'position']);
    return verdict;
  });
  const articles: ProjectPayload['articles'] = [];
  const claims: Claim[] = [];
  const sources: ProjectPayload['sources'] = [];
  for (let a = 0; a < articleCount; a++) {
    const sentences: string[] = [];
    for (let s = 0; s < CLAIMS_PER_ARTICLE; s++)
      sentences.push(`${WORDS.slice(0, 5 + ((a + s) % 10)).join(' ')} (${a}.${s}).`);
    const text = sentences.join(' ');
    const article = {
      id: randomUUID(),
      projectId,
      title: `Article ${a}`,
      outlet: 'Wire',
      author: '',
      url: `https://example.org/${a}`,
      publishedDate: '2024-10-21',
      language: 'en',
      direction: 'ltr' as const,
      text,
      createdAt: at,
      updatedAt: at,
    };
    articles.push(article);
    created('article', article.id, article, [
      'title',
      'outlet',
      'author',
      'url',
      'publishedDate',
      'language',
      'direction',
      'text',
    ]);
    let offset = 0;
    sentences.forEach((sentence, s) => {
      const start = offset;
      const end = start + sentence.length;
      offset = end + 1;
      const claim: Claim = {
        id: randomUUID(),
        projectId,
        articleId: article.id,
        number: claims.length + 1,
        anchor: {
          start,
          end,
          exact: sentence,
          prefix: text.slice(Math.max(0, start - 32), start),
          suffix: text.slice(end, end + 32),
        },
        anchorState: 'anchored',
        statement: sentence,
        claimant: 'A minister',
        claimDate: '2024-10-21',
        verdictId: verdicts[s % verdicts.length]!.id,
        rationale: 'Checked against the budget tables.',
        status: 'researching',
        tags: ['budget'],
        claimantType: 'Person',
        assignee: '',
        quoteChangedFrom: '',
        approval: { by: '', at: '', seal: '' },
        createdAt: at,
        updatedAt: at,
      };
      claims.push(claim);
      created('claim', claim.id, claim, [
        'number',
        'claimantType',
        'approval',
        'assignee',
        'anchor',
        'anchorState',
        'statement',
        'claimant',
        'claimDate',
        'verdictId',
        'rationale',
        'status',
        'tags',
      ]);
      if (s % 2 === 0) {
        const source = {
          id: randomUUID(),
          claimId: claim.id,
          position: 0,
          url: 'https://example.org/source',
          title: 'Budget tables',
          publisher: 'Statistics office',
          publishedDate: '2024-01-01',
          accessedDate: '2024-10-21',
          archivedUrl: '',
          excerpt: 'Spending on roads: 1.2bn.',
          note: '',
          createdAt: at,
          updatedAt: at,
        };
        sources.push(source);
        created('source', source.id, source, [
          'position',
          'url',
          'title',
          'publisher',
          'publishedDate',
          'accessedDate',
          'archivedUrl',
          'excerpt',
          'note',
        ]);
      }
    });
  }
  return { project, verdicts, articles, claims, sources, teamNotes: [], corrections: [], publications: [], claimLinks: [], attachments: [], changes };
}

/** Edits `claims` the way the app does: new values plus an update change each. */
function edit(payload: ProjectPayload, claimIndexes: number[], author: string): ProjectPayload {
  const at = new Date().toISOString();
  const claims = [...payload.claims];
  const changes = [...payload.changes];
  for (const index of claimIndexes) {
    const before = claims[index]!;
    const after = {
      ...before,
      rationale: `${before.rationale} Reviewed by ${author}.`,
      status: 'in_review' as const,
      updatedAt: at,
    };
    claims[index] = after;
    changes.push({
      id: randomUUID(),
      projectId: payload.project.id,
      entityType: 'claim',
      entityId: before.id,
      op: 'update',
      fields: {
        rationale: { before: before.rationale, after: after.rationale },
        status: { before: before.status, after: after.status },
      },
      author,
      at,
    });
  }
  return { ...payload, claims, changes };
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-bench-pf-'));
function freshLibrary(): { ctx: RepoContext; close(): void } {
  const { db } = openLibrary(libraryPath(tempDir()));
  return { ctx: createRepoContext(db, { author: () => 'Bench' }), close: () => db.close() };
}

/** The raw limit of an import: the same rows, bare prepared inserts, one transaction. */
function bareInsert(ctx: RepoContext, p: ProjectPayload): void {
  const db = ctx.db;
  db.transaction(() => {
    db.prepare(
      `INSERT INTO projects (id, title, description, next_claim_number, second_pair_of_eyes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      p.project.id,
      p.project.title,
      p.project.description,
      p.project.nextClaimNumber,
      p.project.secondPairOfEyes ? 1 : 0,
      p.project.createdAt,
      p.project.updatedAt,
    );
    const verdict = db.prepare(
      `INSERT INTO verdicts (id, project_id, position, label, description, colour, rating_value, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const v of p.verdicts)
      verdict.run(
        v.id,
        v.projectId,
        v.position,
        v.label,
        v.description,
        v.colour,
        v.ratingValue,
        v.createdAt,
        v.updatedAt,
      );
    const article = db.prepare(
      `INSERT INTO articles (id, project_id, title, outlet, author, url, published_date, language, direction, text, created_at, updated_at, text_length) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, length(?))`,
    );
    for (const a of p.articles)
      article.run(
        a.id,
        a.projectId,
        a.title,
        a.outlet,
        a.author,
        a.url,
        a.publishedDate,
        a.language,
        a.direction,
        a.text,
        a.createdAt,
        a.updatedAt,
        a.text,
      );
    const claim = db.prepare(
      `INSERT INTO claims (id, project_id, article_id, number, anchor_start, anchor_end, anchor_exact, anchor_prefix, anchor_suffix, anchor_state, statement, claimant, claim_date, verdict_id, rationale, status, tags, claimant_type, assignee, quote_changed_from, approved_by, approved_at, approval_seal, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const c of p.claims) {
      claim.run(
        c.id,
        c.projectId,
        c.articleId,
        c.number,
        c.anchor.start,
        c.anchor.end,
        c.anchor.exact,
        c.anchor.prefix,
        c.anchor.suffix,
        c.anchorState,
        c.statement,
        c.claimant,
        c.claimDate,
        c.verdictId,
        c.rationale,
        c.status,
        JSON.stringify(c.tags),
        c.claimantType,
        c.assignee,
        c.quoteChangedFrom,
        c.approval.by,
        c.approval.at,
        c.approval.seal,
        c.createdAt,
        c.updatedAt,
      );
    }
    const source = db.prepare(
      `INSERT INTO sources (id, claim_id, position, url, title, publisher, published_date, accessed_date, archived_url, excerpt, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const s of p.sources)
      source.run(
        s.id,
        s.claimId,
        s.position,
        s.url,
        s.title,
        s.publisher,
        s.publishedDate,
        s.accessedDate,
        s.archivedUrl,
        s.excerpt,
        s.note,
        s.createdAt,
        s.updatedAt,
      );
    const change = db.prepare(
      `INSERT INTO changes (id, project_id, entity_type, entity_id, op, fields, author, at, claim_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // The claim each row belongs to (main/repositories/tables.ts, CHANGES): its own, or its source's.
    const sourceClaims = new Map(p.sources.map((s) => [s.id, s.claimId]));
    for (const c of p.changes) {
      const named = c.fields.claimId?.after ?? c.fields.claimId?.before;
      const claimId =
        c.entityType === 'claim'
          ? c.entityId
          : c.entityType === 'source'
            ? (typeof named === 'string' ? named : sourceClaims.get(c.entityId)) ?? null
            : null;
      change.run(c.id, c.projectId, c.entityType, c.entityId, c.op, JSON.stringify(c.fields), c.author, c.at, claimId);
    }
  })();
}

/** The raw limit of reading the project: bare SELECT * of the same rows. */
function bareSelect(ctx: RepoContext, projectId: string): unknown[] {
  const db = ctx.db;
  return [
    db.prepare(`SELECT * FROM projects WHERE id = ?`).all(projectId),
    db.prepare(`SELECT * FROM verdicts WHERE project_id = ?`).all(projectId),
    db.prepare(`SELECT * FROM articles WHERE project_id = ?`).all(projectId),
    db.prepare(`SELECT * FROM claims WHERE project_id = ?`).all(projectId),
    db
      .prepare(`SELECT s.* FROM sources s JOIN claims c ON c.id = s.claim_id WHERE c.project_id = ?`)
      .all(projectId),
    db.prepare(`SELECT * FROM changes WHERE project_id = ?`).all(projectId),
  ];
}

export async function benchProjectFiles(): Promise<void> {
  const payload = syntheticPayload();
  const rows =
    1 +
    payload.verdicts.length +
    payload.articles.length +
    payload.claims.length +
    payload.sources.length +
    payload.changes.length;
  console.log(
    `project: ${payload.articles.length} articles, ${payload.claims.length.toLocaleString('en')} claims, ${payload.sources.length.toLocaleString('en')} sources, ${payload.changes.length.toLocaleString('en')} history entries (${rows.toLocaleString('en')} rows)`,
  );

  // Export: read, serialise, checksum, deflate, write atomically (fsync + rename).
  const source = freshLibrary();
  insertProjectPayload(source.ctx, payload);
  const outDir = tempDir();
  let fileBytes = 0;
  const exportTime = timeIt(() => {
    fileBytes = exportProjectToFile(source.ctx, payload.project.id, path.join(outDir, 'bench.factcheck'), {
      appVersion: 'bench',
    }).bytes;
  }, 5);
  let json = '';
  const exportLimit = timeIt(() => {
    bareSelect(source.ctx, payload.project.id);
    json = JSON.stringify(payload);
  }, 5);
  console.log(
    `export: ${formatMs(exportTime)} (${(fileBytes / 1024 / 1024).toFixed(1)} MB file from ${(Buffer.byteLength(json) / 1024 / 1024).toFixed(1)} MB of JSON)`,
  );
  console.log(
    `  vs bare SELECT of the rows + JSON.stringify: ${formatMs(exportLimit)} · ratio ${ratio(exportTime, exportLimit)} (goal ≤ 2×)`,
  );

  // Import into an empty library: unzip, verify, parse, validate, check integrity, insert.
  const file = path.join(outDir, 'bench.factcheck');
  const importSamples: number[] = [];
  const limitSamples: number[] = [];
  for (let run = 0; run < 3; run++) {
    const target = freshLibrary();
    importSamples.push(timeIt(() => applyImport(target.ctx, readProjectFileFromPath(file))));
    target.close();
    const bare = freshLibrary();
    limitSamples.push(timeIt(() => bareInsert(bare.ctx, JSON.parse(json) as ProjectPayload)));
    bare.close();
  }
  const median = (samples: number[]) => [...samples].sort((x, y) => x - y)[1]!;
  const importTime = median(importSamples);
  const importLimit = median(limitSamples);
  console.log(`import into an empty library: ${formatMs(importTime)}`);
  console.log(
    `  vs JSON.parse + bare insert of the same rows: ${formatMs(importLimit)} · ratio ${ratio(importTime, importLimit)} (goal ≤ 2×)`,
  );

  // Merge: two copies that each changed 500 claims since they diverged (1,000 claims differ).
  const indexes = Array.from({ length: CHANGED_CLAIMS }, (_, i) =>
    Math.floor((i * payload.claims.length) / CHANGED_CLAIMS),
  );
  const ours = edit(
    payload,
    indexes.filter((_, i) => i % 2 === 0),
    'Alice',
  );
  const theirs = edit(
    payload,
    indexes.filter((_, i) => i % 2 === 1),
    'Bob',
  );
  let newId = 0;
  const local = {
    author: 'Alice',
    now: new Date().toISOString(),
    newId: () => `00000000-0000-4000-8000-${String(++newId).padStart(12, '0')}`,
  };
  const mergeTime = timeIt(() => resolveMerge(planMerge(ours, theirs), {}, local), 5);
  const summary = resolveMerge(planMerge(ours, theirs), {}, local).summary;
  console.log(
    `merge two ${payload.claims.length.toLocaleString('en')}-claim copies differing in ${CHANGED_CLAIMS.toLocaleString('en')} claims (pure): ${formatMs(mergeTime)} (goal < 1 s; ${summary.updated.claims} claims updated)`,
  );

  // The same merge end to end: their file read and checked, merged, backup kept, rows written.
  const mergeSamples: number[] = [];
  const theirFile = path.join(outDir, 'theirs.factcheck');
  const theirLibrary = freshLibrary();
  insertProjectPayload(theirLibrary.ctx, theirs);
  exportProjectToFile(theirLibrary.ctx, theirs.project.id, theirFile, { appVersion: 'bench' });
  theirLibrary.close();
  for (let run = 0; run < 3; run++) {
    const mine = freshLibrary();
    insertProjectPayload(mine.ctx, ours);
    mergeSamples.push(timeIt(() => applyImport(mine.ctx, readProjectFileFromPath(theirFile))));
    if (
      run === 0 &&
      readProjectPayload(mine.ctx, ours.project.id)!.claims.filter((claim) => claim.status === 'in_review')
        .length !== CHANGED_CLAIMS
    ) {
      throw new Error('the merge lost an edit');
    }
    mine.close();
  }
  console.log(
    `  the same merge from the file into the library (read, check, merge, back up, write): ${formatMs(median(mergeSamples))}`,
  );
  source.close();
}
