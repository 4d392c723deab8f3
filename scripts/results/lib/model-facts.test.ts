import { describe, expect, it } from 'vitest';
import { ICML_2012_ROWS, TARGETS, targetVerdict } from './icml-2012';
import { epochsText, modelFacts, totalTrainingSeconds } from './model-facts';
import { parseSearchLog, rankRuns } from './search-summary';

describe('model facts', () => {
  it('summarises the config and training facts stored in model.json', () => {
    const facts = modelFacts({
      model: { encoder: { hidden: 200, layers: 2, attentionWindow: 8, dropout: 0.2 } },
      estimator: { className: '@rnn-nade/estimator-nade>NADE', config: { dim: 88, hidden: 150 } },
      metadata: {
        data: { dataset: 'jsb' },
        training: {
          command: 'npm run train -w examples/polyphonic-benchmarks -- --corpus jsb',
          backend: 'wasm',
          seed: 3,
          epochsCompleted: 40,
          bestEpoch: 31,
          seconds: 1234.5,
          stoppedEarly: false,
          config: { transpose: 6, lr: 0.002, lrDecay: 0.97, batchSize: 8, chunkSteps: 0, epochs: 200, maxMinutes: 16 },
        },
      },
    });
    expect(facts.configSummary).toBe('LSTM 200×2, attention 8, NADE 150, dropout 0.2, ±6 transposition, Adam 0.002×0.97/epoch, batch 8');
    expect(facts).toMatchObject({
      dataset: 'jsb',
      backend: 'wasm',
      seed: 3,
      epochsCompleted: 40,
      bestEpoch: 31,
      seconds: 1234.5,
      stoppedBy: 'time budget (16 min)',
    });
  });

  it('lists the runs a warm-started model started from, and counts their epochs and time', () => {
    const first = { command: 'train --epochs 500', epochsCompleted: 500, seconds: 9000 };
    const second = { command: 'train --init-from a', epochsCompleted: 40, seconds: 300, initFrom: first };
    const facts = modelFacts({ metadata: { training: { command: 'train --init-from b', epochsCompleted: 12, bestEpoch: 5, seconds: 90, initFrom: second } } });
    expect(facts.warmStarts).toEqual([first, { command: 'train --init-from a', epochsCompleted: 40, seconds: 300 }]);
    expect(epochsText(facts)).toBe('500 + 40 + 12 (best 6 of the last run)');
    expect(totalTrainingSeconds(facts)).toBe(9390);
    const plain = modelFacts({ metadata: { training: { epochsCompleted: 34, bestEpoch: 27, seconds: 10 } } });
    expect(plain.warmStarts).toEqual([]);
    expect(epochsText(plain)).toBe('34 (best 28)');
    expect(totalTrainingSeconds(plain)).toBe(10);
    expect(totalTrainingSeconds(modelFacts({ metadata: { training: { seconds: 10, initFrom: { command: 'x' } } } }))).toBeNull();
    expect(epochsText(modelFacts({ metadata: { training: {} } }))).toBeNull();
  });

  it('says when a run stopped by its epoch limit was still improving, and shows a ReLU projection', () => {
    const run = (bestEpoch: number) =>
      modelFacts({
        model: { encoder: { hidden: 200, layers: 1, attentionWindow: 4, projectionHidden: 150 } },
        metadata: { training: { epochsCompleted: 100, bestEpoch, stoppedEarly: false, config: { epochs: 100, maxMinutes: 0 } } },
      });
    expect(run(98).stoppedBy).toBe('epoch limit, validation still improving (not converged)');
    expect(run(96).stoppedBy).toBe('epoch limit');
    expect(run(60).configSummary).toBe('LSTM 200×1, attention 4, ReLU projection 150');
    const withPatience = (bestEpoch: number) =>
      modelFacts({ metadata: { training: { epochsCompleted: 164, bestEpoch, stoppedEarly: false, config: { epochs: 164, patience: 12 } } } }).stoppedBy;
    expect(withPatience(159)).toBe('epoch limit, 4 epochs after the best, before the patience of 12 ran out (not converged)');
    expect(withPatience(150)).toBe('epoch limit');
    expect(withPatience(162)).toBe('epoch limit, validation still improving (not converged)');
  });

  it('names the learning-rate schedule and 12-key transposition of runs that used them', () => {
    const training = (config: Record<string, string | number>) => ({ metadata: { training: { config: { lr: 0.001, batchSize: 8, ...config } } } });
    expect(modelFacts(training({ lrSchedule: 'plateau', lrPatience: 4, lrFactor: 0.5, lrCooldown: 1, minLr: 1e-5 })).configSummary).toBe(
      'Adam 0.001, plateau ×0.5 after 4 flat checks, cooldown 1, floor 0.00001, batch 8',
    );
    expect(modelFacts(training({ lrSchedule: 'cosine', restartEpochs: 10, restartMultiplier: 2, transposeKeys: 1 })).configSummary).toBe(
      '12-key transposition, Adam 0.001, cosine, restarts every 10 ×2 epochs, batch 8',
    );
    expect(modelFacts(training({ lrSchedule: 'exp', lrDecay: 0.98 })).configSummary).toBe('Adam 0.001×0.98/epoch, batch 8');
    expect(modelFacts(training({ lrSchedule: 'exp', lrDecay: 0.98, weightDecay: 0.01 })).configSummary).toBe(
      'AdamW (weight decay 0.01) 0.001×0.98/epoch, batch 8',
    );
    // a run config without encoder in model.json still shows its sizes
    expect(modelFacts(training({ estimator: 'nade', nadeHidden: 150, hidden: 200, layers: 2, dropout: 0.3 })).configSummary).toBe(
      'LSTM 200×2, NADE 150, dropout 0.3, Adam 0.001, batch 8',
    );
  });

  it('tolerates models trained by rnn-nade train (no config block) and missing metadata', () => {
    const facts = modelFacts({ model: { encoder: { hidden: 150, layers: 1 } }, estimator: { className: '@rnn-nade/estimator-bernoulli>Bernoulli' } });
    expect(facts.configSummary).toBe('LSTM 150×1, Bernoulli');
    expect(modelFacts({ model: { encoder: { cell: 'rnn', hidden: 150, layers: 1 } }, estimator: {} }).configSummary).toMatch(/^RNN 150×1/);
    expect(facts.command).toBeNull();
    expect(facts.seed).toBeNull();
    expect(facts.stoppedBy).toBeNull();
  });
});

describe('cited rows and targets', () => {
  it('holds the ICML 2012 figures the issue quotes', () => {
    const nadeHf = ICML_2012_ROWS.find((r) => r.model === 'RNN-NADE (HF)')!;
    expect(nadeHf.logLikelihood).toEqual({ jsb: -5.56, nottingham: -2.31, 'piano-midi-de': -7.05, musedata: -5.6 });
    expect(TARGETS.jsb).toEqual({ nade: -5.1, bestPublished: { logLikelihood: -5.19, model: 'RNN-NADE, Bengio et al. 2013' }, bernoulli: -8.58 });
    expect([TARGETS.nottingham.nade, TARGETS.musedata.nade, TARGETS['piano-midi-de'].nade]).toEqual([-2.25, -5.5, -6.95]);
    expect(targetVerdict(-5.5, -5.56)).toBe('met');
    expect(targetVerdict(-5.57, -5.56)).toBe('missed');
  });

  it('parses and ranks a search log', () => {
    const text = [
      '{"id":"a","config":{},"bestValidLoss":7,"bestEpoch":1,"epochs":3,"seconds":5}',
      'garbage',
      '',
      '{"id":"b","config":{},"bestValidLoss":6.5,"bestEpoch":2,"epochs":3,"seconds":5}',
      '{"id":"c","config":{},"bestValidLoss":null,"bestEpoch":null,"epochs":0,"seconds":1}',
    ].join('\n');
    const { records, skipped } = parseSearchLog(text);
    expect(skipped).toBe(1);
    expect(rankRuns(records).map((r) => r.id)).toEqual(['b', 'a', 'c']);
  });
});
