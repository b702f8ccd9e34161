/**
 * Reads a project file's zip by positions, from a buffer or straight from disk: the central
 * directory from the end of the file, then only the entries wanted. A format-4 file may be 2 GB of
 * evidence, so the file is never read whole; project.json and the manifest are inflated with a cap
 * at their declared size, and evidence entries are read a chunk at a time (./evidenceImport.ts,
 * `npm run project -- verify`). Zip64 is not used: fflate does not write it, and 2 GB fits in 32 bits.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { Inflate } from 'fflate';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate (others are refused by ./unpack.ts). */
  compression: number;
  compressedSize: number;
  declaredSize: number;
  crc: number;
  /** Where the entry's local header starts. */
  headerOffset: number;
}

/** Random access to the bytes of a zip. */
export interface ByteSource {
  readonly size: number;
  read(position: number, length: number): Buffer;
  close(): void;
}

export class ZipFormatError extends Error {}

export function bufferSource(bytes: Uint8Array): ByteSource {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    size: buffer.length,
    read: (position, length) => {
      if (position < 0 || position + length > buffer.length) throw new ZipFormatError('read past the end');
      return buffer.subarray(position, position + length);
    },
    close: () => undefined,
  };
}

export function fileSource(filePath: string): ByteSource {
  const fd = fs.openSync(filePath, 'r');
  const size = fs.fstatSync(fd).size;
  return {
    size,
    read: (position, length) => {
      if (position < 0 || position + length > size) throw new ZipFormatError('read past the end');
      const buffer = Buffer.allocUnsafe(length);
      let done = 0;
      while (done < length) {
        const read = fs.readSync(fd, buffer, done, length - done, position + done);
        if (read === 0) throw new ZipFormatError('the file ended early');
        done += read;
      }
      return buffer;
    },
    close: () => fs.closeSync(fd),
  };
}

const END_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const END_BYTES = 22;
const MAX_COMMENT = 0xffff;

/** The central directory's entries, in order. Throws ZipFormatError when it cannot be read. */
export function readZipDirectory(source: ByteSource): ZipEntry[] {
  if (source.size < END_BYTES) throw new ZipFormatError('too short for a zip');
  const tailLength = Math.min(source.size, END_BYTES + MAX_COMMENT);
  const tail = source.read(source.size - tailLength, tailLength);
  let end = -1;
  for (let at = tail.length - END_BYTES; at >= 0; at--) {
    if (tail.readUInt32LE(at) === END_SIGNATURE && at + END_BYTES + tail.readUInt16LE(at + 20) <= tail.length) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ZipFormatError('no end of central directory');
  const count = tail.readUInt16LE(end + 10);
  const directoryBytes = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (count === 0xffff || directoryBytes === 0xffffffff || directoryOffset === 0xffffffff)
    throw new ZipFormatError('zip64 is not used by project files');
  if (directoryOffset + directoryBytes > source.size) throw new ZipFormatError('directory past the end');
  const directory = source.read(directoryOffset, directoryBytes);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let index = 0; index < count; index++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE)
      throw new ZipFormatError('damaged directory');
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    if (at + 46 + nameLength > directory.length) throw new ZipFormatError('damaged directory');
    const entry: ZipEntry = {
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      compression: directory.readUInt16LE(at + 10),
      crc: directory.readUInt32LE(at + 16),
      compressedSize: directory.readUInt32LE(at + 20),
      declaredSize: directory.readUInt32LE(at + 24),
      headerOffset: directory.readUInt32LE(at + 42),
    };
    if (entry.compressedSize === 0xffffffff || entry.declaredSize === 0xffffffff || entry.headerOffset === 0xffffffff)
      throw new ZipFormatError('zip64 is not used by project files');
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where the entry's compressed bytes start (after its local header). */
export function entryDataOffset(source: ByteSource, entry: ZipEntry): number {
  const header = source.read(entry.headerOffset, 30);
  if (header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new ZipFormatError('damaged entry header');
  const start = entry.headerOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (start + entry.compressedSize > source.size) throw new ZipFormatError('entry past the end');
  return start;
}

export class EntryOverflowError extends Error {}

/** A small entry (manifest, project.json) whole, inflated with a cap at `cap` bytes. */
export function readWholeEntry(source: ByteSource, entry: ZipEntry, cap: number): Buffer {
  const data = source.read(entryDataOffset(source, entry), entry.compressedSize);
  if (entry.compression === 0) return data;
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, cap) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new EntryOverflowError(entry.name);
    throw new ZipFormatError('damaged entry');
  }
}

/** Bytes read from disk at a time when an entry is streamed. */
export const STREAM_CHUNK_BYTES = 1024 * 1024;

/**
 * An entry's unpacked bytes, a chunk at a time (never whole in memory). Stops with
 * EntryOverflowError as soon as it unpacks past `cap`.
 */
export function* streamEntry(source: ByteSource, entry: ZipEntry, cap: number): Generator<Uint8Array> {
  const start = entryDataOffset(source, entry);
  const end = start + entry.compressedSize;
  let produced = 0;
  const take = (chunk: Uint8Array): Uint8Array => {
    produced += chunk.length;
    if (produced > cap) throw new EntryOverflowError(entry.name);
    return chunk;
  };
  if (entry.compression === 0) {
    for (let at = start; at < end; at += STREAM_CHUNK_BYTES)
      yield take(source.read(at, Math.min(STREAM_CHUNK_BYTES, end - at)));
    return;
  }
  const out: Uint8Array[] = [];
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    out.push(chunk);
    if (final) ended = true;
  });
  for (let at = start; at < end; at += STREAM_CHUNK_BYTES) {
    try {
      inflate.push(source.read(at, Math.min(STREAM_CHUNK_BYTES, end - at)), at + STREAM_CHUNK_BYTES >= end);
    } catch (error) {
      if (error instanceof ZipFormatError) throw error;
      throw new ZipFormatError('damaged entry');
    }
    while (out.length > 0) yield take(out.shift()!);
  }
  if (!ended) throw new ZipFormatError('damaged entry');
}
