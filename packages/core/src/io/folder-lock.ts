import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { RnnNadeError } from '../util/errors';

/** Name of the lock file inside a run folder, held for a whole training. */
export const RUN_LOCK_FILE = 'run.lock';
/** Name of the lock file inside a model folder, held by `writeModelDir` for the moment of a save. */
export const SAVE_LOCK_FILE = '.save.lock';

/** Another live process is training into (or saving) the same folder. */
export class RunLockError extends RnnNadeError<'RUN_LOCKED'> {
  /** The lock file. */
  readonly path: string;
  constructor(path: string, message: string) {
    super('RUN_LOCKED', `${message} (${path})`);
    this.path = path;
  }
}

/** What a lock file holds. */
export interface RunLockInfo {
  /** Process id of the holder. */
  readonly pid: number;
  /** Host name of the holder (a pid is only meaningful on its own host). */
  readonly host: string;
  /** ISO time the lock was taken. */
  readonly since: string;
  /** Random token telling this acquisition from any other. */
  readonly token: string;
  /** The holder's command line, for the error message. */
  readonly command: string;
}

/** A held lock on a folder. */
export interface RunLock {
  /** The lock file. */
  readonly path: string;
  /** What the lock file says. */
  readonly info: RunLockInfo;
  /** Removes the lock file (if it is still this lock's). */
  release(): Promise<void>;
}

/** Options of {@link acquireRunLock}. */
export interface AcquireRunLockOptions {
  /** Told when a stale lock (its process is gone) is taken over. Default: ignored. */
  readonly onWarning?: (message: string) => void;
  /** The lock file's name in the folder (default {@link RUN_LOCK_FILE}). */
  readonly file?: string;
  /** Wait up to this long (ms) for a live holder to release the lock instead of failing at once (default 0). */
  readonly waitMs?: number;
}

/**
 * Takes the lock of a run folder: `<dir>/run.lock`, created atomically (written in full to a
 * temporary file, then hard-linked to its name, which fails if it exists), holding the pid,
 * host, time and command of the holder. A second training or save into the same folder fails
 * with {@link RunLockError} while the holder lives. A lock whose process is gone (same host, pid
 * no longer running) is stale: it is taken over with a warning. A lock from another host is
 * never assumed stale (remove it by hand if that host is gone).
 * @throws RunLockError when a live process holds the folder.
 *
 * @example
 * ```ts
 * const lock = await acquireRunLock('runs/jsb', { onWarning: console.warn });
 * try { ... } finally { await lock.release(); }
 * ```
 */
export async function acquireRunLock(dir: string, options: AcquireRunLockOptions = {}): Promise<RunLock> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, options.file ?? RUN_LOCK_FILE);
  const info: RunLockInfo = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
    command: process.argv.slice(1).join(' ').slice(0, 500),
  };
  const deadline = Date.now() + (options.waitMs ?? 0);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    for (let attempt = 0; ; attempt++) {
      if (await tryLink(tmp, path, info)) return { path, info, release: () => releaseLock(path, info.token) };
      const holder = await readLock(path);
      if (holder === undefined) continue; // released meanwhile
      if (isStale(holder)) {
        if (await takeOver(path, holder)) {
          options.onWarning?.(
            `warning: took over the stale lock ${path} of process ${holder!.pid} (${holder!.command || 'unknown command'}), which is no longer running`,
          );
        }
      } else if (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
      } else {
        const who = holder ? `process ${holder.pid} on ${holder.host} since ${holder.since} (${holder.command})` : 'another process';
        throw new RunLockError(path, `The folder is in use by ${who}; wait for it to finish, or remove the lock file if that process is gone`);
      }
      if (attempt > 100_000) throw new RunLockError(path, 'Could not take the lock: other processes keep taking it');
    }
  } finally {
    await rm(tmp, { force: true });
  }
}

/** Creates the lock file atomically with its full content: written aside, then hard-linked (fails if it exists). */
async function tryLink(tmp: string, path: string, info: RunLockInfo): Promise<boolean> {
  for (;;) {
    try {
      await link(tmp, path);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'ENOENT') throw error;
      await writeFile(tmp, `${JSON.stringify(info)}\n`); // first attempt, or a cleanup removed it
    }
  }
}

/** The lock's content; `undefined` when there is no lock file, `null` when it is unreadable. */
async function readLock(path: string): Promise<RunLockInfo | null | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const info = JSON.parse(text) as RunLockInfo;
    return Number.isInteger(info.pid) && typeof info.host === 'string' && typeof info.token === 'string' ? info : null;
  } catch {
    return null;
  }
}

/** Whether a lock's holder is certainly gone: same host and no process with its pid. */
function isStale(holder: RunLockInfo | null): boolean {
  if (holder === null || holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Moves the stale lock aside and checks it was the one judged stale; when another process
 * replaced it meanwhile, its lock is put back. Returns whether the stale lock was removed.
 */
async function takeOver(path: string, stale: RunLockInfo | null): Promise<boolean> {
  const aside = `${path}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const moved = await readLock(aside);
  if (moved && stale && moved.token !== stale.token) {
    await link(aside, path).catch(() => undefined);
  }
  await rm(aside, { force: true });
  return !moved || !stale || moved.token === stale.token;
}

async function releaseLock(path: string, token: string): Promise<void> {
  const holder = await readLock(path);
  if (holder && holder.token === token) await rm(path, { force: true });
}
