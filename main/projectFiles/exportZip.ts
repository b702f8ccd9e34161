/**
 * The zip of a project file, built from project.json as it is produced in pieces (./exportJson.ts)
 * rather than from one buffer: a 10,000-claim project's project.json is hundreds of megabytes as
 * text, its deflated form a tenth of that.
 *
 *   - ProjectJsonDeflater takes the pieces, deflates them a segment at a time with Node's zlib and
 *     keeps only the deflated bytes, the SHA-256, the CRC-32 and the length. zlib has no synchronous
 *     streaming call, so each segment is deflated on its own, ending on a byte boundary (a sync
 *     flush) and primed with the last 32 KiB of the one before as its dictionary: together they
 *     are one deflate stream, which any unzip reads as one entry. A project.json that fits in one
 *     segment gives exactly the bytes of the in-memory export (./pack.ts).
 *   - writeProjectZip writes the manifest (which needs project.json's checksum, so it waits for
 *     the last piece) and then the deflated project.json through fflate's Zip, chunk by chunk.
 */
import { createHash, type Hash } from 'node:crypto';
import zlib from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';
import type { Task } from '../tasks/tasks';
import { addEvidenceEntries, type EvidenceFile } from './exportEvidence';
import { attachmentEntry, MANIFEST_ENTRY, PROJECT_ENTRY, type Manifest } from './format';
import { COMPRESSION_LEVEL, encodeManifest, manifestFor, zipTime, type PackMeta } from './pack';

/** Raw bytes deflated at a time: big enough that almost every project is one segment. */
export const SEGMENT_BYTES = 8 * 1024 * 1024;
/** Deflate looks back at most this far: the dictionary each segment starts with. */
const WINDOW_BYTES = 32 * 1024;

export interface DeflatedJson {
  /** The deflate stream, in the order written. */
  chunks: Uint8Array<ArrayBuffer>[];
  sha256: string;
  crc: number;
  /** Length of project.json in bytes. */
  bytes: number;
}

export class ProjectJsonDeflater {
  private readonly pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly chunks: Uint8Array<ArrayBuffer>[] = [];
  private readonly hash: Hash = createHash('sha256');
  private crc = 0;
  private total = 0;
  private dictionary: Buffer | undefined;

  constructor(
    private readonly segmentBytes = SEGMENT_BYTES,
    /** Called with the running length, so a caller can stop a file that grows too large. */
    private readonly onLength: (bytes: number) => void = () => undefined,
  ) {}

  /** Appends a piece of project.json. */
  write(piece: string): void {
    const bytes = Buffer.from(piece, 'utf8');
    this.hash.update(bytes);
    this.crc = zlib.crc32(bytes, this.crc);
    this.total += bytes.length;
    this.onLength(this.total);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= this.segmentBytes) this.deflatePending(false);
  }

  /** The whole deflate stream and the checksums of what was written. */
  finish(): DeflatedJson {
    this.deflatePending(true);
    return { chunks: this.chunks, sha256: this.hash.digest('hex'), crc: this.crc, bytes: this.total };
  }

  private deflatePending(last: boolean): void {
    const segment = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    this.pending.length = 0;
    this.pendingBytes = 0;
    const options: zlib.ZlibOptions = {
      level: COMPRESSION_LEVEL,
      finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
    };
    if (this.dictionary) options.dictionary = this.dictionary;
    this.chunks.push(zlib.deflateRawSync(segment, options));
    // A copy of the tail, so the segment itself can be freed.
    const tail = segment.subarray(Math.max(0, segment.length - WINDOW_BYTES));
    this.dictionary = Buffer.from(tail);
  }
}

/** Format 4: the evidence files to carry, from the library's store in `dataDir`. */
export interface ZipEvidence {
  dataDir: string;
  files: readonly EvidenceFile[];
  task?: Task;
}

/**
 * Writes the zip (manifest.json, project.json, then each evidence file) through `write`, handing
 * each chunk on and letting go of it. Answers the manifest.
 */
export function writeProjectZip(
  json: DeflatedJson,
  meta: PackMeta,
  write: (chunk: Uint8Array) => void,
  evidence?: ZipEvidence,
): Manifest {
  const entries: Manifest['entries'] = { [PROJECT_ENTRY]: { sha256: json.sha256, bytes: json.bytes } };
  // Listed from the rows; each file is checked against its hash as it is copied in.
  for (const file of evidence?.files ?? []) entries[attachmentEntry(file.sha256)] = { sha256: file.sha256, bytes: file.size };
  const manifest = manifestFor(entries, meta);
  const mtime = zipTime(meta.exportedAt);
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else write(chunk);
  });
  const manifestBytes = encodeManifest(manifest);
  const manifestEntry: ZipInputFile = {
    filename: MANIFEST_ENTRY,
    size: manifestBytes.length,
    crc: zlib.crc32(manifestBytes),
    compression: 8,
    mtime,
  };
  zip.add(manifestEntry);
  manifestEntry.ondata!(null, zlib.deflateRawSync(manifestBytes, { level: COMPRESSION_LEVEL }), true);
  const projectEntry: ZipInputFile = {
    filename: PROJECT_ENTRY,
    size: json.bytes,
    crc: json.crc,
    compression: 8,
    mtime,
  };
  zip.add(projectEntry);
  const { chunks } = json;
  const count = chunks.length;
  for (let i = 0; i < count; i++) {
    const chunk = chunks[i]!;
    // Handed on now (fflate passes the current entry's data straight through): not kept twice.
    chunks[i] = EMPTY;
    projectEntry.ondata!(null, chunk, i === count - 1);
  }
  if (evidence) addEvidenceEntries(zip, evidence.dataDir, evidence.files, mtime, evidence.task);
  zip.end();
  if (failure) throw failure;
  return manifest;
}

const EMPTY = new Uint8Array(0);
