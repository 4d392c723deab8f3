/**
 * Edit distance between two strings: insertions, deletions, substitutions and swaps of two
 * neighbouring characters each cost 1 (optimal string alignment), so `trian` is 1 from `train`.
 *
 * @example
 * ```ts
 * editDistance('epoch', 'epochs'); // 1
 * editDistance('smaple', 'sample'); // 1
 * ```
 */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row[j] = d;
    }
    [before, prev] = [prev, row];
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `input` when it is close enough to be a typo (distance at most 1 for
 * short words, up to 3 for long ones; a candidate that starts with `input` also counts), else
 * `undefined`.
 *
 * @example
 * ```ts
 * closestMatch('epoch', ['epochs', 'lr']); // 'epochs'
 * closestMatch('zzz', ['epochs', 'lr']); // undefined
 * ```
 */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(input.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = c.startsWith(input) && input.length >= 3 ? 0.5 : editDistance(input, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= limit ? best : undefined;
}

/** `' Did you mean "X"?'` when a candidate is close to `input`, else `''`. */
export function didYouMean(input: string, candidates: readonly string[], format: (c: string) => string = (c) => c): string {
  const match = closestMatch(input, candidates);
  return match === undefined ? '' : ` Did you mean ${format(match)}?`;
}
