/**
 * Run in a child process by node-entry.test.ts: uses only the universal main entry (no
 * `@rnn-nade/core/node`) and prints, as JSON, what each Node-only capability does there.
 */
import { SequenceModel, initBackend, memoryModelIO, registerEstimator, train } from '@rnn-nade/core';
import { LogisticEstimator } from '../model/__fixtures__/logistic-estimator';

await initBackend({ log: null, backend: 'cpu' });
registerEstimator({ className: '@rnn-nade/core-test>Logistic', fromConfig: (c) => new LogisticEstimator(c as { dim: number; withBias: boolean }) });
const model = SequenceModel.create({ encoder: { inputDim: 3, hidden: 4 }, estimator: new LogisticEstimator({ dim: 3, withBias: true }), seed: 1 });
const seqs = [{ steps: 4, dim: 3, data: new Float32Array(12).map((_, i) => i % 2) }];
const outcome = async (run: () => Promise<unknown>): Promise<string> => {
  try {
    await run();
    return 'ok';
  } catch (error) {
    return `${(error as { code?: string }).code}: ${(error as Error).message}`;
  }
};
const result = {
  save: await outcome(() => model.save('some/folder')),
  load: await outcome(() => SequenceModel.load('some/folder')),
  memory: await outcome(async () => {
    const store = memoryModelIO();
    await model.save(store);
    (await SequenceModel.load(store)).model.dispose();
  }),
  runDir: await outcome(() => train(model, { train: seqs, valid: [] }, { epochs: 1, progress: 'none', runDir: 'some/run' })),
  workers: await outcome(() => train(model, { train: seqs, valid: [] }, { epochs: 1, progress: 'none', workers: 2 })),
  trainsInMemory: await outcome(() => train(model, { train: seqs, valid: [] }, { epochs: 1, progress: 'none' })),
};
console.log(JSON.stringify(result));
