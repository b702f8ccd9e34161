import fs from 'node:fs';
import { syntheticPayload } from '../../bench/projectFiles';
import { packProjectFile } from '../../main/projectFiles/pack';

/**
 * A .factcheck file of one project with `articles` × 100 claims (half with a source, each record
 * with its history entry), written straight from the bench's synthetic payload: 500 articles make
 * the 50,000 claims a project file may hold, in about 2 s. (The scale seed, main/seed, writes
 * realistic articles of many kilobytes each, which at 50,000 claims exceed the project-file size
 * limit, so it cannot be exported as one file.)
 */
export function writeBigProjectFile(file: string, articles: number): { projectId: string; title: string; claims: number } {
  const payload = syntheticPayload(articles);
  const { bytes } = packProjectFile(payload, {
    appVersion: 'test',
    exportedAt: '2024-10-22T09:00:00.000Z',
    exportedBy: 'Test',
  });
  fs.writeFileSync(file, bytes);
  return { projectId: payload.project.id, title: payload.project.title, claims: payload.claims.length };
}
