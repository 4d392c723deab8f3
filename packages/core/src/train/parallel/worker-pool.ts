import type { Worker } from 'node:worker_threads';
import type { PaddedBatch } from '../../model/batches';
import type * as tf from '@tensorflow/tfjs-core';
import { spawnTrainingWorker } from './spawn-worker';
import { WorkerCrashError } from './worker-error';
import { writeVariables, type WeightLayout } from './weight-layout';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol';

/** What a pool needs to start its replicas: the replica fields of {@link WorkerInit}, the pool size and the weight layout. */
export interface WorkerPoolOptions extends Pick<WorkerInit, 'backend' | 'modules' | 'modelJson' | 'weights'> {
  /** Number of worker threads. */
  readonly size: number;
  /** Layout of the trainable weights in the shared buffers. */
  readonly layout: WeightLayout;
}

/** What one worker reported for one step. */
export interface WorkerResult {
  /** Its share of the chunk's mean loss per frame. */
  readonly loss: number;
  /** Real frames in its rows. */
  readonly frames: number;
}

type Pending = { resolve: (m: FromWorker) => void; reject: (e: Error) => void };

/**
 * Worker threads holding replicas of one model (Node only). Weights go to the workers through
 * one SharedArrayBuffer (written by {@link broadcast}), gradients come back through another,
 * one region per worker; messages carry only the batch rows and a few numbers. A worker that
 * throws, crashes or exits rejects every pending and later call with {@link WorkerCrashError}.
 * @internal
 */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly pending: (Pending | undefined)[] = [];
  private readonly weights: Float32Array;
  private readonly grads: Float32Array;
  private readonly control: Int32Array;
  private failure: WorkerCrashError | undefined;
  private closing = false;

  private constructor(
    readonly layout: WeightLayout,
    readonly size: number,
  ) {
    this.weights = new Float32Array(new SharedArrayBuffer(layout.total * 4));
    this.grads = new Float32Array(new SharedArrayBuffer(size * layout.total * 4));
    this.control = new Int32Array(new SharedArrayBuffer(4));
  }

  /** Starts `options.size` workers and waits until each has built its replica. */
  static async start(options: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(options.layout, options.size);
    try {
      const ready = [];
      for (let k = 0; k < options.size; k++) {
        pool.attach(k, spawnTrainingWorker());
        ready.push(
          pool.request(k, {
            kind: 'init',
            index: k,
            backend: options.backend,
            modules: options.modules,
            modelJson: options.modelJson,
            weights: options.weights,
            weightBuffer: pool.weights.buffer as SharedArrayBuffer,
            gradBuffer: pool.grads.buffer as SharedArrayBuffer,
            control: pool.control.buffer as SharedArrayBuffer,
          }),
        );
      }
      await Promise.all(ready);
      return pool;
    } catch (error) {
      await pool.close();
      throw error;
    }
  }

  /** Writes the current trainable weights to the shared buffer; workers pick them up at their next step. */
  broadcast(variables: Readonly<Record<string, tf.Variable>>): void {
    writeVariables(this.layout, variables, this.weights);
    Atomics.add(this.control, 0, 1);
  }

  /** Runs one step on the workers given a batch each (`null` = idle this step). */
  async step(batches: readonly (PaddedBatch | null)[], options: { totalFrames: number; seeds: readonly number[] }): Promise<(WorkerResult | null)[]> {
    const runs = batches.map((batch, k) => {
      if (!batch) return Promise.resolve(null);
      const transfer = [batch.inputs.buffer, batch.targets.buffer, batch.mask.buffer] as ArrayBuffer[];
      if (batch.conditioning) transfer.push(batch.conditioning.buffer as ArrayBuffer);
      return this.request(k, { kind: 'step', batch, totalFrames: options.totalFrames, seed: options.seeds[k]! }, transfer).then((m) => {
        if (m.kind !== 'done') throw new WorkerCrashError(k, `Training worker ${k} answered "${m.kind}" to a step.`);
        return { loss: m.loss, frames: m.frames };
      });
    });
    return Promise.all(runs);
  }

  /** Worker k's gradient of its last step, in the layout's order (a view: read before the next step). */
  gradient(k: number): Float32Array {
    return this.grads.subarray(k * this.layout.total, (k + 1) * this.layout.total);
  }

  /** Stops every worker (idempotent). */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private attach(k: number, worker: Worker): void {
    this.workers[k] = worker;
    worker.on('message', (m: FromWorker) => {
      const p = this.pending[k];
      this.pending[k] = undefined;
      if (!p) return;
      if (m.kind === 'failed') p.reject(new WorkerCrashError(k, `Training worker ${k} failed: ${m.message}`));
      else p.resolve(m);
    });
    worker.on('error', (e) => this.fail(k, `Training worker ${k} crashed: ${e.message}`, e));
    worker.on('exit', (code) => {
      if (!this.closing) this.fail(k, `Training worker ${k} exited unexpectedly (exit code ${code}).`);
    });
  }

  private fail(k: number, message: string, cause?: unknown): void {
    this.failure ??= new WorkerCrashError(k, message, { cause });
    for (let i = 0; i < this.pending.length; i++) {
      this.pending[i]?.reject(this.failure);
      this.pending[i] = undefined;
    }
  }

  private request(k: number, message: ToWorker, transfer: ArrayBuffer[] = []): Promise<FromWorker> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<FromWorker>((resolve, reject) => {
      this.pending[k] = { resolve, reject };
      this.workers[k]!.postMessage(message, transfer);
    });
  }
}
