import * as tf from '@tensorflow/tfjs-core';

/** Which implementation the encoder's LSTM layers and attention use. */
export type EncoderImplementation = 'auto' | 'tensor' | 'cpu';

let implementation: EncoderImplementation = 'auto';

/**
 * Chooses how the encoder (LSTM layers and attention) computes: `'tensor'` (tfjs ops only, any
 * backend), `'cpu'` (matMuls as tfjs kernels, the small per-step / per-window arithmetic on plain
 * arrays: several times faster on wasm and cpu, where each small tfjs op costs ~10 µs whatever
 * its size; it reads data back to JS, so it is slow on GPU backends), or `'auto'` (default:
 * `'cpu'` on the wasm and cpu backends, `'tensor'` elsewhere). Both compute the same function
 * with the same gradients (tested). Returns the previous setting.
 *
 * @example
 * ```ts
 * const previous = setEncoderImplementation('tensor');
 * try { ... } finally { setEncoderImplementation(previous); }
 * ```
 */
export function setEncoderImplementation(impl: EncoderImplementation): EncoderImplementation {
  const previous = implementation;
  implementation = impl;
  return previous;
}

/** True when the plain-array implementation should be used now. */
export function useCpuImplementation(): boolean {
  if (implementation !== 'auto') return implementation === 'cpu';
  const backend = tf.getBackend();
  return backend === 'wasm' || backend === 'cpu';
}
