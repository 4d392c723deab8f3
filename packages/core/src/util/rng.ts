/**
 * A seedable pseudo-random number generator (xoshiro128**), used everywhere rnn-nade needs
 * randomness (initialisation, shuffling, dropout masks, sampling) so that runs are repeatable.
 * Its whole state is four 32-bit words, so it can be checkpointed and restored exactly.
 *
 * @example
 * ```ts
 * const rng = new Rng(42);
 * rng.next(); // uniform in [0, 1)
 * const saved = rng.getState();
 * const again = Rng.fromState(saved); // continues the same stream
 * ```
 */
export class Rng {
  private s: Uint32Array;

  /** @param seed any integer; equal seeds give equal streams. */
  constructor(seed: number) {
    this.s = new Uint32Array(4);
    // SplitMix32 to spread the seed over the four state words.
    let x = (seed | 0) >>> 0;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    if (this.s.every((v) => v === 0)) this.s[0] = 1;
  }

  /** Rebuilds a generator from {@link Rng.getState}. */
  static fromState(state: readonly number[]): Rng {
    if (state.length !== 4) throw new RangeError(`Rng state must have 4 words, got ${state.length}`);
    const r = new Rng(0);
    r.s = Uint32Array.from(state);
    return r;
  }

  /** The generator's state as four unsigned 32-bit integers (plain JSON). */
  getState(): number[] {
    return Array.from(this.s);
  }

  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Fills (or creates) a Float32Array with uniforms in [0, 1). */
  uniform(n: number, out: Float32Array = new Float32Array(n)): Float32Array {
    for (let i = 0; i < n; i++) out[i] = this.next();
    return out;
  }

  /** Standard normal draw (Box-Muller). */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Fills (or creates) a Float32Array with standard normal draws. */
  normals(n: number, out: Float32Array = new Float32Array(n)): Float32Array {
    for (let i = 0; i < n; i++) out[i] = this.normal();
    return out;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Shuffles an array in place (Fisher-Yates) and returns it. */
  shuffle<T>(a: T[]): T[] {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = a[i]!;
      a[i] = a[j]!;
      a[j] = tmp;
    }
    return a;
  }

  /** A new independent generator derived from this one (advances this one). */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
