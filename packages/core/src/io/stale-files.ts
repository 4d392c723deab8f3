import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Default age after which a temporary or orphaned file in a model folder counts as stale: 10 minutes. */
export const STALE_FILE_AGE_MS = 10 * 60 * 1000;

/** A temporary file of {@link writeFileAtomic}: `.<name>.<hex>.tmp`. */
const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/;

/**
 * Removes the temporary files `writeFileAtomic` leaves behind when a process is killed mid-write
 * (`.<name>.<random>.tmp`) from `dir` (not recursive), when they are older than `olderThanMs`
 * (default {@link STALE_FILE_AGE_MS}; pass 0 when holding the folder's run lock, so that no other
 * writer can be using them). Returns the names removed. A missing folder removes nothing.
 *
 * @example
 * ```ts
 * const removed = await removeStaleTempFiles('runs/jsb', { olderThanMs: 0 });
 * ```
 */
export async function removeStaleTempFiles(dir: string, options: { olderThanMs?: number; now?: number } = {}): Promise<string[]> {
  return removeStale(dir, (name) => TEMP_FILE.test(name), options);
}

/**
 * Removes files of `dir` matching `match` whose modification time is older than `olderThanMs`.
 * @internal
 */
export async function removeStale(dir: string, match: (name: string) => boolean, options: { olderThanMs?: number; now?: number } = {}): Promise<string[]> {
  const age = options.olderThanMs ?? STALE_FILE_AGE_MS;
  const now = options.now ?? Date.now();
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!match(name)) continue;
    const info = await stat(join(dir, name)).catch(() => null);
    if (!info?.isFile() || now - info.mtimeMs < age) continue;
    await rm(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}
