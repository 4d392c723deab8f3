import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lossCurveSvg, type JsonValue, type SequenceModel, type TrainHistory } from '@rnn-nade/core/node';
import { pianoRollSvg, rollToMidi } from '@rnn-nade/data-midi/node';
import { DRUM_STEPS_PER_QUARTER, type GrooveSplit } from './groove-data';
import { concatSteps, sampleGroove, type GrooveDecoding } from './groove-decode';
import { BAR_STEPS } from './groove-metrics';
import { drumSequenceToRoll } from './grooves';
import { sliceSteps } from './groove-windows';

/** Writes the validation curve (seed paper Figure 7) from the curves stored in a drum model's metadata. */
export async function writeValidationCurve(metadata: Record<string, JsonValue>, file: string): Promise<void> {
  const training = (metadata.training ?? {}) as Record<string, JsonValue>;
  const valid = (training.validCurve ?? []) as [number, number][];
  const trainCurve = (training.trainCurve ?? []) as [number, number][];
  const history: TrainHistory = {
    epochs: trainCurve.map(([ep, loss]) => ({
      epoch: ep - 1,
      trainLoss: loss,
      validLoss: null,
      learningRate: 0,
      steps: 0,
      frames: 0,
      seconds: 0,
      improved: false,
    })),
    checks: valid.map(([epoch, validLoss]) => ({ step: 0, epoch, validLoss })),
  };
  await writeFile(file, lossCurveSvg(history, { title: 'RNN-NADE on Groove MIDI: NLL per 16th-note step (train, valid)' }));
}

/**
 * Primes the model with the first two bars of the first test beat of at least six bars, lets it
 * play four more, and writes `primed-groove.mid` (primer + continuation, channel 10) and
 * `primed-groove.svg` (the real six bars with the model's overlaid) into `dir`.
 */
export async function writePrimedGroove(
  model: SequenceModel,
  test: GrooveSplit,
  dir: string,
  options: { decoding: GrooveDecoding },
): Promise<{ file: string }> {
  const i = test.rolls.findIndex((s, k) => test.types[k] === 'beat' && s.steps >= 6 * BAR_STEPS);
  const real = sliceSteps(test.rolls[i]!, 0, 6 * BAR_STEPS);
  const primer = sliceSteps(real, 0, 2 * BAR_STEPS);
  const cont = await sampleGroove(model, { steps: 4 * BAR_STEPS, primer, type: 'beat', seed: 1, decoding: options.decoding });
  const primed = drumSequenceToRoll(concatSteps(primer, cont));
  const realRoll = drumSequenceToRoll(real);
  await writeFile(join(dir, 'primed-groove.mid'), rollToMidi(primed, { drums: true, name: 'rnn-nade primed groove' }));
  const svg = pianoRollSvg(
    { steps: realRoll.steps, drums: true, stepsPerQuarter: DRUM_STEPS_PER_QUARTER },
    {
      overlay: { steps: primed.steps, drums: true, stepsPerQuarter: DRUM_STEPS_PER_QUARTER },
      label: 'real test groove',
      overlayLabel: 'bars 1-2 primer + RNN-NADE continuation',
      stepWidth: 8,
      title: `Test file ${test.files[i]}: two bars prime the model`,
    },
  );
  await writeFile(join(dir, 'primed-groove.svg'), svg);
  return { file: test.files[i]! };
}
