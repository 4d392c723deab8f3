import { describe, expect, it } from 'vitest';
import { parseTrainSettings } from './train-settings';

describe('parseTrainSettings', () => {
  it('keeps valid values and clamps out-of-range numbers to what the page offers', () => {
    expect(parseTrainSettings({ epochs: '12', hidden: '100', nadeHidden: '4', learningRate: '1', stepsPerQuarter: '4', seed: '7', backend: 'webgl' })).toEqual({
      epochs: 12,
      hidden: 100,
      nadeHidden: 8,
      learningRate: 0.1,
      stepsPerQuarter: 4,
      seed: 7,
      backend: 'webgl',
    });
  });

  it('falls back to the defaults for non-numbers, unknown grids and unknown backends', () => {
    expect(parseTrainSettings({ epochs: 'abc', hidden: '', stepsPerQuarter: '3', backend: 'cuda', epochsX: '1' } as never)).toEqual({
      epochs: 30,
      hidden: 64,
      nadeHidden: 64,
      learningRate: 5e-3,
      stepsPerQuarter: 2,
      seed: 1,
      backend: 'auto',
    });
    expect(parseTrainSettings({ epochs: '-3' }).epochs).toBe(1);
  });
});
