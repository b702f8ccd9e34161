/**
 * The evidence files of a format-4 project file, into the library's store
 * (main/attachments/store.ts): each `attachments/<sha256>` entry is read from the project file a
 * chunk at a time, hashed while it is written, and must hash to its name. One mismatch refuses the
 * whole import: the files this import added to the store are removed again (files that were there
 * before stay), so a refused import leaves the store as it found it. Rows are written afterwards,
 * in the import's transaction (./importProject.ts).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { IncomingFile, attachmentPath } from '../attachments/store';
import { AppError } from '../errors';
import type { Task } from '../tasks/tasks';
import { attachmentEntry, PROJECT_FILE_LIMITS } from './format';
import { clip, importError } from './messages';
import { streamEntry, type ByteSource, type ZipEntry } from './zipReader';

export interface EvidenceSource {
  /** Opens the project file again (its bytes are read only now, not when it was inspected). */
  open(): ByteSource;
  /** The evidence entries, by name (attachments/<sha256>). */
  entries: ReadonlyMap<string, ZipEntry>;
}

export interface StoredEvidence {
  /** SHA-256s this import added to the store (not there before): removed again if the import fails. */
  added: string[];
}

/** The message of an entry whose bytes do not hash to its name. */
export const damagedEvidence = (fileName: string, name: string): AppError =>
  new AppError(
    'invalid_request',
    `The evidence file “${clip(name)}” in this project file (“${clip(fileName)}”) is damaged (its checksum does not match). Nothing was imported; ask for a new copy.`,
  );

/**
 * Stores the files with these SHA-256s (each named by the rows as `names`), verified. Throws
 * before the caller writes any row when one is missing or damaged.
 */
export function storeEvidence(
  dataDir: string,
  fileName: string,
  source: EvidenceSource,
  wanted: ReadonlyMap<string, string>,
  task?: Task,
): StoredEvidence {
  const added: string[] = [];
  if (wanted.size === 0) return { added };
  task?.stage(`Storing the evidence files of “${fileName}”`, wanted.size);
  const zip = source.open();
  try {
    for (const [sha256, name] of wanted) {
      const entry = source.entries.get(attachmentEntry(sha256));
      if (!entry)
        throw importError('invalid_request', fileName, `the evidence file “${clip(name)}” is missing from it`);
      const existed = fs.existsSync(attachmentPath(dataDir, sha256));
      const incoming = new IncomingFile(dataDir, {
        maxBytes: Math.min(entry.declaredSize, PROJECT_FILE_LIMITS.attachmentBytes),
        label: `The evidence file “${clip(name)}”`,
      });
      // Hashed here too, so a mismatch is known before the store renames the file to any hash.
      const hash = createHash('sha256');
      try {
        for (const chunk of streamEntry(zip, entry, entry.declaredSize)) {
          incoming.write(chunk);
          hash.update(chunk);
          task?.check();
        }
      } catch (error) {
        incoming.abort();
        // A cancel, a full disk: as they are. A short, long or unreadable entry: damaged.
        if (error instanceof AppError && error.code !== 'too_large') throw error;
        throw damagedEvidence(fileName, name);
      }
      if (incoming.size !== entry.declaredSize || hash.digest('hex') !== sha256) {
        incoming.abort();
        throw damagedEvidence(fileName, name);
      }
      incoming.finish();
      if (!existed) added.push(sha256);
      task?.step();
    }
    return { added };
  } catch (error) {
    removeAdded(dataDir, added);
    throw error;
  } finally {
    zip.close();
  }
}

/** Removes files this import added (young, unreferenced: garbage collection would take them after an hour). */
export function removeAdded(dataDir: string, added: readonly string[]): void {
  for (const sha256 of added) fs.rmSync(attachmentPath(dataDir, sha256), { force: true });
}
