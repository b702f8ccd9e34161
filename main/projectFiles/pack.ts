/**
 * Writes the zip container of a project file. fflate builds the zip (headers, directory); the
 * entries are deflated by Node's zlib and handed to fflate through its ZipInputFile interface,
 * because zlib deflates JSON about five times faster than fflate's JavaScript deflate.
 */
import zlib from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';
import {
  FORMAT_NAME,
  FORMAT_VERSION,
  MANIFEST_ENTRY,
  PROJECT_ENTRY,
  type Manifest,
  type ProjectPayload,
} from './format';
import { sha256Hex } from './unpack';

export interface PackMeta {
  appVersion: string;
  exportedAt: string;
  exportedBy: string;
}

/**
 * Deflate level. JSON shrinks to a tenth at level 1 and only 15% further at 6, which takes more
 * than twice as long; project files are exported often and mailed rarely.
 */
export const COMPRESSION_LEVEL = 1;

export function encodePayload(payload: ProjectPayload): Uint8Array {
  return Buffer.from(JSON.stringify(payload), 'utf8');
}

export function packProjectFile(
  payload: ProjectPayload,
  meta: PackMeta,
): { bytes: Uint8Array; manifest: Manifest } {
  return packEntries(encodePayload(payload), meta);
}

/** Packs an already serialised project.json (and, later, attachments). */
export function packEntries(
  projectJson: Uint8Array,
  meta: PackMeta,
  extra: Record<string, Uint8Array> = {},
): { bytes: Uint8Array; manifest: Manifest } {
  const entries: Manifest['entries'] = {
    [PROJECT_ENTRY]: { sha256: sha256Hex(projectJson), bytes: projectJson.length },
  };
  for (const [name, data] of Object.entries(extra))
    entries[name] = { sha256: sha256Hex(data), bytes: data.length };
  const manifest = manifestFor(entries, meta);
  const files: [string, Uint8Array][] = [
    [MANIFEST_ENTRY, encodeManifest(manifest)],
    [PROJECT_ENTRY, projectJson],
    ...Object.entries(extra),
  ];
  return { bytes: zipDeflated(files, zipTime(meta.exportedAt)), manifest };
}

/** The manifest of a file with these entries (also for exports streamed to disk: ./exportZip.ts). */
export function manifestFor(entries: Manifest['entries'], meta: PackMeta): Manifest {
  return {
    format: FORMAT_NAME,
    formatVersion: FORMAT_VERSION,
    appVersion: meta.appVersion,
    exportedAt: meta.exportedAt,
    exportedBy: meta.exportedBy,
    entries,
  };
}

export const encodeManifest = (manifest: Manifest): Uint8Array => Buffer.from(JSON.stringify(manifest, null, 2), 'utf8');

/** The entries' time in the zip: the export's, unless the clock is outside what zip times hold. */
export function zipTime(exportedAt: string): Date {
  const exported = new Date(exportedAt);
  // Zip times run from 1980 to 2107; a clock outside that must not make the export fail.
  return exported.getUTCFullYear() >= 1981 && exported.getUTCFullYear() <= 2099
    ? exported
    : new Date('2000-01-01T00:00:00Z');
}

function zipDeflated(files: [string, Uint8Array][], mtime: Date): Uint8Array {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  for (const [filename, data] of files) {
    const entry: ZipInputFile = { filename, size: data.length, crc: zlib.crc32(data), compression: 8, mtime };
    zip.add(entry);
    entry.ondata!(null, zlib.deflateRawSync(data, { level: COMPRESSION_LEVEL }), true);
  }
  zip.end();
  if (failure) throw failure;
  return Buffer.concat(chunks);
}
