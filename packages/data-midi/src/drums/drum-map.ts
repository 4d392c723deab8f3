/** The nine drum classes of the usual reduction (Magenta / GrooVAE), in roll-column order. */
export const DRUM_CLASSES = ['kick', 'snare', 'closed-hihat', 'open-hihat', 'low-tom', 'mid-tom', 'high-tom', 'crash', 'ride'] as const;

/** One of {@link DRUM_CLASSES}. */
export type DrumClass = (typeof DRUM_CLASSES)[number];

/**
 * MIDI drum notes of each class. The first entry of each list is the General MIDI note a
 * class is written back as. Includes the Roland TD-11 notes of Groove MIDI that are not in GM:
 * 22 (hi-hat edge, closed) and 26 (hi-hat edge, open); 58 is the TD-11's floor-tom rim.
 * The Roland assignments come first; the remaining GM percussion notes follow Magenta's
 * default drum-type table.
 */
export const DRUM_CLASS_PITCHES: Readonly<Record<DrumClass, readonly number[]>> = {
  kick: [36, 35],
  snare: [38, 37, 40, 27, 28, 31, 32, 33, 34, 39, 56, 65, 66, 75, 85],
  'closed-hihat': [42, 22, 44, 54, 68, 69, 70, 71, 73, 78, 80],
  'open-hihat': [46, 26, 67, 72, 74, 79, 81],
  'low-tom': [43, 58, 41, 29, 61, 64, 84],
  'mid-tom': [47, 45, 60, 63, 77, 86, 87],
  'high-tom': [50, 48, 30, 62, 76, 83],
  crash: [49, 52, 55, 57],
  ride: [51, 53, 59, 82],
};

const PITCH_TO_CLASS = (() => {
  const table = new Int8Array(128).fill(-1);
  DRUM_CLASSES.forEach((cls, i) => {
    for (const p of DRUM_CLASS_PITCHES[cls]) if (table[p] === -1) table[p] = i;
  });
  return table;
})();

/** General MIDI note written for each class (index = class). */
export const DRUM_CLASS_GM_NOTES: readonly number[] = DRUM_CLASSES.map((c) => DRUM_CLASS_PITCHES[c][0]!);

/**
 * The drum class index (0..8, see {@link DRUM_CLASSES}) of a MIDI drum note, or -1 when the
 * note belongs to none of the nine classes (e.g. 25 or 90, outside the table).
 *
 * @example
 * ```ts
 * drumClassOf(22); // 2 (closed hi-hat: Roland TD-11 hi-hat edge)
 * drumClassOf(26); // 3 (open hi-hat)
 * ```
 */
export function drumClassOf(pitch: number): number {
  return Number.isInteger(pitch) && pitch >= 0 && pitch < 128 ? PITCH_TO_CLASS[pitch]! : -1;
}

/**
 * The General MIDI note written back for a drum class index (kick 36, snare 38, closed hi-hat
 * 42, open hi-hat 46, low tom 43, mid tom 47, high tom 50, crash 49, ride 51).
 */
export function drumClassToGm(classIndex: number): number {
  const p = DRUM_CLASS_GM_NOTES[classIndex];
  if (p === undefined) throw new RangeError(`Drum class index ${classIndex} is not in 0..${DRUM_CLASSES.length - 1}.`);
  return p;
}

/** Maps any drum note to the GM note of its class (unmapped notes give -1). */
export function canonicalDrumPitch(pitch: number): number {
  const c = drumClassOf(pitch);
  return c < 0 ? -1 : DRUM_CLASS_GM_NOTES[c]!;
}

/** The MIDI channel (1-based) General MIDI reserves for drums. */
export const GM_DRUM_CHANNEL = 10;

/**
 * The data description a 9-class drum model stores as `metadata.data` (see `DataSpec` in
 * `@rnn-nade/core`): `drums: true`, the General MIDI note of every roll column (`pitches`, in
 * {@link DRUM_CLASSES} order), the class names, MIDI channel 10 and the grid. `rnn-nade sample` and
 * `rnn-nade complete` read it to write GM drum notes on channel 10.
 *
 * @example
 * ```ts
 * await model.save('models/my-drums', { metadata: { data: { ...drumDataSpec(4), dataset: 'groove-midi' } } });
 * ```
 */
export function drumDataSpec(stepsPerQuarter: number): {
  /** Marks a drum roll (columns are drum classes, not pitches). */
  drums: true;
  /** Number of columns (drum classes). */
  dim: number;
  /** GM drum note of each column. */
  pitches: number[];
  /** Name of each column's drum class. */
  drumClasses: string[];
  /** MIDI channel (1-based) the notes are written on: 10, the GM drum channel. */
  channel: number;
  /** Grid resolution (steps per quarter note). */
  stepsPerQuarter: number;
} {
  return {
    drums: true,
    dim: DRUM_CLASSES.length,
    pitches: [...DRUM_CLASS_GM_NOTES],
    drumClasses: [...DRUM_CLASSES],
    channel: GM_DRUM_CHANNEL,
    stepsPerQuarter,
  };
}
