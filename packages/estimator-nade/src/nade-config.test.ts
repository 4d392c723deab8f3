import { describe, expect, it } from 'vitest';
import { UnknownConfigKeyError } from '@rnn-nade/core';
import { NADE_CONFIG_KEYS, resolveNadeConfig } from './nade-config';

describe('resolveNadeConfig', () => {
  it('rejects unknown keys with a typed error instead of dropping them', () => {
    let error: unknown;
    try {
      resolveNadeConfig({ dim: 4, hidden: 3, hiden: 5, components: 2 });
    } catch (e) {
      error = e;
    }
    expect(UnknownConfigKeyError.isInstance(error)).toBe(true);
    expect((error as UnknownConfigKeyError).keys).toEqual(['hiden', 'components']);
    expect((error as UnknownConfigKeyError).allowed).toEqual(NADE_CONFIG_KEYS);
    expect((error as Error).message).toBe('NADE config has unknown keys "hiden", "components"; it accepts "dim", "hidden", "seed", "initScale".');
  });

  it('accepts every declared key', () => {
    expect(resolveNadeConfig({ dim: 4, hidden: 3, seed: 2, initScale: 0.5 })).toEqual({ dim: 4, hidden: 3, seed: 2, initScale: 0.5 });
  });
});
