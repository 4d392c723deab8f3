import { describe, expect, it } from 'vitest';
import { ConfigError } from '@rnn-nade/core';
import { EarlyStopping } from '@rnn-nade/core/advanced';

describe('EarlyStopping', () => {
  it('stops after `patience` checks without improvement and restores its state', () => {
    const es = new EarlyStopping({ patience: 2, minDelta: 0.01 });
    expect(es.update(5)).toEqual({ improved: true, stop: false });
    expect(es.update(4.995)).toEqual({ improved: false, stop: false }); // within minDelta
    const saved = es.getState();
    expect(es.update(NaN)).toEqual({ improved: false, stop: true });
    const again = new EarlyStopping({ patience: 2, minDelta: 0.01 });
    again.setState(JSON.parse(JSON.stringify(saved)));
    expect(again.update(4)).toEqual({ improved: true, stop: false });
    expect(again.bestLoss).toBe(4);
    expect(again.getState()).toEqual({ best: 4, bestCheck: 2, checks: 3, sinceBest: 0 });
    expect(() => new EarlyStopping({ patience: 0 })).toThrow(ConfigError);
  });
});
