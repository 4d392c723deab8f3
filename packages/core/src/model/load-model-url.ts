import { decodeModelArtifacts, parseModelDocument, type ModelDirContents } from '../io/model-artifacts';
import { ModelFileError } from '../io/model-file-error';
import { WEIGHTS_FILE_NAME } from '../io/weights-manifest';
import { SequenceModel, type LoadedModel } from './sequence-model';

/** A `fetch`-like function: what {@link loadModelFromUrl} needs from `globalThis.fetch`. */
export type FetchLike = (url: string, init?: { signal?: AbortSignal }) => Promise<FetchResponseLike>;

/** The part of a `Response` that {@link loadModelFromUrl} reads. */
export interface FetchResponseLike {
  /** True for a 2xx status. */
  readonly ok: boolean;
  /** HTTP status code. */
  readonly status: number;
  /** HTTP status text, if any. */
  readonly statusText?: string;
  /** The body as text (model.json). */
  text(): Promise<string>;
  /** The body as bytes (the weights file). */
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Options of {@link loadModelFromUrl} and {@link fetchModelArtifacts}. */
export interface LoadModelFromUrlOptions {
  /** The fetch to use (default `globalThis.fetch`); inject one to read from elsewhere. */
  fetch?: FetchLike;
  /** Base for a relative `url` (default: `location.href` in a browser). */
  base?: string;
  /** Cancels the downloads. */
  signal?: AbortSignal;
}

/**
 * Downloads a model directory over HTTP(S) — `model.json`, then the weights file it names —
 * and validates it exactly as `readModelDir` does (format, manifest, length, SHA-256 where Web
 * Crypto is available). `url` is the directory (`https://host/models/jsb/`, trailing slash
 * optional) or the model.json itself. Uses no Node built-ins.
 * The weights file always resolves next to model.json on the same origin (a name such as
 * `http:evil.example` or `../x.bin` is refused with UNSAFE_PATH before any request).
 * @throws ModelFileError NOT_FOUND (model.json could not be fetched), MISSING_WEIGHTS (the
 * weights could not be fetched), UNSAFE_PATH, CHECKSUM_MISMATCH, MALFORMED_JSON, UNSUPPORTED_VERSION, TRUNCATED_WEIGHTS, SHAPE_MISMATCH.
 */
export async function fetchModelArtifacts(url: string, options: LoadModelFromUrlOptions = {}): Promise<ModelDirContents> {
  const doFetch = options.fetch ?? (globalThis.fetch as unknown as FetchLike | undefined);
  if (!doFetch) throw new ModelFileError('NOT_FOUND', url, 'No fetch function is available (pass options.fetch)');
  const jsonUrl = modelJsonUrl(url, options.base);
  const init = options.signal ? { signal: options.signal } : undefined;
  const get = async (target: string, reason: 'NOT_FOUND' | 'MISSING_WEIGHTS', what: string) => {
    let response: FetchResponseLike;
    try {
      response = await doFetch(target, init);
    } catch (error) {
      throw new ModelFileError(reason, target, `Could not fetch ${what}: ${(error as Error).message}`, { cause: error });
    }
    if (!response.ok) throw new ModelFileError(reason, target, `Could not fetch ${what}: HTTP ${response.status} ${response.statusText ?? ''}`.trim());
    return response;
  };
  const text = await (await get(jsonUrl, 'NOT_FOUND', 'model.json')).text();
  const { manifest } = parseModelDocument(text, jsonUrl);
  const weightsUrl = weightsUrlOf(manifest.file, jsonUrl);
  const bytes = await (await get(weightsUrl, 'MISSING_WEIGHTS', 'the weights file')).arrayBuffer();
  return decodeModelArtifacts(text, bytes, { source: jsonUrl });
}

/**
 * Loads a saved model from a URL, in a browser or anywhere `fetch` works: the network
 * counterpart of `SequenceModel.load(dir)`. Import the estimator's package first (e.g.
 * `import '@rnn-nade/estimator-nade'`) so that its class is registered.
 * @throws ModelFileError (see {@link fetchModelArtifacts}); UnknownEstimatorError naming the
 * package to import.
 *
 * @example
 * ```ts
 * import { initBackend, loadModelFromUrl } from '@rnn-nade/core';
 * import '@rnn-nade/estimator-nade';
 *
 * await initBackend({ backend: 'wasm' });
 * const { model } = await loadModelFromUrl('model/'); // model/model.json + its weights file
 * const chorale = await model.sample({ steps: 32, seed: 1 });
 * ```
 */
export async function loadModelFromUrl(url: string, options: LoadModelFromUrlOptions = {}): Promise<LoadedModel> {
  const contents = await fetchModelArtifacts(url, options);
  return SequenceModel.fromContents(contents, { source: url });
}

/**
 * The URL of the weights file `file` named by the model.json at `jsonUrl`: resolved relative to
 * it, in the same folder of the same origin. The manifest validation already refuses any name
 * with a scheme, a folder or `..`; this re-checks the resolved URL.
 * @throws ModelFileError UNSAFE_PATH when the name would lead anywhere else.
 */
export function weightsUrlOf(file: string, jsonUrl: string): string {
  const json = new URL(jsonUrl);
  const folder = json.href.slice(0, json.href.length - json.pathname.length - json.search.length - json.hash.length) + json.pathname.replace(/[^/]*$/, '');
  let resolved: URL | undefined;
  try {
    resolved = new URL(file, json);
  } catch {
    resolved = undefined;
  }
  if (!WEIGHTS_FILE_NAME.test(file) || !resolved || resolved.origin !== json.origin || resolved.href !== `${folder}${file}`) {
    throw new ModelFileError('UNSAFE_PATH', jsonUrl, `Weights file name ${JSON.stringify(file)} does not resolve next to model.json on the same origin`);
  }
  return resolved.href;
}

function modelJsonUrl(url: string, base: string | undefined): string {
  const fallback = base ?? (globalThis as { location?: { href?: string } }).location?.href;
  let resolved: URL;
  try {
    resolved = fallback === undefined ? new URL(url) : new URL(url, fallback);
  } catch {
    throw new ModelFileError('NOT_FOUND', url, 'Not an absolute URL (pass options.base to resolve a relative one)');
  }
  if (!/\.json$/i.test(resolved.pathname)) {
    if (!resolved.pathname.endsWith('/')) resolved.pathname += '/';
    resolved = new URL('model.json', resolved);
  }
  return resolved.href;
}
