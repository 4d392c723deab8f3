import type { MidiLimits } from './limits';

/**
 * Collects notes on a roll's grid and fills the roll's steps, refusing — before anything is
 * allocated — a roll longer than `maxSteps`, a note longer than `maxNoteSteps` or more than
 * `maxCells` filled (step, pitch) cells in total, so the work is bounded whatever the input claims.
 * Errors come from `fail`, so each reader throws its own typed error.
 */
export class RollSpans {
  private readonly spans: Array<[start: number, end: number, pitch: number]> = [];
  private cells = 0;
  /** Steps of the roll so far (the largest end step). */
  length = 0;

  constructor(
    private readonly limits: Required<MidiLimits>,
    private readonly fail: (why: string) => Error,
  ) {}

  /** Notes added so far. */
  get count(): number {
    return this.spans.length;
  }

  /** Makes the roll at least `steps` long (e.g. a declared total length). */
  extendTo(steps: number, what = 'the declared length'): void {
    if (steps > this.limits.maxSteps)
      throw this.fail(`the roll would have ${steps} steps (${what}), more than maxSteps = ${this.limits.maxSteps} (corrupt timing?)`);
    if (steps > this.length) this.length = steps;
  }

  /** Adds a note sounding in steps `start` .. `end - 1`; `where` describes it for errors. */
  add(start: number, end: number, pitch: number, where: () => string): void {
    const { maxSteps, maxNoteSteps, maxCells } = this.limits;
    if (end > maxSteps) throw this.fail(`the roll would have ${end} steps (note of ${where()}), more than maxSteps = ${maxSteps} (corrupt timing?)`);
    if (end - start > maxNoteSteps)
      throw this.fail(`the note of ${where()} lasts ${end - start} steps, more than maxNoteSteps = ${maxNoteSteps} (missing note-off?)`);
    this.cells += end - start;
    if (this.cells > maxCells) throw this.fail(`the notes fill more than maxCells = ${maxCells} (step, pitch) cells (reached at the note of ${where()})`);
    this.spans.push([start, end, pitch]);
    if (end > this.length) this.length = end;
  }

  /** Sorted, duplicate-free pitch lists per step; the work is the number of cells the notes fill. */
  fill(): number[][] {
    // Pitch order makes every step's list come out sorted; equal neighbours are unison duplicates.
    const spans = [...this.spans].sort((a, b) => a[2] - b[2] || a[0] - b[0]);
    const steps: number[][] = Array.from({ length: this.length }, () => []);
    for (const [start, end, pitch] of spans) {
      for (let t = start; t < end; t++) {
        const s = steps[t]!;
        if (s[s.length - 1] !== pitch) s.push(pitch);
      }
    }
    return steps;
  }
}
