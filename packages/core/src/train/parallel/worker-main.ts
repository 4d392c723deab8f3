/**
 * Entry point of a training worker thread (Node only): builds a replica of the model on its own
 * tfjs backend, then answers `step` messages with the gradient of its rows of the chunk, written
 * into its region of the shared gradient buffer. The carried encoder state of its rows stays here.
 * @internal
 */
import * as tf from '@tensorflow/tfjs-core';
import { parentPort } from 'node:worker_threads';
import { initBackend } from '../../backend/select';
import { getEstimatorFactory } from '../../estimator/registry';
import { SequenceModel } from '../../model/sequence-model';
import { Rng } from '../../util/rng';
import { weightLayout, readEntry, type WeightLayout } from './weight-layout';
import type { FromWorker, ToWorker, WorkerInit, WorkerStep } from './worker-protocol';

interface Replica {
  model: SequenceModel;
  layout: WeightLayout;
  weights: Float32Array;
  grads: Float32Array;
  control: Int32Array;
  version: number;
  state: tf.Tensor[] | undefined;
}

const port = parentPort;
if (!port) throw new Error('worker-main must run in a worker thread.');
let replica: Replica | undefined;
const send = (m: FromWorker) => port.postMessage(m);

port.on('message', (message: ToWorker) => {
  void handle(message).catch((error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    send({ kind: 'failed', message: e.message, stack: e.stack });
  });
});

async function handle(message: ToWorker): Promise<void> {
  if (message.kind === 'init') {
    replica = await build(message);
    send({ kind: 'ready' });
  } else if (message.kind === 'step') {
    send(step(replica!, message));
  } else {
    if (replica) {
      tf.dispose(replica.state ?? []);
      replica.model.dispose();
    }
    port!.close();
  }
}

async function build(init: WorkerInit): Promise<Replica> {
  await initBackend({ backend: init.backend, log: null });
  for (const m of init.modules) await import(/* @vite-ignore */ m);
  const className = (init.modelJson.estimator as { className: string }).className;
  try {
    getEstimatorFactory(className);
  } catch (error) {
    // the namespaced class name starts with its npm package: import it and try again
    const pkg = className.slice(0, className.lastIndexOf('>'));
    try {
      await import(/* @vite-ignore */ pkg);
    } catch {
      throw error;
    }
  }
  const { model } = SequenceModel.fromContents({ json: init.modelJson, tensors: init.weights }, { source: 'training worker' });
  const layout = weightLayout(model.variables);
  const grads = new Float32Array(init.gradBuffer, init.index * layout.total * 4, layout.total);
  return { model, layout, weights: new Float32Array(init.weightBuffer), grads, control: new Int32Array(init.control), version: 0, state: undefined };
}

function syncWeights(r: Replica): void {
  const version = Atomics.load(r.control, 0);
  if (version === r.version) return;
  for (const e of r.layout.entries) {
    const v = r.model.variables[e.name]!;
    tf.tidy(() => v.assign(tf.tensor(readEntry(r.weights, e), e.shape as number[], 'float32')));
  }
  r.version = version;
}

function step(r: Replica, message: WorkerStep): FromWorker {
  syncWeights(r);
  const { batch } = message;
  if (batch.reset && r.state) {
    tf.dispose(r.state);
    r.state = undefined;
  }
  const rng = new Rng(message.seed);
  const varList = r.layout.entries.map((e) => r.model.variables[e.name]!);
  let frames = 0;
  let finalState: tf.Tensor[] = [];
  const { value, grads } = tf.variableGrads(() => {
    const out = r.model.batchLoss(batch, { training: true, rng, state: r.state });
    frames = out.frames;
    finalState = out.finalState;
    return tf.div(out.loss, Math.max(message.totalFrames, 1)) as tf.Scalar;
  }, varList);
  if (r.state) tf.dispose(r.state);
  r.state = finalState;
  for (const e of r.layout.entries) {
    const g = grads[r.model.variables[e.name]!.name];
    if (g) r.grads.set(g.dataSync() as Float32Array, e.offset);
    else r.grads.fill(0, e.offset, e.offset + e.size);
  }
  const loss = (value.dataSync() as Float32Array)[0]!;
  tf.dispose([value, ...Object.values(grads)]);
  return { kind: 'done', loss, frames };
}
