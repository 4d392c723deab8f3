import { describe, expect, it } from 'vitest';
import {
  buildConditioning,
  ConditioningError,
  conditioningChannels,
  conditioningLayout,
  metricPositionAt,
  validateConditioningSpec,
  type ConditioningSpec,
} from '@rnn-nade/core';

const spec: ConditioningSpec = {
  features: [
    { kind: 'metric', stepsPerBeat: 2, beatsPerBar: 3 },
    { kind: 'label', name: 'composer', classes: ['bach', 'mozart'] },
    { kind: 'user', name: 'tempo', channels: 2 },
  ],
};

/** Row t of a [T, C] array as a plain array. */
const row = (data: Float32Array, C: number, t: number) => [...data.subarray(t * C, (t + 1) * C)];

describe('conditioning spec', () => {
  it('counts channels and lays the features out in order', () => {
    expect(conditioningChannels(spec)).toBe(2 + 3 + 2 + 2);
    expect(conditioningChannels(null)).toBe(0);
    expect(conditioningLayout(spec).map((s) => [s.offset, s.channels])).toEqual([
      [0, 5],
      [5, 2],
      [7, 2],
    ]);
  });

  it('validates plain JSON with typed errors naming the problem', () => {
    expect(validateConditioningSpec(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
    const cases: [unknown, RegExp][] = [
      [{}, /features/],
      [{ features: [] }, /no features/],
      [{ features: [{ kind: 'metric', stepsPerBeat: 0, beatsPerBar: 4 }] }, /stepsPerBeat/],
      [{ features: [{ kind: 'label', name: 'a', classes: [] }] }, /classes/],
      [{ features: [{ kind: 'label', name: 'a', classes: ['x', 'x'] }] }, /twice/],
      [
        {
          features: [
            { kind: 'user', name: 'a', channels: 1 },
            { kind: 'label', name: 'a', classes: ['x'] },
          ],
        },
        /two features are named "a"/,
      ],
      [{ features: [{ kind: 'style' }] }, /unknown kind "style"/],
      [{ features: [{ kind: 'user', name: 'u', channels: 1.5 }] }, /channels/],
    ];
    for (const [value, message] of cases) {
      expect(() => validateConditioningSpec(value)).toThrow(ConditioningError);
      expect(() => validateConditioningSpec(value)).toThrow(message);
    }
  });
});

describe('metric position', () => {
  it('counts steps from a bar line, negative steps included', () => {
    const meter = { stepsPerBeat: 4, beatsPerBar: 4 };
    expect(metricPositionAt(0, meter)).toEqual({ stepInBeat: 0, beatInBar: 0 });
    expect(metricPositionAt(9, meter)).toEqual({ stepInBeat: 1, beatInBar: 2 });
    expect(metricPositionAt(16 * 3 + 15, meter)).toEqual({ stepInBeat: 3, beatInBar: 3 });
    expect(metricPositionAt(-1, meter)).toEqual({ stepInBeat: 3, beatInBar: 3 });
  });
});

describe('metric position with phrases', () => {
  const meter = { stepsPerBeat: 2, beatsPerBar: 3, barsPerPhrase: 4 };
  it('counts bars within a phrase from step 0, negative steps included', () => {
    expect(metricPositionAt(0, meter)).toEqual({ stepInBeat: 0, beatInBar: 0, barInPhrase: 0 });
    expect(metricPositionAt(6 * 5 + 3, meter)).toEqual({ stepInBeat: 1, beatInBar: 1, barInPhrase: 1 });
    expect(metricPositionAt(6 * 4 - 1, meter)).toEqual({ stepInBeat: 1, beatInBar: 2, barInPhrase: 3 });
    expect(metricPositionAt(-1, meter)).toEqual({ stepInBeat: 1, beatInBar: 2, barInPhrase: 3 });
    expect(metricPositionAt(-7, meter)).toEqual({ stepInBeat: 1, beatInBar: 2, barInPhrase: 2 });
  });

  it('adds barsPerPhrase one-hot channels after the beat in bar, and validates them', () => {
    const phrased: ConditioningSpec = { features: [{ kind: 'metric', ...meter }] };
    expect(conditioningChannels(phrased)).toBe(2 + 3 + 4);
    expect(validateConditioningSpec(JSON.parse(JSON.stringify(phrased)))).toEqual(phrased);
    expect(() => validateConditioningSpec({ features: [{ kind: 'metric', stepsPerBeat: 2, beatsPerBar: 3, barsPerPhrase: 0 }] })).toThrow(/barsPerPhrase/);
    expect(() => validateConditioningSpec({ features: [{ kind: 'metric', stepsPerBeat: 2, beatsPerBar: 3, barsPerPhrase: 2.5 }] })).toThrow(ConditioningError);
    // rows 0 (bar 0) and 25 (bar 4 = bar 0 of the second phrase; step 1, beat 0) and 13 (bar 2)
    const rows = buildConditioning(phrased, { steps: 30, startStep: 0 });
    expect(row(rows.data, 9, 0)).toEqual([1, 0, 1, 0, 0, 1, 0, 0, 0]);
    expect(row(rows.data, 9, 25)).toEqual([0, 1, 1, 0, 0, 1, 0, 0, 0]);
    expect(row(rows.data, 9, 13)).toEqual([0, 1, 1, 0, 0, 0, 0, 1, 0]);
    // explicit positions must carry a bar in phrase inside the phrase
    expect(() => buildConditioning(phrased, { steps: 1, metric: [{ stepInBeat: 0, beatInBar: 0 }] })).toThrow(/barInPhrase: undefined/);
    expect(() => buildConditioning(phrased, { steps: 1, metric: [{ stepInBeat: 0, beatInBar: 0, barInPhrase: 4 }] })).toThrow(/4 bars per phrase/);
  });
});

describe('buildConditioning', () => {
  it('writes metric one-hots from startStep, label one-hots and user values', () => {
    const tempo = Float32Array.from({ length: 8 }, (_, i) => i / 10);
    const c = buildConditioning(spec, { steps: 4, startStep: 5, labels: { composer: 'mozart' }, user: { tempo } });
    expect(c.channels).toBe(9);
    expect(c.data.length).toBe(4 * 9);
    // step 5 in 2 steps/beat x 3 beats/bar: bar of 6 steps, 5 = beat 2, step 1
    expect(row(c.data, 9, 0)).toEqual([0, 1, 0, 0, 1, 0, 1, expect.closeTo(0, 6), expect.closeTo(0.1, 6)]);
    // step 6 = next bar line
    expect(row(c.data, 9, 1).slice(0, 5)).toEqual([1, 0, 1, 0, 0]);
    expect(row(c.data, 9, 3).slice(0, 7)).toEqual([1, 0, 0, 1, 0, 0, 1]);
    expect(c.data[3 * 9 + 8]).toBeCloseTo(0.7, 6);
  });

  it('takes explicit metric positions and one label per step', () => {
    const s: ConditioningSpec = { features: spec.features.slice(0, 2) };
    const c = buildConditioning(s, {
      steps: 2,
      metric: [
        { stepInBeat: 1, beatInBar: 0 },
        { stepInBeat: 0, beatInBar: 2 },
      ],
      labels: { composer: ['bach', 'mozart'] },
    });
    expect([...c.data]).toEqual([0, 1, 1, 0, 0, 1, 0, /* */ 1, 0, 0, 0, 1, 0, 1]);
  });

  it('fails with typed errors on missing or unknown labels, bad user arrays and positions outside the meter', () => {
    const tempo = new Float32Array(4);
    const cases: [() => unknown, RegExp][] = [
      [() => buildConditioning(spec, { steps: 2, user: { tempo } }), /label "composer" needs a value/],
      [() => buildConditioning(spec, { steps: 2, labels: { composer: 'haydn' }, user: { tempo } }), /no class "haydn"; its classes are "bach", "mozart"/],
      [() => buildConditioning(spec, { steps: 2, labels: { composer: 'bach' } }), /user feature "tempo" needs its array/],
      [() => buildConditioning(spec, { steps: 3, labels: { composer: 'bach' }, user: { tempo } }), /4 values, expected 3 steps x 2 channels = 6/],
      [
        () =>
          buildConditioning(spec, {
            steps: 2,
            labels: { composer: 'bach' },
            user: { tempo },
            metric: [
              { stepInBeat: 2, beatInBar: 0 },
              { stepInBeat: 0, beatInBar: 0 },
            ],
          }),
        /outside the meter of 2 steps per beat and 3 beats per bar/,
      ],
      [() => buildConditioning(spec, { steps: 2, startStep: 0.5, labels: { composer: 'bach' }, user: { tempo } }), /startStep must be an integer/],
    ];
    for (const [run, message] of cases) {
      expect(run).toThrow(ConditioningError);
      expect(run).toThrow(message);
    }
  });
});
