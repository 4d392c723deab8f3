/** The part of a piano roll that defines its bars. */
export interface MeterInfo {
  /** Grid resolution. */
  readonly stepsPerQuarter: number;
  /** Time signatures (the first one is used; 4/4 when there is none). */
  readonly timeSignatures?: readonly { readonly numerator: number; readonly denominator: number }[];
}

/**
 * Steps in one bar of a roll, from its first time signature (4/4 when the file has none):
 * `stepsPerQuarter · 4 · numerator / denominator`, rounded, at least 1.
 *
 * @example
 * ```ts
 * stepsPerBar({ stepsPerQuarter: 2, timeSignatures: [{ numerator: 3, denominator: 4 }] }); // 6
 * ```
 */
export function stepsPerBar(roll: MeterInfo): number {
  const ts = roll.timeSignatures?.[0];
  const num = ts && ts.numerator > 0 ? ts.numerator : 4;
  const den = ts && ts.denominator > 0 ? ts.denominator : 4;
  return Math.max(1, Math.round((roll.stepsPerQuarter * 4 * num) / den));
}
