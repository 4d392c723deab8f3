/**
 * `@rnn-nade/core/advanced`: every building block of core, including the internals behind the
 * public API (the encoder layers and kernels, the fast sampling path, optimizers and the training
 * step, model-file parsing and checksums, run-state plumbing) — for estimator authors who register
 * fused kernels, and for tools that need the pieces. Browser-safe like the main entry. These
 * names may change in a minor release; the main entry `@rnn-nade/core` is the stable API.
 *
 * @example
 * ```ts
 * import { registerFusedKernel, fusedKernelAvailable } from '@rnn-nade/core/advanced';
 * ```
 * @module @rnn-nade/core/advanced
 */
export * from './estimator/contract';
export * from './estimator/registry';
export * from './util/rng';
export * from './util/errors';
export * from './util/single-copy';
export * from './backend/select';
export * from './data/sequence';
export * from './conditioning/index';
export * from './io/index';
export * from './encoder/index';
export * from './model/index';
export * from './eval/index';
export * from './sample/index';
export * from './fast/index';
export * from './train/index';
export * from './baselines/index';
export * from './svg/text-width';
