/**
 * The upgrade pipeline: a file of an older format version is parsed with that version's schema,
 * then upgraded one version at a time to the current one, then parsed again with the current
 * schema. Version 1 is the only version so far, so the list is empty; when version 2 comes:
 *
 *   1. add ProjectPayloadV2 (and ManifestV2 if it changes) to ./format.ts, list them in
 *      PAYLOAD_SCHEMAS / MANIFEST_SCHEMAS and set FORMAT_VERSION = 2;
 *   2. add `{ from: 1, describe: '…', upgrade: (v1) => v2 }` to UPGRADE_STEPS;
 *   3. add a golden v2 file beside the v1 one in tests/fixtures/project-files/ (keep the v1 file).
 */
import type { z } from 'zod';
import { formatPath, importError, newerVersionError } from './messages';
import { FORMAT_VERSION, PAYLOAD_SCHEMAS } from './format';

export interface UpgradeStep {
  /** Upgrades a payload of version `from` (already valid for that version) to version from + 1. */
  from: number;
  describe: string;
  upgrade(payload: unknown): unknown;
}

/** Keyed by the version each step upgrades from; consecutive, starting at 1. */
export const UPGRADE_STEPS: readonly UpgradeStep[] = [];

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
