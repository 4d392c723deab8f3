import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@rnn-nade/core';
import type { TrainBackendChoice } from '../src/train-protocol';
import { useBundledWasm } from './wasm-paths';

/** Whether WebGL2 runs on a real GPU here (a software rasteriser would be slower than wasm). */
function hardwareWebgl(): boolean {
  if (typeof OffscreenCanvas === 'undefined') return false;
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return false;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  return !/swiftshader|llvmpipe|software/i.test(renderer);
}

async function hasWebgpuAdapter(): Promise<boolean> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  return gpu ? (await gpu.requestAdapter().catch(() => null)) !== null : false;
}

async function tryGpu(name: 'webgpu' | 'webgl'): Promise<boolean> {
  try {
    if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
    else await import('@tensorflow/tfjs-backend-webgl');
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/**
 * Starts the backend the user asked for, inside the training worker. `auto` takes WebGPU when
 * an adapter exists, then WebGL2 on a hardware renderer, else the wasm backend (SIMD), which is
 * also the fallback when a GPU backend fails to start. Returns the backend's name and, when it
 * differs from the request, why.
 */
export async function pickBackend(choice: TrainBackendChoice): Promise<{ name: string; note: string }> {
  const gpuOrder: ('webgpu' | 'webgl')[] =
    choice === 'auto'
      ? [...((await hasWebgpuAdapter()) ? (['webgpu'] as const) : []), ...(hardwareWebgl() ? (['webgl'] as const) : [])]
      : choice === 'wasm'
        ? []
        : [choice];
  for (const name of gpuOrder) if (await tryGpu(name)) return { name, note: '' };
  useBundledWasm();
  const name = await initBackend({ backend: 'wasm', log: null });
  const note = choice === 'auto' || choice === 'wasm' ? '' : `${choice} is not available here, so training uses wasm`;
  return { name, note };
}
