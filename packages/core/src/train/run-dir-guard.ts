import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RnnNadeError } from '../util/errors';

/** A training would overwrite an existing model or run folder. */
export class RunDirExistsError extends RnnNadeError<'RUN_DIR_EXISTS'> {
  /** The folder. */
  readonly dir: string;
  constructor(dir: string, message: string) {
    super('RUN_DIR_EXISTS', `${message} (${dir})`);
    this.dir = dir;
  }
}

/** Options of {@link assertRunDirAvailable}. */
export interface RunDirGuardOptions {
  /** The run continues the folder's checkpoint. */
  readonly resume?: boolean;
  /** Overwrite whatever the folder holds. */
  readonly force?: boolean;
  /** The checkpoint file name (default `checkpoint.ckpt`). */
  readonly checkpoint?: string;
}

/**
 * Refuses to start a training into a folder that already holds a model (`model.json`) or a
 * run (`checkpoint.ckpt`), unless the caller resumes it (`resume`, which needs the checkpoint)
 * or explicitly overwrites it (`force`). A missing or empty folder is always fine.
 * @throws RunDirExistsError saying what the folder holds and which flag to use.
 *
 * @example
 * ```ts
 * assertRunDirAvailable('models/jsb', { resume: false, force: false }); // throws if models/jsb/model.json exists
 * ```
 */
export function assertRunDirAvailable(dir: string, options: RunDirGuardOptions = {}): void {
  if (options.force) return;
  const hasModel = existsSync(join(dir, 'model.json'));
  const hasCheckpoint = existsSync(join(dir, options.checkpoint ?? 'checkpoint.ckpt'));
  if (options.resume) {
    if (hasModel && !hasCheckpoint) {
      throw new RunDirExistsError(
        dir,
        'Cannot resume: the folder holds a model but no training checkpoint; use --force to train a new model over it, or another --out',
      );
    }
    return;
  }
  if (hasModel || hasCheckpoint) {
    const what = hasModel ? 'a saved model (model.json)' : 'a training checkpoint';
    throw new RunDirExistsError(
      dir,
      `The folder already holds ${what}; pass --resume to continue its training, --force to overwrite it, or choose another --out`,
    );
  }
}
