import { describe, expect, it } from 'vitest';
import { ConfigError, encoderWeightShapes, resolveEncoderConfig } from '@rnn-nade/core/advanced';

describe('resolveEncoderConfig: input skip', () => {
  it('writes inputSkip / inputSkipGate only when set, so files without them keep their exact form', () => {
    expect(resolveEncoderConfig({ inputDim: 4 })).not.toHaveProperty('inputSkip');
    expect(resolveEncoderConfig({ inputDim: 4, inputSkip: false })).not.toHaveProperty('inputSkip');
    expect(resolveEncoderConfig({ inputDim: 4, inputSkip: true, inputSkipGate: true })).toMatchObject({ inputSkip: true, inputSkipGate: true });
  });

  it('rejects non-boolean values and a gate without the skip', () => {
    expect(() => resolveEncoderConfig({ inputDim: 4, inputSkip: 1 as never })).toThrow(/"inputSkip" must be true or false, got 1/);
    expect(() => resolveEncoderConfig({ inputDim: 4, inputSkip: true, inputSkipGate: 'yes' as never })).toThrow(ConfigError);
    expect(() => resolveEncoderConfig({ inputDim: 4, inputSkipGate: true })).toThrow(/set "inputSkip": true as well/);
  });

  it('adds the skip kernel [D + C, P] and the gate [F, D + C] + [D + C]', () => {
    const cfg = resolveEncoderConfig({ inputDim: 4, hidden: 3, attentionWindow: 2, conditioningChannels: 2, inputSkip: true, inputSkipGate: true });
    const shapes = encoderWeightShapes(cfg, 5);
    expect(shapes['projection/skip/kernel']).toEqual([6, 5]);
    expect(shapes['projection/skipGate/kernel']).toEqual([6, 6]);
    expect(shapes['projection/skipGate/bias']).toEqual([6]);
    expect(encoderWeightShapes(resolveEncoderConfig({ inputDim: 4, hidden: 3 }), 5)).not.toHaveProperty('projection/skip/kernel');
  });
});
