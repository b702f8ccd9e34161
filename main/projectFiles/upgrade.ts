/**
 * The upgrade pipeline: a file of an older format version is parsed with that version's schema,
 * then upgraded one version at a time to the current one, then parsed again with the current
 * schema. To add version N + 1:
 *
 *   1. add its schemas to ./format.ts, list them in PAYLOAD_SCHEMAS / MANIFEST_SCHEMAS and set
 *      FORMAT_VERSION = N + 1;
 *   2. add `{ from: N, describe: '…', upgrade: (vN) => vN+1 }` to UPGRADE_STEPS;
 *   3. add a golden file of the new version beside the others in tests/fixtures/project-files/
 *      (keep the old ones).
 */
import type { z } from 'zod';
import { settleClaimNumbers } from '../../shared/editorial/claimNumbers';
import { formatPath, importError, newerVersionError } from './messages';
import {
  FORMAT_VERSION,
  PAYLOAD_SCHEMAS,
  type ProjectPayloadV1,
  type ProjectPayloadV2,
  type ProjectPayloadV3,
  type ProjectPayloadV4,
} from './format';
import { publishedParts, sealInPayload } from './seals';
import { toUtcTimestamp } from './validate';

export interface UpgradeStep {
  /** Upgrades a payload of version `from` (already valid for that version) to version from + 1. */
  from: number;
  describe: string;
  upgrade(payload: unknown): unknown;
}

const NO_APPROVAL = { by: '', at: '', seal: '' } as const;

/**
 * Version 1 → 2 (editorial integrity). Claims are numbered by creation time (ties by id), as the
 * library's migration 3 numbers them; the project's next number is one past the highest. A claim
 * approved in version 1 keeps its approval, sealed on the content it has (it was approved on
 * that content; version 1 had no corrections), with no recorded approver and its last change as
 * the time. Nothing else is invented: no claimant types, assignees, notes, corrections or
 * publications.
 */
export function upgradeV1ToV2(v1: ProjectPayloadV1): ProjectPayloadV2 {
  const { renumbered, nextNumber } = settleClaimNumbers(
    // Compared as instants: a hand-written file may mix offsets.
    v1.claims.map((claim) => ({
      id: claim.id,
      number: null,
      createdAt: toUtcTimestamp(claim.createdAt) ?? claim.createdAt,
    })),
    1,
  );
  const numbers = new Map(renumbered.map((entry) => [entry.id, entry.to]));
  const parts = publishedParts(v1.sources);
  return {
    project: {
      id: v1.project.id,
      title: v1.project.title,
      description: v1.project.description,
      nextClaimNumber: nextNumber,
      secondPairOfEyes: false,
      createdAt: v1.project.createdAt,
      updatedAt: v1.project.updatedAt,
    },
    verdicts: v1.verdicts,
    articles: v1.articles,
    claims: v1.claims.map((claim) => ({
      id: claim.id,
      projectId: claim.projectId,
      articleId: claim.articleId,
      number: numbers.get(claim.id)!,
      anchor: claim.anchor,
      anchorState: claim.anchorState,
      statement: claim.statement,
      claimant: claim.claimant,
      claimDate: claim.claimDate,
      verdictId: claim.verdictId,
      rationale: claim.rationale,
      status: claim.status,
      tags: claim.tags,
      claimantType: '',
      assignee: '',
      quoteChangedFrom: '',
      approval:
        claim.status === 'approved'
          ? { by: '', at: claim.updatedAt, seal: sealInPayload({ ...claim, claimantType: '' }, parts) }
          : NO_APPROVAL,
      createdAt: claim.createdAt,
      updatedAt: claim.updatedAt,
    })),
    sources: v1.sources,
    teamNotes: [],
    corrections: [],
    publications: [],
    changes: v1.changes,
  };
}

/**
 * Version 2 → 3 (claim links): version 2 had no links, so none; every seal stays as it was (a
 * claim without links publishes no "Previously checked", so its published text is unchanged).
 */
export function upgradeV2ToV3(v2: ProjectPayloadV2): ProjectPayloadV3 {
  const { changes, ...records } = v2;
  // Rebuilt in the version's key order, so an upgraded file serialises like one written as 3.
  return { ...records, claimLinks: [], changes };
}

/**
 * Version 3 → 4 (evidence files): version 3 carried none, so none; seals stay as they were (a claim
 * without evidence publishes no evidence lines).
 */
export function upgradeV3ToV4(v3: ProjectPayloadV3): ProjectPayloadV4 {
  const { changes, ...records } = v3;
  return { ...records, attachments: [], changes };
}

/** Keyed by the version each step upgrades from; consecutive, starting at 1. */
export const UPGRADE_STEPS: readonly UpgradeStep[] = [
  {
    from: 1,
    describe: 'numbers claims, seals approvals, adds team notes, corrections and publications',
    upgrade: (payload) => upgradeV1ToV2(payload as ProjectPayloadV1),
  },
  {
    from: 2,
    describe: 'adds claim links (none)',
    upgrade: (payload) => upgradeV2ToV3(payload as ProjectPayloadV2),
  },
  {
    from: 3,
    describe: 'adds evidence files (none)',
    upgrade: (payload) => upgradeV3ToV4(payload as ProjectPayloadV3),
  },
];

export interface UpgradePipeline {
  current: number;
  steps: readonly UpgradeStep[];
  schemas: Readonly<Record<number, z.ZodType>>;
}

export const DEFAULT_PIPELINE: UpgradePipeline = {
  current: FORMAT_VERSION,
  steps: UPGRADE_STEPS,
  schemas: PAYLOAD_SCHEMAS,
};

/**
 * Validates a payload of `version` and brings it to the current version. Throws an AppError that
 * names the first problem found. The result is valid for the current schema.
 */
export function upgradePayload(
  raw: unknown,
  version: number,
  fileName: string,
  pipeline: UpgradePipeline = DEFAULT_PIPELINE,
): unknown {
  if (version > pipeline.current) throw newerVersionError(fileName, version, pipeline.current);
  let payload = parseVersion(raw, version, fileName, pipeline);
  for (let at = version; at < pipeline.current; at++) {
    const step = pipeline.steps.find((candidate) => candidate.from === at);
    if (!step)
      throw importError('internal', fileName, `this app cannot upgrade format ${at} files (no upgrade step)`);
    payload = parseVersion(step.upgrade(payload), at + 1, fileName, pipeline);
  }
  return payload;
}

function parseVersion(raw: unknown, version: number, fileName: string, pipeline: UpgradePipeline): unknown {
  const schema = pipeline.schemas[version];
  if (!schema)
    throw importError('invalid_request', fileName, `format version ${version} is not one this app knows`);
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue ? formatPath(issue.path) : '';
  throw importError(
    'invalid_request',
    fileName,
    `project.json is not valid${where ? ` at “${where}”` : ''}: ${describeIssue(issue)}`,
  );
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'unknown problem';
  if (issue.code === 'unrecognized_keys')
    return `unexpected field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((key) => `“${key}”`).join(', ')}`;
  return issue.message;
}
