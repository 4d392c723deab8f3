import * as tf from '@tensorflow/tfjs-core';
import { fusedKernelAvailable } from '../fast/kernel-backend';
import { ConfigError } from '../util/errors';
import { LSTM_SEQUENCE } from './lstm-kernel';

/** Which implementation the encoder's LSTM layers and attention use. */
export type EncoderImplementation = 'auto' | 'tensor' | 'cpu';

let implementation: EncoderImplementation = 'auto';

/**
 * Chooses how the encoder (LSTM layers and attention) computes: `'tensor'` (tfjs ops only, any
 * backend), `'cpu'` (the fused kernels registered for the cpu and wasm backends: matMuls as the
 * backend's kernels, the small per-step / per-window arithmetic on plain arrays; several times
 * faster there, where each small tfjs op costs ~10 µs whatever its size), or `'auto'` (default:
 * the fused kernels wherever they are registered for the active backend, tfjs ops elsewhere). Both compute the same function
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

/**
 * True when the fused kernels should be used now.
 * @throws ConfigError when `'cpu'` is forced on a backend they are not registered for.
 */
export function useCpuImplementation(): boolean {
  const available = fusedKernelAvailable(LSTM_SEQUENCE);
  if (implementation === 'cpu' && !available) {
    throw new ConfigError(
      `setEncoderImplementation('cpu'): the fused encoder kernels are not registered for backend "${tf.getBackend()}" (only cpu and wasm).`,
    );
  }
  return implementation === 'auto' ? available : implementation === 'cpu';
}
