import { ConfigError } from '@rnn-nade/core';

/**
 * `defaults` overridden by the same-named fields of `options`, each checked to be a positive
 * integer or `Infinity` (which turns a limit off). Throws `ConfigError` naming the bad field.
 */
export function resolveLimits<T extends Record<string, number>>(defaults: Readonly<T>, options: Partial<T>): T {
  const out = { ...defaults } as T;
  for (const key of Object.keys(defaults) as Array<keyof T & string>) {
    const v = options[key];
    if (v === undefined) continue;
    if (!(v === Infinity || (Number.isInteger(v) && v >= 1))) {
      throw new ConfigError(`${key} must be a positive integer (or Infinity), got ${v}.`);
    }
    out[key] = v;
  }
  return out;
}
