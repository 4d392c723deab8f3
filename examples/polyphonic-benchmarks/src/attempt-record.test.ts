import { describe, expect, it } from 'vitest';
import { AttemptLogError, parseAttempts, parseSavedModelRun, parseTrainOutput } from './attempt-record';

const OUTPUT = [
  '> tsx scripts/train.ts --corpus nottingham ...',
  'train: npm run train -w examples/polyphonic-benchmarks -- --corpus nottingham --estimator nade --hidden 200 --dropout 0.3 --transpose 6 --epochs 70 --out models/nottingham-rnn-nade',
  'train: run dir /tmp/rnn-nade-runs/nottingham-rnn-nade, repo /work/main',
  'epoch 1/70  train 10.6361  valid 5.8416 *  best 5.8416  lr 4.00e-3  112.3s',
  'epoch 0 train 10.6361 valid 5.8416 (112.3 s) 2026-11-30T20:40:50.677Z',
  'epoch 1 train 5.8257 valid 4.9148 (93.6 s) 2026-11-30T20:42:24.380Z',
  'epoch 2 train 4.9587 valid 4.9500 (112.9 s) 2026-11-30T20:44:17.000Z',
  'epoch 3 train 4.4',
].join('\n');

describe('parseTrainOutput', () => {
  it('reads the command, the config and the epochs (best counted from 1; a torn last line ignored)', () => {
    const r = parseTrainOutput(OUTPUT, { outcome: 'stopped by hand' });
    expect(r.corpus).toBe('nottingham');
    expect(r.config.transpose).toBe(6);
    expect(r.config.dropout).toBe(0.3);
    expect(r.epochs).toBe(3);
    expect(r.bestValidLoss).toBe(4.9148);
    expect(r.bestEpoch).toBe(2);
    expect(r.lastTrainLoss).toBe(4.9587);
    expect(r.seconds).toBeCloseTo(112.3 + 93.6 + 112.9, 6);
    expect(r.outcome).toBe('stopped by hand');
  });

  it('picks the best among the epochs that have a validation loss (a first epoch printed "valid n/a" is skipped)', () => {
    const text = OUTPUT.replace('epoch 0 train 10.6361 valid 5.8416', 'epoch 0 train 10.6361 valid n/a');
    const r = parseTrainOutput(text, { outcome: '' });
    expect(r.epochs).toBe(3);
    expect(r.bestValidLoss).toBe(4.9148);
    expect(r.bestEpoch).toBe(2);
  });

  it('rejects output without a command or without a validated epoch', () => {
    expect(() => parseTrainOutput('epoch 0 train 1 valid 2 (3 s)', { outcome: '' })).toThrow(AttemptLogError);
    expect(() => parseTrainOutput(OUTPUT.split('\n').slice(0, 3).join('\n'), { outcome: '' })).toThrow(/no epoch/);
  });

  it('round-trips through attempts.jsonl, skipping torn and foreign lines', () => {
    const r = parseTrainOutput(OUTPUT, { outcome: 'x' });
    const text = `${JSON.stringify(r)}\n{"id":"s1"}\n{"corpus":"jsb","bestVal`;
    expect(parseAttempts(text)).toEqual([r]);
  });
});

describe('parseSavedModelRun', () => {
  const command =
    'npm run train -w examples/polyphonic-benchmarks -- --corpus musedata --estimator nade --hidden 200 --dropout 0.3 --max-minutes 16 --out models/musedata-rnn-nade';
  const modelJson = JSON.stringify({
    format: 'rnn-nade',
    metadata: { training: { command, epochsCompleted: 9, bestEpoch: 8, bestValidLossPerStep: 6.0013, seconds: 1015.2, stoppedEarly: false } },
  });
  const log = [
    '{"event":"start","options":{}}',
    '{"event":"epoch","epoch":7,"trainLoss":6.1,"validLoss":6.2}',
    '{"event":"valid","epoch":8,"validLoss":6.0013}',
    '{"event":"epoch","epoch":8,"trainLoss":5.95,"validLoss":6.0013}',
    '{"event":"end","epochsCompleted":9}',
    '{"event":"epo',
  ].join('\n');

  it("reads the command and figures from the model's metadata and the last train loss from its log", () => {
    const r = parseSavedModelRun(modelJson, log, { outcome: 'replaced' });
    expect(r).toMatchObject({
      corpus: 'musedata',
      command,
      epochs: 9,
      bestValidLoss: 6.0013,
      bestEpoch: 9,
      lastTrainLoss: 5.95,
      seconds: 1015.2,
      outcome: 'replaced',
    });
    expect(r.config.maxMinutes).toBe(16);
    expect(r.config.dropout).toBe(0.3);
  });

  it('rejects a model without the train script metadata, broken JSON, or a log without epochs', () => {
    expect(() => parseSavedModelRun('{"metadata":{}}', log, { outcome: '' })).toThrow(AttemptLogError);
    expect(() => parseSavedModelRun(modelJson.replace('npm run train -w examples/polyphonic-benchmarks --', 'python train.py'), log, { outcome: '' })).toThrow(
      /no training metadata/,
    );
    expect(() => parseSavedModelRun(modelJson.replace('"seconds":1015.2', '"seconds":null'), log, { outcome: '' })).toThrow(/no training metadata/);
    expect(() => parseSavedModelRun('{"metadata"', log, { outcome: '' })).toThrow(/not JSON/);
    expect(() => parseSavedModelRun(modelJson, '{"event":"start"}', { outcome: '' })).toThrow(/no epoch record/);
  });
});
