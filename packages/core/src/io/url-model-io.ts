import { fetchModelArtifacts, type LoadModelFromUrlOptions } from '../model/load-model-url';
import type { ModelIOHandler } from './model-io';

/**
 * A read-only handler that downloads a model over HTTP(S) with `fetchModelArtifacts` (same
 * validation and same-origin rule for the weights file). Also reached through any `http://` or
 * `https://` string.
 *
 * @example
 * ```ts
 * const { model } = await SequenceModel.load(urlModelIO('https://example.org/models/jsb/'));
 * ```
 */
export function urlModelIO(url: string, options: LoadModelFromUrlOptions = {}): ModelIOHandler {
  return { source: url, load: () => fetchModelArtifacts(url, options) };
}

/** Routes `http://` and `https://` strings to {@link urlModelIO}. */
export function urlRouter(target: string): ModelIOHandler | null {
  return /^https?:\/\//i.test(target) ? urlModelIO(target) : null;
}
