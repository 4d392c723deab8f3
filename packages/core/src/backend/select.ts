import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { ConfigError } from '../util/errors';
import { BACKEND_NAMES, type BackendName, TENSORFLOW_PACKAGES } from './backend-names';
import { backendState } from './selection-state';

export { BACKEND_NAMES, type BackendName, TENSORFLOW_PACKAGES } from './backend-names';

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /**
   * Force a backend (`'tensorflow' | 'wasm' | 'cpu'`, or `'auto'` for the default order).
   * Defaults to the `RNN_NADE_BACKEND` environment variable, then the best available.
   */
  readonly backend?: BackendName | 'auto' | (string & {});
  /** Where the one-line "using backend X" message goes (default: `console.error`; `null` = silent). */
  readonly log?: ((message: string) => void) | null;
  /**
   * Loads an optional package by name (default: dynamic `import()`). Injectable so that the
   * `tensorflow` path can be tested without tfjs-node installed.
   */
  readonly importModule?: (specifier: string) => Promise<unknown>;
}

const defaultImport = (specifier: string): Promise<unknown> => import(/* @vite-ignore */ specifier);

/**
 * Selects and initialises the tfjs backend: `tensorflow` when `@tensorflow/tfjs-node-gpu` or
 * `@tensorflow/tfjs-node` can be imported (optional peer dependencies), else `wasm` (the
 * default), else `cpu`. `options.backend` or `RNN_NADE_BACKEND` forces one; a forced backend
 * that cannot start throws. The choice is logged once per process (again only if a later call
 * forces a different backend); later calls return the same choice without re-initialising.
 *
 * @returns the backend now active.
 * @throws ConfigError for an unknown name (listing the valid ones) or an unavailable forced backend.
 * @example
 * ```ts
 * import { initBackend } from '@rnn-nade/core';
 * const backend = await initBackend(); // 'wasm' on a machine without tfjs-node
 * await initBackend({ backend: 'cpu' }); // or RNN_NADE_BACKEND=cpu
 * ```
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendName> {
  const fromOption = options.backend !== undefined;
  const raw = fromOption ? options.backend : (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.RNN_NADE_BACKEND;
  const requested = parseBackendName(raw, fromOption ? 'option backend' : 'RNN_NADE_BACKEND');
  const state = backendState();
  const current = tf.engine().backendName as string | null | undefined;
  if (state.selected && (!requested || requested === state.selected)) {
    if (current !== state.selected) await tf.setBackend(state.selected);
    return state.selected;
  }
  const importer = options.importModule ?? defaultImport;
  const order: readonly BackendName[] = requested ? [requested] : BACKEND_NAMES;
  const reasons: string[] = [];
  for (const name of order) {
    const reason = await tryBackend(name, importer);
    if (reason === undefined) {
      state.selected = name;
      state.reasons = reasons;
      const log = options.log === undefined ? (m: string) => console.error(m) : options.log;
      const why = requested ? ` (forced by ${fromOption ? 'option' : 'RNN_NADE_BACKEND'})` : reasons.length ? ` (${reasons.join('; ')})` : '';
      log?.(`rnn-nade: using tfjs backend "${name}"${why}`);
      return name;
    }
    reasons.push(`${name}: ${reason}`);
    if (requested) {
      throw new ConfigError(`Backend "${name}" was requested by ${fromOption ? 'the backend option' : 'RNN_NADE_BACKEND'} but is not available: ${reason}.`);
    }
  }
  throw new ConfigError(`No tfjs backend could be initialised (${reasons.join('; ')}).`);
}

/** The backend chosen by {@link initBackend}, or `undefined` before the first successful call. */
export function activeBackend(): BackendName | undefined {
  return backendState().selected;
}

/**
 * Validates a backend name (case-insensitive, trimmed). Empty or `'auto'` means "the default order".
 * @throws ConfigError naming the valid backends.
 */
export function parseBackendName(raw: string | undefined, source = 'backend'): BackendName | undefined {
  if (raw === undefined) return undefined;
  const name = String(raw).trim().toLowerCase();
  if (name === '' || name === 'auto') return undefined;
  if (!(BACKEND_NAMES as readonly string[]).includes(name)) {
    throw new ConfigError(`Unknown backend "${raw}" (from ${source}). Valid backends: ${BACKEND_NAMES.join(', ')} (or auto).`);
  }
  return name as BackendName;
}

/** Starts `name`; returns undefined on success, else why it is unavailable. */
async function tryBackend(name: BackendName, importer: (s: string) => Promise<unknown>): Promise<string | undefined> {
  if (name === 'tensorflow') {
    const why: string[] = [];
    for (const pkg of TENSORFLOW_PACKAGES) {
      try {
        await importer(pkg);
      } catch (e) {
        why.push(`${pkg} ${isNotFound(e) ? 'is not installed' : `failed to load (${messageOf(e)})`}`);
        continue;
      }
      if (!tf.findBackendFactory('tensorflow')) {
        why.push(`${pkg} loaded but registered no "tensorflow" backend with this @tensorflow/tfjs-core (duplicate tfjs-core copies?)`);
        continue;
      }
      const started = await setBackendQuietly('tensorflow');
      if (started === undefined) return undefined;
      why.push(`${pkg}: ${started}`);
    }
    return why.join(', ');
  }
  return setBackendQuietly(name);
}

async function setBackendQuietly(name: string): Promise<string | undefined> {
  try {
    return (await tf.setBackend(name)) ? undefined : `the "${name}" backend failed to initialise`;
  } catch (e) {
    return `the "${name}" backend failed to initialise (${messageOf(e)})`;
  }
}

function isNotFound(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || /Cannot find (module|package)|Could not resolve/.test(messageOf(e));
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
