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
