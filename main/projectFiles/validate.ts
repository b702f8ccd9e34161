/**
 * The checks a schema cannot express: limits applied before the schema runs (so a 10 MB string or
 * a 100,000-claim array is refused cheaply, with its own message) and the integrity of the
 * records together (ids unique, references resolve, quotes match the article).
 */
import type { Manifest, ProjectFileLimits } from './format';
import { attachmentEntry, PROJECT_FILE_LIMITS, type ProjectPayload } from './format';
import { clip, formatBytes, formatCount, formatPath, importError } from './messages';

/** Record arrays a payload has, with the words used in messages. */
const COLLECTIONS = [
  ['verdicts', 'verdicts'],
  ['articles', 'articles'],
  ['claims', 'claims'],
  ['sources', 'sources'],
  ['changes', 'history entries'],
  ['teamNotes', 'team notes'],
  ['corrections', 'correction notes'],
  ['publications', 'publications'],
  ['claimLinks', 'claim links'],
  ['attachments', 'evidence files'],
] as const;

/**
 * Before the schema: counts, string lengths, nesting depth, and keys that could reach an
 * object's prototype. Walks iteratively, so a deeply nested value cannot overflow the stack.
 */
export function checkRawLimits(
  raw: unknown,
  fileName: string,
  limits: ProjectFileLimits = PROJECT_FILE_LIMITS,
): void {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const record = raw as Record<string, unknown>;
    for (const [key, words] of COLLECTIONS) {
      const value = record[key];
      if (Array.isArray(value) && value.length > limits[key]) {
        throw importError(
          'too_large',
          fileName,
          `it has ${formatCount(value.length)} ${words}; a project file can hold at most ${formatCount(limits[key])} (split the project, or archive old ${words})`,
        );
      }
    }
  }
  // Values and their depths on two stacks: no path is built unless something is wrong.
  const values: unknown[] = [raw];
  const depths: number[] = [0];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop()!;
    if (typeof value === 'string') {
      if (value.length > limits.stringChars) {
        const path = pathTo(raw, (candidate) => candidate === value, limits.jsonDepth);
        throw importError(
          'too_large',
          fileName,
          `the text at “${formatPath(path)}” is ${formatCount(value.length)} characters long; the most any text in a project may have is ${formatCount(limits.stringChars)}`,
        );
      }
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= limits.jsonDepth) {
      const path = pathTo(raw, (_candidate, at) => at >= limits.jsonDepth, limits.jsonDepth);
      throw importError(
        'invalid_request',
        fileName,
        `project.json is nested too deeply at “${formatPath(path.slice(0, 6))}…”`,
      );
    }
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) {
        values.push(value[index]);
        depths.push(depth + 1);
      }
    } else {
      for (const key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
        if (key === '__proto__') {
          const path = pathTo(raw, (candidate) => candidate === value, limits.jsonDepth);
          throw importError(
            'invalid_request',
            fileName,
            `project.json has a field named “__proto__” at “${formatPath(path)}”`,
          );
        }
        values.push((value as Record<string, unknown>)[key]);
        depths.push(depth + 1);
      }
    }
  }
}

/** The path to the first value (depth-first) that matches, for a message; explores no deeper than maxDepth. */
function pathTo(
  root: unknown,
  match: (value: unknown, depth: number) => boolean,
  maxDepth: number,
): PropertyKey[] {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (match(value, path.length)) return path;
    if (typeof value !== 'object' || value === null || path.length > maxDepth) continue;
    const entries: [PropertyKey, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--)
      stack.push({ value: entries[i]![1], path: [...path, entries[i]![0]] });
  }
  return [];
}

/**
 * After the schema: ids unique per table, every record belongs to the file's project, every
 * reference resolves, every anchored claim quotes its article exactly, claim numbers are unique
 * and below the project's next number, and a claim links to an earlier check at most once (never
 * to itself). A link's target is not checked: it is usually in another project or library.
 */
export function checkIntegrity(payload: ProjectPayload, fileName: string): void {
  const fail = (reason: string): never => {
    throw importError('invalid_request', fileName, reason);
  };
  const projectId = payload.project.id;
  const unique = (items: readonly { id: string }[], what: string) => {
    const ids = new Set<string>();
    for (const item of items) {
      if (ids.has(item.id)) fail(`two ${what} have the same id (${item.id})`);
      ids.add(item.id);
    }
    return ids;
  };
  const verdictIds = unique(payload.verdicts, 'verdicts');
  unique(payload.articles, 'articles');
  const claimIds = unique(payload.claims, 'claims');
  unique(payload.sources, 'sources');
  unique(payload.teamNotes, 'team notes');
  unique(payload.corrections, 'correction notes');
  unique(payload.publications, 'publications');
  unique(payload.claimLinks, 'claim links');
  unique(payload.attachments, 'evidence files');
  unique(payload.changes, 'history entries');
  const all = new Set<string>([projectId]);
  for (const list of [
    payload.verdicts,
    payload.articles,
    payload.claims,
    payload.sources,
    payload.teamNotes,
    payload.corrections,
    payload.publications,
    payload.claimLinks,
    payload.attachments,
  ]) {
    for (const item of list) {
      if (all.has(item.id)) fail(`the id ${item.id} is used by two different records`);
      all.add(item.id);
    }
  }

  payload.verdicts.forEach((verdict, index) => {
    if (verdict.projectId !== projectId)
      fail(`verdict “${clip(verdict.label)}” (verdicts[${index}]) belongs to another project`);
  });
  const articles = new Map<string, ProjectPayload['articles'][number]>();
  payload.articles.forEach((article, index) => {
    if (article.projectId !== projectId)
      fail(`article “${clip(article.title)}” (articles[${index}]) belongs to another project`);
    articles.set(article.id, article);
  });
  const numbered = new Map<number, ProjectPayload['claims'][number]>();
  const nextNumber = payload.project.nextClaimNumber;
  payload.claims.forEach((claim, index) => {
    const where = `claim ${index + 1} (claims[${index}], “${clip(claim.anchor.exact || claim.statement, 40)}”)`;
    if (claim.projectId !== projectId) fail(`${where} belongs to another project`);
    const article = articles.get(claim.articleId);
    if (!article) fail(`${where} points at an article that is not in the file (${claim.articleId})`);
    if (claim.verdictId !== null && !verdictIds.has(claim.verdictId))
      fail(`${where} has a verdict that is not on the project’s scale (${claim.verdictId})`);
    const { start, end, exact } = claim.anchor;
    if (start > end) fail(`${where} ends (${end}) before it starts (${start})`);
    if (claim.anchorState === 'anchored') {
      const length = article!.text.length;
      if (start >= end || end > length) {
        fail(
          `${where} is marked at characters ${start}–${end}, outside its article “${clip(article!.title, 40)}” (${formatCount(length)} characters)`,
        );
      }
      if (article!.text.slice(start, end) !== exact)
        fail(`${where} quotes text that is not at characters ${start}–${end} of its article`);
    }
    const other = numbered.get(claim.number);
    if (other) {
      fail(
        `Claims ${describeClaim(other)} and ${describeClaim(claim)} both have number ${formatCount(claim.number)}; a project file cannot number two claims alike (was it edited by hand?)`,
      );
    }
    numbered.set(claim.number, claim);
    if (claim.number >= nextNumber) {
      fail(
        `${where} has number ${formatCount(claim.number)}, but the project’s next claim number is ${formatCount(nextNumber)}; every claim’s number must be below it (was it edited by hand?)`,
      );
    }
  });
  const sourceIds = new Set<string>();
  payload.sources.forEach((source, index) => {
    if (!claimIds.has(source.claimId))
      fail(
        `source ${index + 1} (sources[${index}], “${clip(source.title || source.url, 40)}”) belongs to a claim that is not in the file`,
      );
    sourceIds.add(source.id);
  });
  const attached = new Set<string>();
  payload.attachments.forEach((attachment, index) => {
    const where = `evidence file ${index + 1} (attachments[${index}], “${clip(attachment.name, 40)}”)`;
    if (attachment.projectId !== projectId) fail(`${where} belongs to another project`);
    if (!sourceIds.has(attachment.sourceId)) fail(`${where} is on a source that is not in the file (${attachment.sourceId})`);
    const pair = `${attachment.sourceId} ${attachment.sha256}`;
    if (attached.has(pair)) fail(`${where} is the same file on the same source a second time`);
    attached.add(pair);
  });
  const onClaims = (
    list: readonly { projectId: string; claimId: string; text: string }[],
    key: 'teamNotes' | 'corrections',
    what: string,
  ) => {
    list.forEach((note, index) => {
      const where = `${what} ${index + 1} (${key}[${index}], “${clip(note.text.replace(/\s+/g, ' '), 40)}”)`;
      if (note.projectId !== projectId) fail(`${where} belongs to another project`);
      if (!claimIds.has(note.claimId))
        fail(`${where} is on a claim that is not in the file (${note.claimId})`);
    });
  };
  onClaims(payload.teamNotes, 'teamNotes', 'team note');
  onClaims(payload.corrections, 'corrections', 'correction note');
  payload.publications.forEach((publication, index) => {
    if (publication.projectId !== projectId)
      fail(`publication ${index + 1} (publications[${index}]) belongs to another project`);
  });
  const linked = new Set<string>();
  payload.claimLinks.forEach((link, index) => {
    const where = `claim link ${index + 1} (claimLinks[${index}], “${clip(link.publisher || link.statement || link.targetId, 40)}”)`;
    if (link.projectId !== projectId) fail(`${where} belongs to another project`);
    if (!claimIds.has(link.claimId)) fail(`${where} is on a claim that is not in the file (${link.claimId})`);
    if (link.targetId === link.claimId) fail(`${where} links a claim to itself`);
    const pair = `${link.claimId} ${link.targetId}`;
    if (linked.has(pair)) fail(`${where} links its claim to the same earlier check a second time`);
    linked.add(pair);
  });
  payload.changes.forEach((change, index) => {
    if (change.projectId !== projectId)
      fail(`history entry ${index + 1} (changes[${index}]) belongs to another project`);
  });
}

/** A claim as messages name it: its statement (or quote), clipped. */
function describeClaim(claim: ProjectPayload['claims'][number]): string {
  return `“${clip((claim.statement || claim.anchor.exact).replace(/\s+/g, ' '), 40)}”`;
}

/** The one form timestamps are stored in: UTC, milliseconds, Z (what `Date#toISOString` writes). */
const UTC_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A valid ISO timestamp (any offset, any fraction) in the stored form, or null when the instant has
 * no four-digit year in UTC (0000-01-01T00:30:00+01:00 is still year −1 there).
 */
export function toUtcTimestamp(value: string): string | null {
  if (UTC_TIMESTAMP.test(value)) return value;
  const time = Date.parse(value);
  if (Number.isNaN(time)) return null;
  const iso = new Date(time).toISOString();
  return UTC_TIMESTAMP.test(iso) ? iso : null;
}

/**
 * After the schema: every timestamp of the payload in the stored form, so text order is time
 * order in the library (2024-05-01T10:00:00+02:00 becomes 2024-05-01T08:00:00.000Z). Rewrites the
 * payload in place (it is the schema's own copy) and returns it.
 */
export function normaliseTimestamps(payload: ProjectPayload, fileName: string): ProjectPayload {
  const utc = (value: string, where: () => string): string => {
    const normalised = toUtcTimestamp(value);
    if (normalised === null)
      throw importError(
        'invalid_request',
        fileName,
        `the time at “${where()}” (${clip(value, 40)}) is outside the years 0000–9999 in UTC`,
      );
    return normalised;
  };
  const records = (
    key: 'verdicts' | 'articles' | 'claims' | 'sources',
    list: { createdAt: string; updatedAt: string }[],
  ) => {
    list.forEach((record, index) => {
      record.createdAt = utc(record.createdAt, () => `${key}[${index}].createdAt`);
      record.updatedAt = utc(record.updatedAt, () => `${key}[${index}].updatedAt`);
    });
  };
  payload.project.createdAt = utc(payload.project.createdAt, () => 'project.createdAt');
  payload.project.updatedAt = utc(payload.project.updatedAt, () => 'project.updatedAt');
  records('verdicts', payload.verdicts);
  records('articles', payload.articles);
  records('claims', payload.claims);
  records('sources', payload.sources);
  payload.claims.forEach((claim, index) => {
    if (claim.approval.at !== '')
      claim.approval = {
        ...claim.approval,
        at: utc(claim.approval.at, () => `claims[${index}].approval.at`),
      };
  });
  const created = (key: 'teamNotes' | 'corrections', list: { createdAt: string }[]) => {
    list.forEach((record, index) => {
      record.createdAt = utc(record.createdAt, () => `${key}[${index}].createdAt`);
    });
  };
  created('teamNotes', payload.teamNotes);
  created('corrections', payload.corrections);
  payload.publications.forEach((publication, index) => {
    publication.publishedAt = utc(publication.publishedAt, () => `publications[${index}].publishedAt`);
  });
  payload.claimLinks.forEach((link, index) => {
    link.linkedAt = utc(link.linkedAt, () => `claimLinks[${index}].linkedAt`);
  });
  payload.attachments.forEach((attachment, index) => {
    attachment.addedAt = utc(attachment.addedAt, () => `attachments[${index}].addedAt`);
    if (attachment.capturedAt !== '')
      attachment.capturedAt = utc(attachment.capturedAt, () => `attachments[${index}].capturedAt`);
  });
  payload.changes.forEach((change, index) => {
    change.at = utc(change.at, () => `changes[${index}].at`);
  });
  return payload;
}

/**
 * Format 4: every evidence row has its file in the zip (attachments/<sha256>, listed in the
 * manifest with the row's size), and the files together stay within the project-file limit.
 * The bytes themselves are checked as they are stored (./evidenceImport.ts).
 */
export function checkEvidenceEntries(
  payload: ProjectPayload,
  manifest: Manifest,
  fileName: string,
  limits: ProjectFileLimits = PROJECT_FILE_LIMITS,
): void {
  let total = 0;
  const counted = new Set<string>();
  payload.attachments.forEach((attachment, index) => {
    const where = `evidence file ${index + 1} (attachments[${index}], “${clip(attachment.name, 40)}”)`;
    const listed = manifest.entries[attachmentEntry(attachment.sha256)];
    if (!listed) throw importError('invalid_request', fileName, `${where} is missing from it (no ${attachmentEntry(attachment.sha256).slice(0, 24)}…)`);
    if (listed.bytes !== attachment.size)
      throw importError('invalid_request', fileName, `${where} has a different size in the manifest (the file was altered)`);
    if (attachment.size > limits.attachmentBytes)
      throw importError(
        'too_large',
        fileName,
        `${where} is ${formatBytes(attachment.size)}; an evidence file can be at most ${formatBytes(limits.attachmentBytes)}`,
      );
    if (!counted.has(attachment.sha256)) total += attachment.size;
    counted.add(attachment.sha256);
  });
  if (total > limits.totalUnpackedBytes)
    throw importError(
      'too_large',
      fileName,
      `its evidence files add up to ${formatBytes(total)}; a project file can hold at most ${formatBytes(limits.totalUnpackedBytes)}`,
    );
}
