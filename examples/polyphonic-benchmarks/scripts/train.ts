/**
 * `npm run train -w examples/polyphonic-benchmarks -- --corpus jsb --estimator nade --out models/jsb-rnn-nade [flags]`
 *
 * Trains one model (RNN-NADE or RNN-Bernoulli) on one corpus with early stopping on the
 * validation split, saves the best weights with their metadata, a loss-curve SVG and the
 * training log to `--out`, then evaluates it on the test split, writes its model card (README.md)
 * and prints one JSON line.
 * Flags: every field of RunConfig in kebab case (see src/run-config.ts), plus
 * --out DIR (required; relative to the repository root) --run-dir DIR (checkpoints; default /tmp/rnn-nade-runs/<basename of out>)
 * --resume true --data-dir DIR --eval-samples N (accuracy samples per frame, default 1)
 * --init-from DIR (start from the weights of the saved model in DIR, same architecture, e.g. to take
 * a model an epoch limit stopped to convergence with a lower learning rate; DIR may equal --out).
 */
import { basename, resolve } from 'node:path';
import { RunConfigError, parseRunConfig, runConfigToFlags } from '../src/run-config';
import { trainRun } from '../src/train-run';
import { writeModelCard } from '../src/write-model-card';
import { dataDirOrDefault, repoRoot, repoRelative } from '../src/paths';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'polyphonic-benchmarks train' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const { config, rest } = parseRunConfig(process.argv.slice(2));
const OTHER_FLAGS = ['out', 'run-dir', 'resume', 'data-dir', 'eval-samples', 'init-from'];
const unknown = Object.keys(rest).filter((f) => !OTHER_FLAGS.includes(f));
if (unknown.length > 0)
  throw new RunConfigError(`Unknown flag(s): ${unknown.map((f) => `--${f}`).join(', ')} (see src/run-config.ts and this script's header).`);
const out = rest.out;
if (!out) throw new RunConfigError('--out DIR is required.');
const modelDir = resolve(repoRoot, out); // relative paths are relative to the repository root
const runDir = resolve(rest['run-dir'] ?? `/tmp/rnn-nade-runs/${basename(modelDir)}`);
const dataDir = rest['data-dir'] ?? dataDirOrDefault();
const initDir = rest['init-from'] === undefined ? undefined : resolve(repoRoot, rest['init-from']);
const initFlags = initDir ? ['--init-from', repoRelative(initDir)] : [];
const command = ['npm run train -w examples/polyphonic-benchmarks --', ...runConfigToFlags(config), ...initFlags, '--out', repoRelative(modelDir)].join(' ');
console.log(`train: ${command}`);
console.log(`train: run dir ${runDir}, repo ${repoRoot}`);
const { result, backend } = await trainRun(config, {
  modelDir,
  runDir,
  dataDir,
  command,
  resume: rest.resume === 'true',
  initFrom: initDir ? { dir: initDir, label: repoRelative(initDir) } : undefined,
  onEpoch: (e) =>
    console.log(
      `epoch ${e.epoch} train ${e.trainLoss.toFixed(4)} valid ${e.validLoss?.toFixed(4) ?? 'n/a'} (${e.seconds.toFixed(1)} s) ${new Date().toISOString()}`,
    ),
});
console.log(
  `trained ${result.epochsCompleted} epochs (best epoch ${result.bestEpoch}, valid ${result.bestValidLoss?.toFixed(4)}) in ${result.seconds.toFixed(0)} s on ${backend}; saved ${repoRelative(modelDir)}`,
);
const { test, path } = await writeModelCard(modelDir, { dataDir, samples: Number(rest['eval-samples'] ?? 1) });
console.log(
  JSON.stringify({
    model: repoRelative(modelDir),
    split: 'test',
    logLikelihoodPerStep: test.logLikelihoodPerStep,
    accuracy: test.accuracy,
    card: repoRelative(path),
  }),
);
