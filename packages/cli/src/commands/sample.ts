import { ConfigError, candidateSeeds, completeSequence, initBackend } from '@rnn-nade/core/node';
import { intFlag, optString, parseFlags, requireString, COMMON_FLAGS, type FlagSpec } from '../args';
import { EXIT, UsageError } from '../cli-error';
import type { CliIo } from '../io';
import { modelStepsPerQuarter } from '../model-grid';
import { loadBuiltinEstimators, loadModelWithPlugins, loadPlugin } from '../plugins';
import { readPrimer, toRollJson, writeRoll } from '../roll-file';
import { modelRollMapping } from '../roll-mapping';
import type { Command } from './command';
import { describeDecoding, samplingDecoding } from './decoding';
import { isTextModel, sampleTextModel } from './sample-text';
import { SAMPLE_CONDITIONING_FLAGS, SAMPLE_CONDITIONING_USAGE, sampleConditioningOptions } from '../conditioning';

const FLAGS: FlagSpec = {
  ...COMMON_FLAGS,
  model: { type: 'string' },
  steps: { type: 'string' },
  primer: { type: 'string' },
  temperature: { type: 'string' },
  candidates: { type: 'string' },
  'step-draws': { type: 'string' },
  select: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  'include-primer': { type: 'boolean' },
  'steps-per-quarter': { type: 'string' },
  vectors: { type: 'string' },
  decode: { type: 'boolean' },
  ...SAMPLE_CONDITIONING_FLAGS,
};

const USAGE = `rnn-nade sample --model DIR --steps N --out FILE(.json|.mid|.svg) [--primer FILE(.json|.mid)] [--temperature 1] [--candidates 1] [--select likelihood] [--step-draws 1] [--seed 0]

Generates N new steps from a saved binary (piano-roll) model, continuing --primer when given, and
writes them as a JSON roll {"stepsPerQuarter": n, "steps": [[pitch, ...], ...]} (MIDI pitches per
step), a Standard MIDI File (.mid/.midi) or a piano-roll picture (.svg). Drum models (metadata.data
drums / pitches / channel 10) write their General MIDI drum notes on channel 10. --include-primer writes the primer first.
--steps-per-quarter overrides the grid stored with the model (used for MIDI primers and output); a model
that does not record its grid needs it (no silent guess).

Decoding: --temperature T samples at temperature T; --candidates N draws N samples (seeds S, S + 7919,
S + 2*7919, ... for --seed S) and keeps the one the model finds most likely (best of N by model
log-likelihood, given the primer when there is one; N=1 is plain sampling with seed S);
--select consensus keeps instead the draw with the highest mean frame accuracy against the other
draws (the model's consensus, binary models); --step-draws K draws K frames at every step and
continues from the one that agrees most with the others (step-wise consensus, a near-mode decoding
of binary models). Flags not given take the model's stored decoding (its
metadata "sampling", e.g. {"temperature": 1, "candidates": 4}: the decoding its published samples
were measured with), else T=1, one candidate, likelihood.

Word-vector models (trained with --dataset text:FILE):
rnn-nade sample --model DIR --vectors GLOVE.txt --steps 12 --decode [--primer "in the"] [--seed 1] [--candidates 1] [--out FILE.json]
--decode prints the sentence (primer | generated words), then each generated word with the cosine
similarity of the sampled vector to it; --out writes {primer, words, similarities, vectors} as JSON.

${SAMPLE_CONDITIONING_USAGE}`;

/** `rnn-nade sample`: generate from a saved model at its stored decoding (or the flags' temperature and best of N). */
export const sampleCommand: Command = { name: 'sample', summary: 'generate a sequence from a saved model', usage: USAGE, run: runSample };

async function runSample(argv: readonly string[], io: CliIo): Promise<number> {
  const { values: v } = parseFlags('sample', argv, FLAGS);
  if (v.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT.OK;
  }
  const modelDir = requireString('sample', v, 'model');
  const out = optString(v, 'out');
  const steps = intFlag(v, 'steps', 0, 1, 1_000_000);
  if (v.steps === undefined) throw new UsageError('--steps is required.');
  const seed = intFlag(v, 'seed', 0);
  await initBackend({ backend: optString(v, 'backend'), log: null });
  await loadBuiltinEstimators();
  for (const p of (v.plugin as string[] | undefined) ?? []) await loadPlugin(p);
  const { model, metadata } = await loadModelWithPlugins(modelDir);
  try {
    const decoding = samplingDecoding(v, metadata);
    const { temperature, candidates, select, stepDraws } = decoding;
    if (isTextModel(model, metadata)) {
      if (select !== 'likelihood') throw new UsageError(`--select ${select} compares binary frames; ${modelDir} is a word-vector model.`);
      if (stepDraws > 1) throw new UsageError(`--step-draws ${stepDraws} compares binary frames; ${modelDir} is a word-vector model.`);
      if (out !== undefined && /\.(midi?|svg)$/i.test(out)) {
        throw new UsageError(
          `--out ${out}: ${modelDir} is a word-vector model; it samples word vectors, written as JSON (--out FILE.json) or printed with --decode, not a piano roll.`,
        );
      }
      const opts = { steps, seed, temperature, candidates, vectors: optString(v, 'vectors'), primer: optString(v, 'primer'), decode: v.decode === true, out };
      return await sampleTextModel(model, metadata, opts, io);
    }
    if (out === undefined) throw new UsageError('--out is required (FILE.json, FILE.mid or FILE.svg).');
    if (model.estimator.domain !== 'binary') {
      throw new ConfigError(`The model's estimator ${model.estimator.className} is not binary; piano-roll output needs a binary model.`);
    }
    const mapping = modelRollMapping(modelDir, metadata, model.encoderConfig.inputDim);
    const stepsPerQuarter = modelStepsPerQuarter('sample', modelDir, metadata, v);
    const primerFile = optString(v, 'primer');
    const primer = primerFile ? await readPrimer(primerFile, mapping, stepsPerQuarter) : undefined;
    const { sequence: generated } = await completeSequence(model, {
      steps,
      primer,
      temperature,
      seeds: candidateSeeds(seed, candidates),
      select,
      stepDraws,
      ...sampleConditioningOptions(model, v),
    });
    const roll = toRollJson(generated, mapping, stepsPerQuarter);
    if (primer && v['include-primer']) {
      roll.steps = [...toRollJson(primer, mapping, stepsPerQuarter).steps, ...roll.steps];
    }
    const format = await writeRoll(out, roll);
    const notes = roll.steps.reduce((a, s) => a + s.length, 0);
    io.stdout(
      `wrote ${out} (${format}, ${roll.steps.length} steps, ${notes} notes, ${stepsPerQuarter} steps per quarter; decoding ${describeDecoding(decoding)})\n`,
    );
    return EXIT.OK;
  } finally {
    model.dispose();
  }
}
