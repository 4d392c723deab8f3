import { writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError, completeSequence, initBackend, pitchesToSequence } from '@rnn-nade/core/node';
import { readMidiFile, rollToMidi, rollToSequence, type PianoRoll } from '@rnn-nade/data-midi/node';
import { intFlag, optString, parseFlags, requireString, COMMON_FLAGS, type FlagSpec } from '../args';
import { EXIT, UsageError } from '../cli-error';
import type { CliIo } from '../io';
import { modelStepsPerQuarter } from '../model-grid';
import { loadBuiltinEstimators, loadModelWithPlugins, loadPlugin } from '../plugins';
import { toRollJson, writeRoll } from '../roll-file';
import { modelRollMapping } from '../roll-mapping';
import type { Command } from './command';
import { completionDecoding, describeDecoding } from './decoding';
import { SAMPLE_CONDITIONING_FLAGS, SAMPLE_CONDITIONING_USAGE, completionConditioning } from '../conditioning';

const FLAGS: FlagSpec = {
  ...COMMON_FLAGS,
  model: { type: 'string' },
  primer: { type: 'string' },
  bars: { type: 'string' },
  steps: { type: 'string' },
  out: { type: 'string' },
  temperature: { type: 'string' },
  candidates: { type: 'string' },
  'step-draws': { type: 'string' },
  select: { type: 'string' },
  'adapt-steps': { type: 'string' },
  'adapt-lr': { type: 'string' },
  seed: { type: 'string' },
  'include-primer': { type: 'boolean' },
  'steps-per-quarter': { type: 'string' },
  ...SAMPLE_CONDITIONING_FLAGS,
};

const USAGE = `rnn-nade complete --model DIR --primer FILE.mid --bars N --out FILE(.mid|.json|.svg) [--steps S] [--temperature 1] [--candidates 1]
  [--select likelihood] [--step-draws 1] [--adapt-steps 0] [--adapt-lr 0.001] [--seed 0] [--include-primer] [--steps-per-quarter N]

Reads any MIDI file, quantises it to the model's grid (the stepsPerQuarter stored with the model, or
--steps-per-quarter when the model does not record it;
piano models use the pitch range stored with the model, drum models the nine drum classes),
primes the model with its first N bars (bar length from the file's first time signature, 4/4
when it has none) and writes the continuation: S new steps (default: as many as the primer),
at the primer's tempo. --include-primer writes the primer bars before the continuation.

${SAMPLE_CONDITIONING_USAGE} The metric rows of the primer and of the continuation come from the
file's own time signatures, the last one continuing past the primer (bar, beat and phrase position
carry on from the primer; --start-step does not apply).

Decoding: --temperature T samples at temperature T; --candidates N draws N continuations and
keeps the one the model finds most likely given the primer (best of N), or with --select consensus
the one with the highest mean frame accuracy against the other draws (the model's consensus: the
notes most draws agree on); --step-draws K draws K frames at every step and continues from the
one that agrees most with the others (step-wise consensus: a near-mode decoding that keeps the
notes the model is surest of); --adapt-steps K first
fits the model to the primer itself with K Adam updates at --adapt-lr (dynamic evaluation: the
continuation leans on the primer's own material; the model file is not changed). Flags not given
take the model's recommended decoding (its metadata "completion", chosen on validation pieces by
the script that trained it), else T=1, one candidate, no adaptation, likelihood.`;

/** `rnn-nade complete`: continue the opening bars of a MIDI file with a saved model. */
export const completeCommand: Command = {
  name: 'complete',
  summary: 'continue the first N bars of a MIDI file with a saved model',
  usage: USAGE,
  run: runComplete,
};

/**
 * Steps in one bar on a grid of `stepsPerQuarter`, from the first time signature (4/4 when
 * there is none): `stepsPerQuarter · 4 · numerator / denominator`, rounded, at least 1.
 *
 * @example
 * ```ts
 * barSteps({ stepsPerQuarter: 2, timeSignatures: [{ step: 0, numerator: 3, denominator: 4 }] }); // 6
 * ```
 */
export function barSteps(roll: Pick<PianoRoll, 'stepsPerQuarter' | 'timeSignatures'>): number {
  const ts = roll.timeSignatures[0];
  const num = ts && ts.numerator > 0 ? ts.numerator : 4;
  const den = ts && ts.denominator > 0 ? ts.denominator : 4;
  return Math.max(1, Math.round((roll.stepsPerQuarter * 4 * num) / den));
}

async function runComplete(argv: readonly string[], io: CliIo): Promise<number> {
  const { values: v } = parseFlags('complete', argv, FLAGS);
  if (v.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT.OK;
  }
  const modelDir = requireString('complete', v, 'model');
  const primerFile = requireString('complete', v, 'primer');
  const out = requireString('complete', v, 'out');
  if (v.bars === undefined) throw new UsageError('--bars is required (rnn-nade complete --help).');
  const bars = intFlag(v, 'bars', 4, 1, 10_000);
  const seed = intFlag(v, 'seed', 0);
  if (!/\.midi?$/i.test(primerFile)) throw new UsageError(`--primer must be a MIDI file (.mid/.midi), got ${primerFile}.`);
  await initBackend({ backend: optString(v, 'backend'), log: null });
  await loadBuiltinEstimators();
  for (const p of (v.plugin as string[] | undefined) ?? []) await loadPlugin(p);
  const { model, metadata } = await loadModelWithPlugins(modelDir);
  try {
    if (model.estimator.domain !== 'binary') {
      throw new ConfigError(`The model's estimator ${model.estimator.className} is not binary; completing MIDI needs a binary (piano-roll) model.`);
    }
    const data = (metadata.data ?? {}) as { low?: unknown; stepsPerQuarter?: unknown; drums?: unknown };
    const dim = model.encoderConfig.inputDim;
    const drums = data.drums === true;
    const low = typeof data.low === 'number' ? data.low : 21;
    const spq = modelStepsPerQuarter('complete', modelDir, metadata, v);
    if (drums && dim !== 9) throw new ConfigError(`The model is marked as a drum model but has ${dim} inputs, not the 9 drum classes.`);
    const roll = await readMidiFile(primerFile, drums ? { stepsPerQuarter: spq, drums: true } : { stepsPerQuarter: spq, range: { low, high: low + dim - 1 } });
    const perBar = barSteps(roll);
    const want = bars * perBar;
    if (roll.steps.length === 0)
      throw new ConfigError(`${primerFile} has no notes in the model's range${drums ? ' (drum channel 10)' : ''}, so there is nothing to continue.`);
    const primerSteps = roll.steps.slice(0, want);
    if (primerSteps.length < want) {
      io.stderr(`note: ${primerFile} has ${roll.steps.length} steps, fewer than ${bars} bars (${want} steps); priming with all of it\n`);
    }
    const steps = intFlag(v, 'steps', primerSteps.length, 1, 1_000_000);
    const primer = drums ? rollToSequence({ ...roll, steps: primerSteps }) : pitchesToSequence(primerSteps, { low, high: low + dim - 1 });
    const decoding = completionDecoding(v, metadata);
    const conditioning = completionConditioning(model, v, { ...roll, steps: primerSteps }, steps);
    const { sequence: generated } = await completeSequence(model, {
      steps,
      primer: { ...primer, ...conditioning.primer },
      seed,
      ...conditioning.sample,
      temperature: decoding.temperature,
      candidates: decoding.candidates,
      adaptSteps: decoding.adaptSteps,
      adaptLearningRate: decoding.adaptLearningRate,
      select: decoding.select,
      stepDraws: decoding.stepDraws,
    });
    const continuation = toRollJson(generated, modelRollMapping(modelDir, metadata, dim), spq).steps;
    const outSteps = v['include-primer'] ? [...primerSteps, ...continuation] : continuation;
    const bpm = roll.tempos.filter((t) => t.step <= primerSteps.length).pop()?.bpm ?? 120;
    let format: string;
    if (/\.midi?$/i.test(out)) {
      await mkdir(dirname(out), { recursive: true });
      await writeFile(
        out,
        rollToMidi(
          { steps: outSteps, stepsPerQuarter: spq, drums, timeSignatures: roll.timeSignatures.slice(0, 1).map((t) => ({ ...t, step: 0 })) },
          { bpm, drums, name: 'rnn-nade complete' },
        ),
      );
      format = 'midi';
    } else {
      format = await writeRoll(out, { stepsPerQuarter: spq, steps: outSteps, ...(drums ? { drums: true } : {}) });
    }
    const notes = continuation.reduce((a, s) => a + s.length, 0);
    io.stdout(
      `wrote ${out} (${format}; primed with ${primerSteps.length} steps = ${bars} bar(s) of ${perBar} steps, ` +
        `${steps} new steps with ${notes} notes, ${spq} steps per quarter, ${bpm.toFixed(0)} bpm; ` +
        `decoding ${describeDecoding(decoding)})\n`,
    );
    return EXIT.OK;
  } finally {
    model.dispose();
  }
}
