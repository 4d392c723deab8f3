import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_CONFIG, RUN_CONFIG_FLAGS, RunConfigError, learningRateScheduleOf, parseRunConfig, resolveRunConfig, runConfigToFlags } from './run-config';

describe('run config', () => {
  it('parses --flag value and --flag=value, camel-casing kebab flags', () => {
    const { config, rest } = parseRunConfig([
      '--corpus',
      'nottingham',
      '--attention-window=8',
      '--dropout',
      '0.3',
      '--nade-hidden',
      '150',
      '--out',
      'models/x',
    ]);
    expect(config.corpus).toBe('nottingham');
    expect(config.attentionWindow).toBe(8);
    expect(config.dropout).toBe(0.3);
    expect(config.nadeHidden).toBe(150);
    expect(config.hidden).toBe(DEFAULT_RUN_CONFIG.hidden);
    expect(rest).toEqual({ out: 'models/x' });
  });

  it('rejects bad values with the flag name', () => {
    expect(() => parseRunConfig(['--hidden', 'abc'])).toThrow(/--hidden must be a number/);
    expect(() => parseRunConfig(['--hidden', '1.5'])).toThrow(/--hidden must be an integer/);
    expect(() => parseRunConfig(['--dropout', '0.99'])).toThrow(/--dropout must be a number in \[0, 0.95\]/);
    expect(() => parseRunConfig(['--lr-decay', '1.5'])).toThrow(RunConfigError);
    expect(() => parseRunConfig(['--weight-decay', '-0.01'])).toThrow(/--weight-decay must be a number in \[0, 100\]/);
    expect(parseRunConfig(['--weight-decay', '0.01']).config.weightDecay).toBe(0.01);
    expect(() => parseRunConfig(['--estimator', 'rbm'])).toThrow(/nade or bernoulli/);
    expect(() => parseRunConfig(['--cell', 'gru'])).toThrow(/--cell must be lstm or rnn, got "gru"/);
    expect(parseRunConfig(['--cell', 'rnn', '--projection-hidden', '150']).config).toMatchObject({ cell: 'rnn', projectionHidden: 150 });
    expect(() => parseRunConfig(['--epochs'])).toThrow(/--epochs needs a value/);
    expect(() => parseRunConfig(['jsb'])).toThrow(/Unexpected argument "jsb"/);
    expect(() => resolveRunConfig({ bogus: 1 } as never)).toThrow(/Unknown run setting "bogus"/);
  });

  it('round-trips through runConfigToFlags (only non-defaults, plus corpus and estimator)', () => {
    const { config } = parseRunConfig(['--estimator', 'bernoulli', '--hidden', '300', '--lr', '0.002', '--transpose', '6']);
    const flags = runConfigToFlags(config);
    expect(flags).toEqual(['--corpus', 'jsb', '--estimator', 'bernoulli', '--hidden', '300', '--lr', '0.002', '--transpose', '6']);
    expect(parseRunConfig(flags).config).toEqual(config);
  });

  it('lists one flag per config field', () => {
    expect(RUN_CONFIG_FLAGS).toContain('attention-window');
    expect(RUN_CONFIG_FLAGS).toHaveLength(Object.keys(DEFAULT_RUN_CONFIG).length);
  });

  it('maps --lr-schedule exp|plateau|cosine and their flags to the trainer schedule', () => {
    expect(learningRateScheduleOf(DEFAULT_RUN_CONFIG)).toEqual({ kind: 'constant' });
    expect(learningRateScheduleOf(parseRunConfig(['--lr-decay', '0.98', '--min-lr', '1e-4']).config)).toEqual({
      kind: 'exponential',
      rate: 0.98,
      minLearningRate: 1e-4,
    });
    const plateau = parseRunConfig(['--lr-schedule', 'plateau', '--lr-patience', '3', '--lr-factor', '0.3', '--lr-cooldown', '1', '--patience', '10']);
    expect(learningRateScheduleOf(plateau.config)).toEqual({ kind: 'plateau', factor: 0.3, patience: 3, cooldown: 1 });
    expect(runConfigToFlags(plateau.config)).toEqual([
      '--corpus',
      'jsb',
      '--estimator',
      'nade',
      '--lr-schedule',
      'plateau',
      '--lr-patience',
      '3',
      '--lr-factor',
      '0.3',
      '--lr-cooldown',
      '1',
      '--patience',
      '10',
    ]);
    const cosine = parseRunConfig(['--lr-schedule=cosine', '--restart-epochs', '8', '--restart-multiplier', '2', '--min-lr', '1e-5']).config;
    expect(learningRateScheduleOf(cosine)).toEqual({ kind: 'cosine', periodEpochs: 8, periodMultiplier: 2, minLearningRate: 1e-5 });
  });

  it('rejects schedule settings that cannot work, naming the flags', () => {
    expect(() => parseRunConfig(['--lr-schedule', 'linear'])).toThrow(/--lr-schedule must be one of exp, plateau, cosine, got "linear"/);
    expect(() => parseRunConfig(['--lr-schedule', 'plateau', '--lr-patience', '8', '--patience', '8'])).toThrow(
      /--lr-patience \(8\) must be smaller than --patience \(8\)/,
    );
    expect(() => parseRunConfig(['--lr-factor', '1'])).toThrow(/--lr-factor must be a number in \[0.01, 0.99\]/);
    expect(() => parseRunConfig(['--restart-epochs', '0'])).toThrow(/--restart-epochs/);
    expect(() => parseRunConfig(['--lr', '1e-3', '--min-lr', '0.01'])).toThrow(/--min-lr \(0.01\) must not exceed --lr/);
    expect(() => parseRunConfig(['--transpose', '6', '--transpose-keys', '1'])).toThrow(/exclude each other/);
    expect(parseRunConfig(['--transpose-keys', '1']).config.transposeKeys).toBe(1);
  });
});
