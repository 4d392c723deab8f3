/**
 * Worker-thread entry of {@link preprocessMidiToCache}: announces `{ ready: true }`, then receives `{ id, jobs, options }` and answers
 * `{ id, result }` (the packed bytes transferred, not copied) or `{ id, error }`.
 * @internal
 */
import { parentPort } from 'node:worker_threads';
import { preprocessChunk, type PreprocessJob, type PreprocessRollOptions } from './preprocess-chunk';

parentPort?.on('message', (msg: { id: number; jobs: PreprocessJob[]; options: PreprocessRollOptions }) => {
  try {
    const result = preprocessChunk(msg.jobs, msg.options);
    parentPort!.postMessage({ id: msg.id, result }, [result.bytes.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({ id: msg.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
});
parentPort?.postMessage({ ready: true });
