import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { ConfigError } from '../util/errors';

/** Backends rnn-nade can run on, in order of preference. */
export const BACKEND_NAMES = ['tensorflow', 'wasm', 'cpu'] as const;
/** A backend name: `tensorflow` (tfjs-node[-gpu]), `wasm` (default) or `cpu`. */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /** Force a backend; defaults to `RNN_NADE_BACKEND`, then the best available. */
  readonly backend?: BackendName | string;
  /** Where the one-line "using backend X" message goes (default: `console.error`; `null` = silent). */
  readonly log?: ((message: string) => void) | null;
}

let initialised: BackendName | undefined;

/**
 * Selects and initialises the tfjs backend once per process (later calls return the same
 * choice unless a different backend is requested explicitly).
 *
 * @example
 * ```ts
 * const backend = await initBackend(); // 'wasm' on a machine without tfjs-node
 * ```
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendName> {
  const requested = options.backend ?? process.env.RNN_NADE_BACKEND ?? undefined;
  if (requested !== undefined && requested !== '' && !(BACKEND_NAMES as readonly string[]).includes(requested)) {
    throw new ConfigError(`Unknown backend "${requested}". Valid backends: ${BACKEND_NAMES.join(', ')}.`);
  }
  if (initialised && (!requested || requested === initialised)) return initialised;
  const order: BackendName[] = requested ? [requested as BackendName] : ['tensorflow', 'wasm', 'cpu'];
  for (const name of order) {
    if (await tryBackend(name)) {
      initialised = name;
      const log = options.log === undefined ? (m: string) => console.error(m) : options.log;
      log?.(`rnn-nade: using tfjs backend "${name}"`);
      return name;
    }
    if (requested) throw new ConfigError(`Backend "${name}" is not available on this machine.`);
  }
  throw new ConfigError('No tfjs backend could be initialised.');
}

async function tryBackend(name: BackendName): Promise<boolean> {
  if (name === 'tensorflow') {
    for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
      try {
        await import(/* @vite-ignore */ pkg);
        return await tf.setBackend('tensorflow');
      } catch {
        /* optional peer not installed */
      }
    }
    return false;
  }
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}
