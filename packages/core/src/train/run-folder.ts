import { removeStaleTempFiles } from '../io/stale-files';
import { acquireRunLock, type RunLock } from '../io/folder-lock';

/** A run folder held by a training: its lock, released at the end. */
export interface HeldRunFolder {
  /** Releases the lock (when this call took it). */
  release(): Promise<void>;
}

/**
 * Takes a run folder for a training: its lock (unless the caller passes one it already holds)
 * and, being then its only writer, removes the temporary files that killed runs left behind.
 * `onMessage` hears about stale locks taken over and files removed.
 * @throws RunLockError when another live process holds the folder.
 */
export async function holdRunFolder(dir: string, options: { lock?: RunLock; onMessage?: (message: string) => void } = {}): Promise<HeldRunFolder> {
  const lock = options.lock ?? (await acquireRunLock(dir, { onWarning: options.onMessage }));
  try {
    const removed = await removeStaleTempFiles(dir, { olderThanMs: 0 });
    if (removed.length > 0) options.onMessage?.(`removed ${removed.length} stale temporary file(s) from ${dir}: ${removed.join(', ')}`);
  } catch (error) {
    if (!options.lock) await lock.release();
    throw error;
  }
  return { release: async () => (options.lock ? undefined : lock.release()) };
}
