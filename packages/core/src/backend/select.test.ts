import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BACKEND_NAMES, ConfigError, activeBackend, initBackend } from '@rnn-nade/core';
import { parseBackendName } from '@rnn-nade/core/advanced';
import { resetBackendState } from './selection-state';

/** Collects log lines. */
function logger() {
  const lines: string[] = [];
  return { lines, log: (m: string) => void lines.push(m) };
}

/** A fake '@tensorflow/tfjs-node' that registers a "tensorflow" backend (the cpu kernels under another name). */
function fakeTfjsNode(): () => void {
  tf.registerBackend('tensorflow', () => new MathBackendCPU(), 0);
  const kernels = tf.getKernelsForBackend('cpu');
  for (const k of kernels) tf.registerKernel({ ...k, backendName: 'tensorflow' });
  return () => {
    for (const k of kernels) tf.unregisterKernel(k.kernelName, 'tensorflow');
    tf.removeBackend('tensorflow');
  };
}

const notFound = (s: string) => Object.assign(new Error(`Cannot find package '${s}'`), { code: 'ERR_MODULE_NOT_FOUND' });

beforeEach(() => {
  resetBackendState();
  vi.stubEnv('RNN_NADE_BACKEND', '');
});

afterEach(async () => {
  vi.unstubAllEnvs();
  resetBackendState();
  await tf.setBackend('wasm');
});

describe('initBackend', () => {
  it('falls back to wasm when the optional tfjs-node packages are absent (this machine)', async () => {
    const { lines, log } = logger();
    expect(await initBackend({ log })).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(activeBackend()).toBe('wasm');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/using tfjs backend "wasm"/);
    expect(lines[0]).toMatch(/@tensorflow\/tfjs-node-gpu is not installed, @tensorflow\/tfjs-node is not installed/);
    // really runs: a tiny op on the selected backend
    const t = tf.add(tf.scalar(2), tf.scalar(3));
    expect(t.dataSync()[0]).toBe(5);
    t.dispose();
  });

  it('logs the choice once per process', async () => {
    const { lines, log } = logger();
    await initBackend({ log });
    await initBackend({ log });
    await initBackend({ log, backend: 'wasm' });
    await initBackend({ log, backend: 'auto' });
    expect(lines).toHaveLength(1);
  });

  it('RNN_NADE_BACKEND=cpu forces cpu, and the option overrides the variable', async () => {
    vi.stubEnv('RNN_NADE_BACKEND', 'cpu');
    const { lines, log } = logger();
    expect(await initBackend({ log })).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(lines).toEqual(['rnn-nade: using tfjs backend "cpu" (forced by RNN_NADE_BACKEND)']);
    resetBackendState();
    expect(await initBackend({ log, backend: 'wasm' })).toBe('wasm');
    expect(lines[1]).toMatch(/"wasm" \(forced by option\)/);
  });

  it('an explicit different backend after the first choice switches (and logs again)', async () => {
    const { lines, log } = logger();
    await initBackend({ log });
    expect(await initBackend({ log, backend: 'cpu' })).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(lines).toHaveLength(2);
    expect(await initBackend({ log })).toBe('cpu'); // the later default call keeps the explicit choice
  });

  it('unknown names throw a ConfigError listing the valid ones', async () => {
    await expect(initBackend({ backend: 'webgpu', log: null })).rejects.toThrow(ConfigError);
    await expect(initBackend({ backend: 'webgpu', log: null })).rejects.toThrow(
      'Unknown backend "webgpu" (from option backend). Valid backends: tensorflow, wasm, cpu (or auto).',
    );
    vi.stubEnv('RNN_NADE_BACKEND', 'gpu');
    await expect(initBackend({ log: null })).rejects.toThrow(/Unknown backend "gpu" \(from RNN_NADE_BACKEND\)/);
    expect(activeBackend()).toBeUndefined();
  });

  it('names are trimmed and case-insensitive; empty and auto mean the default order', () => {
    expect(parseBackendName(' CPU ')).toBe('cpu');
    expect(parseBackendName('')).toBeUndefined();
    expect(parseBackendName('auto')).toBeUndefined();
    expect(parseBackendName(undefined)).toBeUndefined();
    expect(BACKEND_NAMES).toEqual(['tensorflow', 'wasm', 'cpu']);
  });

  it('a forced but unavailable tensorflow backend fails clearly', async () => {
    const attempt = initBackend({ backend: 'tensorflow', log: null });
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(initBackend({ backend: 'tensorflow', log: null })).rejects.toThrow(
      /Backend "tensorflow" was requested by the backend option but is not available: @tensorflow\/tfjs-node-gpu is not installed, @tensorflow\/tfjs-node is not installed/,
    );
    expect(activeBackend()).toBeUndefined();
  });

  it('picks tensorflow when tfjs-node is importable (fake module), preferring tfjs-node-gpu', async () => {
    const imported: string[] = [];
    let cleanup: (() => void) | undefined;
    const importModule = async (s: string) => {
      imported.push(s);
      if (s === '@tensorflow/tfjs-node-gpu') throw notFound(s);
      cleanup = fakeTfjsNode();
      return {};
    };
    try {
      const { lines, log } = logger();
      expect(await initBackend({ log, importModule })).toBe('tensorflow');
      expect(imported).toEqual(['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']);
      expect(tf.getBackend()).toBe('tensorflow');
      const t = tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]]));
      expect(t.dataSync()[0]).toBe(11);
      t.dispose();
      expect(lines[0]).toMatch(/using tfjs backend "tensorflow"/);
    } finally {
      await tf.setBackend('wasm');
      cleanup?.();
    }
  });

  it('a tfjs-node that loads but registers no backend (or fails to load) falls back to wasm, saying why', async () => {
    const { lines, log } = logger();
    const importModule = async (s: string) => {
      if (s === '@tensorflow/tfjs-node-gpu') throw new Error('libcudart.so.11.0: cannot open shared object file');
      return {};
    };
    expect(await initBackend({ log, importModule })).toBe('wasm');
    expect(lines[0]).toMatch(/tfjs-node-gpu failed to load \(libcudart\.so\.11\.0/);
    expect(lines[0]).toMatch(/tfjs-node loaded but registered no "tensorflow" backend/);
  });

  it('falls back to cpu when wasm cannot start', async () => {
    const wasmFactory = tf.findBackendFactory('wasm');
    await tf.setBackend('cpu');
    tf.removeBackend('wasm');
    tf.registerBackend(
      'wasm',
      () => {
        throw new Error('no WebAssembly here');
      },
      2,
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {}); // tfjs reports the failed init itself
    try {
      const { lines, log } = logger();
      expect(await initBackend({ log })).toBe('cpu');
      expect(lines[0]).toMatch(/using tfjs backend "cpu" \(.*wasm: the "wasm" backend failed to initialise/);
    } finally {
      warn.mockRestore();
      tf.removeBackend('wasm');
      tf.registerBackend('wasm', wasmFactory, 2);
    }
  });

  it('is silent with log: null', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    await initBackend({ log: null });
    expect(spy).not.toHaveBeenCalled();
    resetBackendState();
    await initBackend();
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});
