import { describe, expect, it } from 'vitest';
import { UnknownConfigKeyError } from '@rnn-nade/core';
import { RNADE_CONFIG_KEYS, resolveRnadeConfig } from './rnade-config';

describe('resolveRnadeConfig', () => {
  it('rejects unknown keys with a typed error instead of dropping them', () => {
    expect(() => resolveRnadeConfig({ dim: 4, hidden: 3, components: 2, mixtures: 3 })).toThrow(
      'RNADE config has unknown key "mixtures"; it accepts "dim", "hidden", "components", "seed", "conditionMixture", "minSigma", "initScale".',
    );
    const error = (() => {
      try {
        return resolveRnadeConfig({ dim: 4, hidden: 3, components: 2, mixtures: 3 });
      } catch (e) {
        return e;
      }
    })();
    expect(UnknownConfigKeyError.isInstance(error)).toBe(true);
  });

  it('accepts every declared key', () => {
    const full = { dim: 4, hidden: 3, components: 2, seed: 1, conditionMixture: true, minSigma: 0.01, initScale: 0.2 };
    expect(Object.keys(full)).toEqual(RNADE_CONFIG_KEYS);
    expect(resolveRnadeConfig(full)).toEqual(full);
  });
});
