import { ACCURACY_AVERAGINGS, ConfigError, initBackend, noteOneGramBaseline, uniformBaseline, type JsonValue } from '@rnn-nade/core/node';
import { choiceFlag, intFlag, optString, parseFlags, requireString, COMMON_FLAGS, DATASET_FLAGS, type FlagSpec } from '../args';
import { EXIT, UsageError } from '../cli-error';
import { loadDataset } from '../dataset';
import type { CliIo } from '../io';
import { loadBuiltinEstimators, loadModelWithPlugins, loadPlugin } from '../plugins';
import { reportSkipped } from '../skip-report';
import type { Command } from './command';

const FLAGS: FlagSpec = {
  ...COMMON_FLAGS,
  ...DATASET_FLAGS,
  model: { type: 'string' },
  baseline: { type: 'string' },
  split: { type: 'string' },
  samples: { type: 'string' },
  accuracy: { type: 'string' },
  seed: { type: 'string' },
  'batch-size': { type: 'string' },
  json: { type: 'boolean' },
};

const USAGE = `rnn-nade eval --model DIR --dataset <jsb|...|FILE.json> [--split test] [--samples 1] [--json]
rnn-nade eval --baseline <note-1gram|uniform> --dataset <...> [--split test] [--json]

Scores a saved model (or a frame-independent baseline) on a split: log-likelihood per time step
pooled over every frame (the first frame of each sequence included), in nats, and the expected
frame accuracy from --samples draws per step given the true history (0 = skip; accuracy null).
--accuracy pooled|per-sequence: how "accuracy" averages TP/(TP+FP+FN): pooled over every frame and
sample of the split (default), or per sequence then averaged (Bay et al. 2009, as ICML 2012 cites);
--json prints both under "accuracies". --json prints one line: {"logLikelihoodPerStep", "accuracy", "frames", "sequences", ...}.

Text:  --dataset text:FILE|text:TRAIN,VALID,TEST --vectors GLOVE.txt [--oov skip] [--eos WORD] (use the training flags;
       --samples defaults to 0 here: frame accuracy is for binary frames)
Other: --seed 0  --batch-size 32  --data-dir DIR  --max-sequences N  --backend NAME  --plugin MODULE
       --strict (fail when the dataset folder has files that cannot be used; otherwise they are listed)`;

/** `rnn-nade eval`. */
export const evalCommand: Command = { name: 'eval', summary: 'score a model or a baseline on a split', usage: USAGE, run: runEval };

async function runEval(argv: readonly string[], io: CliIo): Promise<number> {
  const { values: v } = parseFlags('eval', argv, FLAGS);
  if (v.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT.OK;
  }
  const modelDir = optString(v, 'model');
  const baseline = optString(v, 'baseline');
  if ((modelDir === undefined) === (baseline === undefined)) throw new UsageError('give exactly one of --model DIR or --baseline NAME.');
  const datasetName = requireString('eval', v, 'dataset');
  const split = choiceFlag(v, 'split', ['train', 'valid', 'test'] as const, 'test');
  const samples = intFlag(v, 'samples', datasetName.startsWith('text:') ? 0 : 1);
  const accuracyAveraging = choiceFlag(v, 'accuracy', ACCURACY_AVERAGINGS, 'pooled');
  const seed = intFlag(v, 'seed', 0);
  const batchSize = intFlag(v, 'batch-size', 32, 1);
  const maxSequences = v['max-sequences'] === undefined ? undefined : intFlag(v, 'max-sequences', 1, 1);
  if (baseline !== undefined && !['note-1gram', 'uniform'].includes(baseline)) {
    throw new UsageError(`--baseline must be one of note-1gram, uniform, got "${baseline}".`);
  }
  const t0 = performance.now();
  const datasetOptions = {
    dataDir: optString(v, 'data-dir'),
    maxSequences,
    vectors: optString(v, 'vectors'),
    oov: optString(v, 'oov'),
    endOfSentence: optString(v, 'eos'),
  };
  const corpus = await loadDataset(datasetName, datasetOptions);
  if (baseline !== undefined && 'text' in corpus) throw new UsageError(`--baseline ${baseline} is for binary piano rolls, not word vectors.`);
  reportSkipped(datasetName, 'skipped' in corpus ? corpus.skipped : undefined, { strict: v.strict === true, stderr: io.stderr });
  const seqs = corpus[split];
  if (seqs.reduce((a, s) => a + s.steps, 0) === 0) {
    throw new ConfigError(`The ${split} split of ${datasetName} has no frames (${seqs.length} sequences): nothing to evaluate.`);
  }
  let result: { [key: string]: JsonValue };
  if (baseline !== undefined) {
    const r = baseline === 'note-1gram' ? noteOneGramBaseline(corpus.train, seqs) : uniformBaseline(seqs);
    result = { baseline, logLikelihoodPerStep: r.logLikelihoodPerStep, accuracy: null, frames: r.frames, sequences: r.sequences };
  } else {
    const backend = await initBackend({ backend: optString(v, 'backend'), log: v.json ? null : (m) => io.stderr(`${m}\n`) });
    await loadBuiltinEstimators();
    for (const p of (v.plugin as string[] | undefined) ?? []) await loadPlugin(p);
    const { model } = await loadModelWithPlugins(modelDir!);
    try {
      if (corpus.dim !== model.encoderConfig.inputDim) {
        throw new ConfigError(`Dataset ${datasetName} has ${corpus.dim} keys per frame, the model expects ${model.encoderConfig.inputDim}.`);
      }
      // a conditioned model needs the dataset's conditioning rows for its spec
      const scored = model.conditioning ? (await loadDataset(datasetName, { ...datasetOptions, conditioning: model.conditioning }))[split] : seqs;
      const r = await model.evaluate(scored, { samples, seed, batchSize, accuracyAveraging });
      result = { model: modelDir!, estimator: model.estimator.className, ...r, samples, backend };
    } finally {
      model.dispose();
    }
  }
  result = { ...result, dataset: corpus.name, split, seconds: Number(((performance.now() - t0) / 1000).toFixed(2)) };
  if (v.json) {
    io.stdout(`${JSON.stringify(result)}\n`);
  } else {
    const acc = result.accuracy === null ? 'n/a' : (result.accuracy as number).toFixed(4);
    io.stdout(
      `${corpus.name} ${split}: log-likelihood per step ${(result.logLikelihoodPerStep as number).toFixed(4)} nats, ` +
        `expected frame accuracy ${acc}${result.accuracy === null ? '' : ` (${accuracyAveraging})`} (${result.frames} frames, ${result.sequences} sequences)\n`,
    );
  }
  return EXIT.OK;
}
