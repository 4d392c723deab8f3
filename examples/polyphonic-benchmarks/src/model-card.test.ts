import { describe, expect, it } from 'vitest';
import { modelCard } from './model-card';
import type { JsonValue } from '@rnn-nade/core/node';
import { groupRepeats, type InitFromInfo } from './init-from-info';

describe('model card', () => {
  const card = modelCard({
    name: 'jsb-rnn-nade',
    encoder: { inputDim: 88, hidden: 200, layers: 1, attentionWindow: 0, dropout: 0.3, projectionHidden: 0 },
    estimator: { className: '@rnn-nade/estimator-nade>NADE', config: { dim: 88, hidden: 150 } },
    metadata: {
      data: { dataset: 'jsb', low: 21, dim: 88, stepsPerQuarter: 1 },
      training: {
        command: 'npm run train -w examples/polyphonic-benchmarks -- --corpus jsb --estimator nade',
        backend: 'wasm',
        seed: 1,
        epochsCompleted: 30,
        bestEpoch: 27,
        bestValidLossPerStep: 5.91234,
        seconds: 900.5,
        config: { lr: 0.004, batchSize: 8 },
      },
    },
    test: { logLikelihoodPerStep: -5.8765, accuracy: 0.3012, frames: 4725, sequences: 77, samples: 1 },
    evalBackend: 'wasm',
    weightBytes: 1_200_000,
  });

  it('states the test metrics, the commands and the config', () => {
    expect(card).toContain('# jsb-rnn-nade: RNN-NADE on jsb');
    expect(card).toContain('**-5.877**');
    expect(card).toContain('30.12 %');
    expect(card).toContain('4,725 test frames of 77 sequences');
    expect(card).toContain('`npx rnn-nade eval --model models/jsb-rnn-nade --dataset jsb --split test --samples 1 --seed 0 --accuracy per-frame --json`');
    expect(card).toContain('per frame averaged over all test frames as ICML 2012 (1 sample(s) per step, seed 0) | 30.12 % |');
    expect(card).toContain('npm run train -w examples/polyphonic-benchmarks -- --corpus jsb --estimator nade\n```');
    expect(card).toContain('| best validation NLL per frame | 5.9123 |');
    expect(card).toContain('| dropout | 0.3 |');
    expect(card).toContain('| lr | 0.004 |');
    expect(card).toContain('(1172 KiB, float32 little-endian)');
  });

  it('says which runs a warm-started model started from, earliest first, before its own command', () => {
    const first = {
      model: 'models/jsb-rnn-nade',
      command: 'npm run train -- --corpus jsb --epochs 500',
      epochsCompleted: 500,
      bestValidLossPerStep: 5.40061,
      seconds: 9000,
      stoppedEarly: false,
      initFrom: null,
    };
    const second = {
      ...first,
      command: 'npm run train -- --corpus jsb --lr 0.0003 --init-from models/jsb-rnn-nade',
      epochsCompleted: 40,
      seconds: 300,
      stoppedEarly: true,
      initFrom: first,
    };
    const warm = warmCard({
      command: 'npm run train -- --corpus jsb --lr 0.0001 --init-from models/jsb-rnn-nade',
      epochsCompleted: 12,
      seconds: 90,
      initFrom: second,
    });
    const a = warm.indexOf('--epochs 500\n```');
    const b = warm.indexOf('--lr 0.0003 --init-from models/jsb-rnn-nade\n```');
    const c = warm.indexOf('Then trained from those weights by:\n\n```sh\nnpm run train -- --corpus jsb --lr 0.0001');
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
    expect(warm).toContain('(500 epochs, best validation NLL per frame 5.4006, 9000 s, not stopped by early stopping)');
    expect(warm).toContain('(40 epochs, best validation NLL per frame 5.4006, 300 s, stopped by early stopping)');
    expect(warm).toContain('| epochs completed | 12 (this run only) |');
    expect(card).toContain('Trained by:');
    expect(card).not.toContain('Started from');
  });

  it('writes a chain of warm restarts that repeat one command as one paragraph', () => {
    const first: InitFromInfo = {
      model: 'models/x',
      command: 'train --lr 0.003',
      epochsCompleted: 500,
      bestValidLossPerStep: 5.4,
      seconds: 9000,
      stoppedEarly: false,
      initFrom: null,
    };
    const restart = (initFrom: InitFromInfo, valid: number): InitFromInfo => ({
      ...first,
      command: 'train --lr 0.0003 --init-from models/x',
      epochsCompleted: 78,
      bestValidLossPerStep: valid,
      seconds: 600,
      stoppedEarly: true,
      initFrom,
    });
    const chain = restart(restart(restart(first, 5.36), 5.34), 5.32);
    const card = warmCard({ command: 'train --lr 0.0003 --init-from models/x', epochsCompleted: 77, seconds: 550, initFrom: chain as unknown as JsonValue });
    expect(card.match(/Started from/g)).toHaveLength(2);
    expect(card).toContain(
      '(3 runs in a row, each from the best weights of the one before: epochs 78, 78, 78; best validation NLL per frame 5.3600 → 5.3400 → 5.3200; 600, 600, 600 s; stopped by early stopping), each trained by:',
    );
    expect(card.match(/train --lr 0\.0003 --init-from models\/x\n```/g)).toHaveLength(2); // the chain's and the model's own
  });
});

/** The card of a JSB RNN-NADE whose `metadata.training` is `training` (the rest fixed). */
function warmCard(training: JsonValue): string {
  return modelCard({
    name: 'jsb-rnn-nade',
    encoder: {},
    estimator: { className: '@rnn-nade/estimator-nade>NADE', config: {} },
    metadata: { data: { dataset: 'jsb' }, training },
    test: { logLikelihoodPerStep: -5.4, accuracy: null, frames: 1, sequences: 1, samples: 1 },
    evalBackend: 'wasm',
    weightBytes: 1024,
  });
}

describe('groupRepeats', () => {
  it('groups consecutive equal keys and never groups null keys', () => {
    expect(groupRepeats(['a', 'b', 'b', 'c', 'b'], (c) => c)).toEqual([['a'], ['b', 'b'], ['c'], ['b']]);
    expect(groupRepeats([null, null, 'a'], (c) => c)).toEqual([[null], [null], ['a']]);
    expect(groupRepeats([], (c: string) => c)).toEqual([]);
  });
});
