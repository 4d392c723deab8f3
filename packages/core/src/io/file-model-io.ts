import type { ModelIOHandler } from './model-io';
import { readModelDir, writeModelDir } from './model-dir';

/** The URL scheme routed to {@link fileModelIO} besides plain paths (`file://models/jsb`). */
export const FILE_SCHEME = 'file://';

/**
 * A handler for a model folder on disk (Node only; from `@rnn-nade/core/node`): `save` is
 * {@link writeModelDir} (crash-safe, saves take turns), `load` is {@link readModelDir}.
 *
 * @example
 * ```ts
 * import { fileModelIO } from '@rnn-nade/core/node';
 * await model.save(fileModelIO('models/jsb'));
 * ```
 */
export function fileModelIO(dir: string): ModelIOHandler {
  return {
    source: dir,
    save: (contents) => writeModelDir(dir, contents.json, contents.tensors),
    load: () => readModelDir(dir),
  };
}

/**
 * Routes `file://path` and any string without a URL scheme (a plain path such as `models/jsb`
 * or `C:\models`) to {@link fileModelIO}; registered by `@rnn-nade/core/node`.
 */
export function fileRouter(target: string): ModelIOHandler | null {
  if (target.startsWith(FILE_SCHEME)) return fileModelIO(target.slice(FILE_SCHEME.length));
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(target) ? null : fileModelIO(target);
}
