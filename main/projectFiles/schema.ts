/**
 * docs/project-file.schema.json, generated from the zod schemas of ./format.ts. A unit test checks
 * that the committed file is what this produces (it never writes it); to regenerate it after
 * changing the format run
 *   node scripts/write-project-file-schema.mjs
 */
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomicWrite';
import { FORMAT_VERSION, MANIFEST_SCHEMAS, PAYLOAD_SCHEMAS, PROJECT_FILE_LIMITS } from './format';

export const SCHEMA_PATH = path.join('docs', 'project-file.schema.json');

export function projectFileJsonSchema(): Record<string, unknown> {
  const options = { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' } as const;
  const strip = (schema: Record<string, unknown>) => {
    const { $schema: _ignored, ...rest } = schema;
    return rest;
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `Factcheck Workbench project file (.factcheck), format version ${FORMAT_VERSION}`,
    description:
      'A .factcheck file is a zip archive holding manifest.json (see $defs/manifest) and project.json (see $defs/project); attachments/ is reserved. ' +
      'Generated from main/projectFiles/format.ts; do not edit by hand. Rules a schema cannot state (ids unique, references resolve, ' +
      'anchored quotes match the article text, size limits) are in docs/project-file-format.md.',
    'x-limits': PROJECT_FILE_LIMITS,
    $defs: {
      manifest: strip(z.toJSONSchema(MANIFEST_SCHEMAS[FORMAT_VERSION]!, options) as Record<string, unknown>),
      project: strip(z.toJSONSchema(PAYLOAD_SCHEMAS[FORMAT_VERSION]!, options) as Record<string, unknown>),
    },
  };
}

export function projectFileJsonSchemaText(): string {
  return `${JSON.stringify(projectFileJsonSchema(), null, 2)}\n`;
}

/** Writes the schema under `root` (the repository); returns the path written. */
export function writeProjectFileSchema(root: string): string {
  const target = path.join(root, SCHEMA_PATH);
  writeFileAtomic(target, projectFileJsonSchemaText(), { what: 'schema' });
  return target;
}
