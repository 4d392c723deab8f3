import * as tf from '@tensorflow/tfjs-core';
import { RnnNadeError } from './errors';

/** Version of this copy of `@rnn-nade/core` (kept equal to its package.json by a test). */
export const CORE_VERSION = '0.1.0';

/** What each loaded copy of `@rnn-nade/core` records under `Symbol.for('@rnn-nade/core')`. */
export type CoreCopy = {
  /** `@rnn-nade/core` version. */
  readonly version: string;
  /** The package folder (URL) the copy was loaded from. */
  readonly location: string;
  /** Version of the `@tensorflow/tfjs-core` it imported. */
  readonly tfjsVersion: string;
  /** That tfjs-core's `Tensor` class: a second tfjs-core has a different one. */
  readonly tensorClass: unknown;
};

const DEDUPE_HINT =
  'Plugins must take @rnn-nade/core and @tensorflow/tfjs-core as peer dependencies, and the CLI and its plugins must be installed in the same project ' +
  '(run it with npx from there instead of a global install). Find the copies with `npm ls @rnn-nade/core @tensorflow/tfjs-core` and merge them with `npm dedupe`.';

/**
 * A second copy of `@rnn-nade/core` or of `@tensorflow/tfjs-core` was loaded into a process that
 * already has one (e.g. a globally installed CLI with a locally installed plugin). Two tfjs
 * engines register every kernel twice and fail later in obscure ways; the message says how to
 * dedupe.
 */
export class DuplicateCopyError extends RnnNadeError<'DUPLICATE_COPY'> {
  /** Which package is loaded twice. */
  readonly packageName: '@rnn-nade/core' | '@tensorflow/tfjs-core';
  constructor(packageName: DuplicateCopyError['packageName'], first: CoreCopy, second: CoreCopy) {
    const what =
      packageName === '@rnn-nade/core'
        ? `${packageName} ${first.version} from ${first.location} and ${second.version} from ${second.location}`
        : `${packageName} ${first.tfjsVersion} and ${second.tfjsVersion} (imported by @rnn-nade/core at ${first.location})`;
    super('DUPLICATE_COPY', `Two copies of ${packageName} are loaded in one process: ${what}. ${DEDUPE_HINT}`);
    this.packageName = packageName;
  }
}

/** The package folder of a module URL inside it (`…/core/src/x.ts`, `…/core/dist/index.js` → `…/core`). */
export function packageLocation(moduleUrl: string): string {
  return moduleUrl.replace(/\/(src|dist)\/[^?#]*([?#].*)?$/, '');
}

/** This copy: its version, folder and tfjs-core. */
export function thisCoreCopy(): CoreCopy {
  return { version: CORE_VERSION, location: packageLocation(import.meta.url), tfjsVersion: tf.version_core, tensorClass: tf.Tensor };
}

const KEY = Symbol.for('@rnn-nade/core');

/**
 * Records `copy` as the process's `@rnn-nade/core` under `Symbol.for('@rnn-nade/core')` on
 * `scope`, or checks it against the copy recorded first. Source and build of one installed
 * package (same folder, same tfjs-core) are the same copy. Called once when core is imported.
 *
 * @throws DuplicateCopyError when another folder's core, or another tfjs-core, was loaded first.
 * @example
 * ```ts
 * registerCoreCopy(thisCoreCopy()); // what importing @rnn-nade/core does
 * ```
 */
export function registerCoreCopy(copy: CoreCopy, scope: object = globalThis): void {
  const slot = scope as Record<symbol, CoreCopy | undefined>;
  const first = slot[KEY];
  if (first === undefined) {
    Object.defineProperty(scope, KEY, { value: copy, enumerable: false, configurable: false, writable: false });
    return;
  }
  if (first.location !== copy.location) throw new DuplicateCopyError('@rnn-nade/core', first, copy);
  if (first.tensorClass !== copy.tensorClass) throw new DuplicateCopyError('@tensorflow/tfjs-core', first, copy);
}
