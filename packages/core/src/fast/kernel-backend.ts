import * as tf from '@tensorflow/tfjs-core';

/**
 * Backends whose tensors live in JS-reachable memory, where a kernel may run plain-array loops
 * (the `*Impl` functions) over its inputs, as tfjs-backend-cpu's kernels do.
 */
export const CPU_SIDE_BACKENDS = ['cpu', 'wasm'] as const;

/** What a fused kernel function receives: its inputs and attributes, and helpers bound to the backend. */
export interface FusedKernelArgs {
  /** The kernel's inputs by name. */
  readonly inputs: tf.NamedTensorInfoMap;
  /** The kernel's attributes. */
  readonly attrs: tf.NamedAttrMap;
  /** Reads an input (or any tensor of this backend) as float32 values. */
  read(info: tf.TensorInfo): Float32Array;
  /** A new float32 output of `shape` holding `values`. */
  output(shape: readonly number[], values: Float32Array): tf.TensorInfo;
  /** `a @ b` with the backend's own BatchMatMul kernel (no tape, no engine bookkeeping); dispose the result with `dispose`. */
  matMul(a: tf.TensorInfo, b: tf.TensorInfo, options?: { transposeA?: boolean; transposeB?: boolean }): tf.TensorInfo;
  /** Releases intermediate tensors created with `output` or `matMul` that are not returned. */
  dispose(...infos: tf.TensorInfo[]): void;
}

/**
 * Registers a fused kernel for every CPU-side backend (cpu, wasm), the way tfjs backends register
 * theirs (`tf.registerKernel`, once per process: a kernel already registered — e.g. by a second
 * copy of this package — is left alone). `kernelFunc` returns one output or several; it calls
 * the backend's own kernels (BatchMatMul) directly, like tfjs-backend-cpu's fused kernels, so
 * that nothing it does is recorded on a gradient tape. On other backends the kernel is not
 * registered, and callers use plain tfjs ops there (see {@link fusedKernelAvailable}).
 * `preferredOn` lists the backends where the kernel is the faster path (see {@link fusedKernelPreferred}).
 *
 * @example
 * ```ts
 * registerFusedKernel('MyKernel', ({ inputs, read, output }) => {
 *   const x = read(inputs.x!);
 *   return output(inputs.x!.shape, x.map((v) => 2 * v));
 * });
 * const y = tf.engine().runKernel('MyKernel', { x }) as tf.Tensor;
 * ```
 */
export function registerFusedKernel(
  kernelName: string,
  kernelFunc: (args: FusedKernelArgs) => tf.TensorInfo | tf.TensorInfo[],
  options: { preferredOn?: readonly string[] } = {},
): void {
  preferred.set(kernelName, options.preferredOn ?? CPU_SIDE_BACKENDS);
  for (const backendName of CPU_SIDE_BACKENDS) {
    if (tf.getKernel(kernelName, backendName)) continue;
    tf.registerKernel({
      kernelName,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => kernelFunc(bind(backendName, backend as tf.KernelBackend, inputs, attrs ?? {})),
    });
  }
}

/** Backends on which each fused kernel beats the plain-op formulation (set at registration). */
const preferred = new Map<string, readonly string[]>();

/** Whether `kernelName` is registered for the active backend (else use the plain-op path). */
export function fusedKernelAvailable(kernelName: string): boolean {
  return tf.getKernel(kernelName, tf.getBackend()) !== undefined;
}

/**
 * Whether `'auto'` should use `kernelName` on the active backend: it is registered there and was
 * registered as the faster path there (`preferredOn`, default every CPU-side backend).
 */
export function fusedKernelPreferred(kernelName: string): boolean {
  return fusedKernelAvailable(kernelName) && (preferred.get(kernelName) ?? CPU_SIDE_BACKENDS).includes(tf.getBackend());
}

/** Registers the gradient of a fused kernel unless one is registered already (see {@link registerFusedKernel}). */
export function registerFusedGradient(config: tf.GradConfig): void {
  if (!tf.getGradient(config.kernelName)) tf.registerGradient(config);
}

function bind(backendName: string, backend: tf.KernelBackend, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap): FusedKernelArgs {
  const batchMatMul = tf.getKernel(tf.BatchMatMul, backendName)!.kernelFunc;
  return {
    inputs,
    attrs,
    read: (info) => backend.readSync(info.dataId) as Float32Array,
    output: (shape, values) => ({ dataId: backend.write(values, [...shape], 'float32'), shape: [...shape], dtype: 'float32' }),
    matMul: (a, b, options = {}) =>
      batchMatMul({
        inputs: { a, b },
        backend,
        attrs: { transposeA: options.transposeA ?? false, transposeB: options.transposeB ?? false },
      }) as tf.TensorInfo,
    dispose: (...infos) => {
      for (const info of infos) backend.disposeData(info.dataId);
    },
  };
}
