/** Backends rnn-nade can run on, in order of preference. */
export const BACKEND_NAMES = ['tensorflow', 'wasm', 'cpu'] as const;

/** A backend name: `tensorflow` (tfjs-node-gpu / tfjs-node), `wasm` (default) or `cpu`. */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** The optional packages that provide the `tensorflow` backend, in order of preference. */
export const TENSORFLOW_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;
