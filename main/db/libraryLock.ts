/**
 * One program per library: the app, the harness and the CLIs that write hold `library.lock` in the
 * library folder while they have the library open. SQLite would keep two writers from damaging the
 * file, but two windows editing the same claims would overwrite each other's work, and an import
 * from the command line would change the library under an open window.
 *
 * The lock file is created exclusively and names its owner (pid, the process's start time, the
 * computer). A lock whose owner has died (a crash, a kill) is taken over; one whose owner still runs
 * is refused with a message that says so. It is removed on close, and on any exit of the process
 * that Node sees (not on SIGKILL or a power cut: then the next opener finds the owner dead).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors';

export const LOCK_FILE_NAME = 'library.lock';

/** What a lock file says about its owner. */
export interface LockOwner {
  pid: number;
  /** When the owning process started (ISO); with the pid, names the process even if pids are reused. */
  startedAt: string;
  hostname: string;
  /** Tells this holder's lock from a later one with the same pid. */
  token: string;
}

export interface LibraryLock {
  path: string;
  owner: LockOwner;
  /** Removes the lock file if it is still this holder's. Safe to call more than once. */
  release(): void;
}

/** A lock file that cannot be read is treated as being written for this long, then as stale. */
const UNREADABLE_GRACE_MS = 10_000;
/** How far the recorded start time may be from the process's own before the pid counts as reused. */
const START_TIME_TOLERANCE_MS = 60_000;

export function lockPath(dataDir: string): string {
  return path.join(dataDir, LOCK_FILE_NAME);
}

/** The message for a library another process holds. */
export function libraryInUseMessage(owner: Pick<LockOwner, 'pid' | 'hostname'> | null): string {
  if (!owner) return 'This library is open in another window or program. Close it there first.';
  const where = owner.hostname && owner.hostname !== os.hostname() ? ` on ${owner.hostname}` : '';
  return `This library is open in another window or program (pid ${owner.pid}${where}). Close it there first.`;
}

/**
 * Takes the lock of the library in dataDir, or throws an AppError ('conflict') naming the process
 * that holds it. A folder where no file can be created (read-only media) gets a lock that holds
 * nothing: nothing can be written there anyway.
 */
export function acquireLibraryLock(dataDir: string): LibraryLock {
  const file = lockPath(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const owner: LockOwner = {
    pid: process.pid,
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    hostname: os.hostname(),
    token: randomUUID(),
  };
  // A few rounds: each finds either no lock (take it), a live owner (refuse) or a stale one (clear).
  for (let round = 0; round < 5; round++) {
    const created = tryCreate(file, owner);
    if (created === 'created') return holdLock(file, owner);
    if (created === 'unwritable') return { path: file, owner, release: () => undefined };
    const found = readLock(file);
    if (found === 'missing') continue;
    if (isHeld(found)) throw new AppError('conflict', libraryInUseMessage(found.owner));
    removeStaleLock(file, found.raw);
  }
  throw new AppError('conflict', libraryInUseMessage(null));
}

/** Runs fn with the library in dataDir locked (the CLIs that write). */
export function withLibraryLock<T>(dataDir: string, fn: () => T): T {
  const lock = acquireLibraryLock(dataDir);
  try {
    return fn();
  } finally {
    lock.release();
  }
}

/**
 * Removes the lock of dataDir if this very process holds it: a library worker thread that crashed
 * (main/worker/threadHost.ts) leaves its lock behind with our own pid, which would otherwise
 * refuse the worker that reopens the library. A lock of any other process is left alone.
 */
export function releaseLockHeldByThisProcess(dataDir: string): void {
  const file = lockPath(dataDir);
  const found = readLock(file);
  if (found === 'missing' || !found.owner) return;
  const ownStart = Date.now() - process.uptime() * 1000;
  const sameProcess =
    found.owner.pid === process.pid &&
    found.owner.hostname === os.hostname() &&
    Math.abs(Date.parse(found.owner.startedAt) - ownStart) <= START_TIME_TOLERANCE_MS;
  if (sameProcess) removeStaleLock(file, found.raw);
}

/** Who holds the lock of dataDir now (null: nobody, or a stale lock). For messages and tests. */
export function currentLockOwner(dataDir: string): LockOwner | null {
  const found = readLock(lockPath(dataDir));
  return found !== 'missing' && isHeld(found) ? found.owner : null;
}

function tryCreate(file: string, owner: LockOwner): 'created' | 'exists' | 'unwritable' {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return 'exists';
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'unwritable';
    throw error;
  }
  let written = false;
  try {
    fs.writeSync(fd, `${JSON.stringify(owner)}\n`);
    fs.fsyncSync(fd);
    written = true;
  } finally {
    fs.closeSync(fd);
    // A full disk: leave no empty lock behind for others to wait on.
    if (!written) fs.rmSync(file, { force: true });
  }
  return 'created';
}

/** The locks this process holds, released by one 'exit' listener however many there are. */
const heldLocks = new Set<() => void>();
const releaseAllOnExit = () => {
  for (const release of [...heldLocks]) release();
};

function holdLock(file: string, owner: LockOwner): LibraryLock {
  const release = () => {
    if (!heldLocks.delete(release)) return;
    if (heldLocks.size === 0) process.removeListener('exit', releaseAllOnExit);
    try {
      const found = readLock(file);
      // Only our own lock: after a takeover (we were thought dead) the file is someone else's.
      if (found !== 'missing' && found.owner?.token === owner.token) fs.unlinkSync(file);
    } catch {
      // Already gone, or the folder went away: nothing left to release.
    }
  };
  if (heldLocks.size === 0) process.on('exit', releaseAllOnExit);
  heldLocks.add(release);
  return { path: file, owner, release };
}

interface FoundLock {
  raw: string;
  /** null: unreadable (being written this instant, or damaged). */
  owner: LockOwner | null;
  modifiedMs: number;
}

function readLock(file: string): FoundLock | 'missing' {
  let raw: string;
  let modifiedMs: number;
  try {
    raw = fs.readFileSync(file, 'utf8');
    modifiedMs = fs.statSync(file).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  return { raw, owner: parseOwner(raw), modifiedMs };
}

function parseOwner(raw: string): LockOwner | null {
  try {
    const value = JSON.parse(raw) as Partial<LockOwner> | null;
    if (!value || !Number.isSafeInteger(value.pid) || (value.pid ?? 0) <= 0) return null;
    return {
      pid: value.pid!,
      startedAt: typeof value.startedAt === 'string' ? value.startedAt : '',
      hostname: typeof value.hostname === 'string' ? value.hostname : '',
      token: typeof value.token === 'string' ? value.token : '',
    };
  } catch {
    return null;
  }
}

/** Whether the lock's owner may still be running. When it cannot tell, it says yes. */
function isHeld(found: FoundLock): boolean {
  const { owner } = found;
  if (!owner) return Date.now() - found.modifiedMs < UNREADABLE_GRACE_MS;
  // Another computer (a shared folder): its processes cannot be looked at from here.
  if (owner.hostname !== os.hostname()) return true;
  if (!processExists(owner.pid)) return false;
  const started = processStartTime(owner.pid);
  const recorded = Date.parse(owner.startedAt);
  // The pid is alive but belongs to a process started at another time: the owner died and its pid
  // was given to someone else (typically after a restart).
  if (started !== null && Number.isFinite(recorded) && Math.abs(started - recorded) > START_TIME_TOLERANCE_MS)
    return false;
  return true;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** The start time of a process (ms since the epoch), where the system tells (Linux); else null. */
function processStartTime(pid: number): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22, counted after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const bootLine = /^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'));
    if (!bootLine || !Number.isFinite(ticks)) return null;
    // Clock ticks are 1/100 s on every Linux Node runs on (USER_HZ).
    return Number(bootLine[1]) * 1000 + ticks * 10;
  } catch {
    return null;
  }
}

/**
 * Moves a stale lock aside and removes it. The move is atomic, so of two processes clearing the
 * same stale lock only one gets it; if what was moved is not the stale lock that was judged (a
 * new owner came in between), it is put back.
 */
function removeStaleLock(file: string, staleRaw: string): void {
  const aside = `${file}.stale-${process.pid}-${randomUUID()}`;
  try {
    fs.renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (fs.readFileSync(aside, 'utf8') !== staleRaw) {
      try {
        fs.linkSync(aside, file);
      } catch {
        // EEXIST: yet another owner holds it now; the next round reads that one.
      }
    }
  } finally {
    fs.rmSync(aside, { force: true });
  }
}
