import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_CONFIG, RUN_CONFIG_FLAGS, RunConfigError, parseRunConfig, resolveRunConfig, runConfigToFlags } from './run-config';

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
});
