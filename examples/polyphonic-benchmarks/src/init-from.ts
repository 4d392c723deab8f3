/**
 * Warm starts (`--init-from DIR`): a run that begins from the weights of a saved model instead of a
 * random initialisation, with its own schedule, e.g. a lower learning rate with plateau decay to
 * take a model that an epoch limit stopped on to convergence. The saved model's own training facts
 * go into the new model's metadata, so that its card and the results page show both runs.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, SequenceModel } from '@rnn-nade/core/node';
import { initFromInfo, type InitFromInfo } from './init-from-info';

/** The model to start from cannot be used: missing, or another architecture. */
export class InitFromError extends ConfigError {}

/**
 * Copies every weight of the saved model in `dir` into `model`, which must have exactly the same
 * weight names and shapes (same cell, sizes, layers, attention on or off, projection and estimator;
 * dropout and the attention window's width may differ), and returns what `dir`'s metadata says about its training.
 * @throws InitFromError when `dir` holds no model or a model of another architecture.
 * @example
 * ```ts
 * const info = await initWeightsFrom(model, 'models/jsb-rnn-nade', { label: 'models/jsb-rnn-nade' });
 * ```
 */
export async function initWeightsFrom(model: SequenceModel, dir: string, options: { label: string }): Promise<InitFromInfo> {
  if (!existsSync(join(dir, 'model.json'))) throw new InitFromError(`--init-from ${options.label}: no model.json there.`);
  const loaded = await SequenceModel.load(dir);
  try {
    const want = model.weightShapes();
    const have = loaded.model.weightShapes();
    const names = new Set([...Object.keys(want), ...Object.keys(have)]);
    for (const name of [...names].sort()) {
      const a = want[name];
      const b = have[name];
      if (!a || !b || a.join('×') !== b.join('×')) {
        throw new InitFromError(
          `--init-from ${options.label}: weight "${name}" is ${b ? `[${b}]` : 'missing'} there and ${a ? `[${a}]` : 'absent'} in this run's model; ` +
            'the run config must build the same architecture (cell, hidden, layers, projection, estimator size).',
        );
      }
    }
    model.setWeights(loaded.model.getWeights());
    return initFromInfo(options.label, loaded.metadata.training);
  } finally {
    loaded.model.dispose();
  }
}

/** File in the run dir that keeps the warm start's facts, so that a resume reports the original model even after `--out` replaced it. */
export const INIT_FROM_FILE = 'init-from.json';

/**
 * The warm start of a run: loads the weights (always: a resume then overwrites them from its
 * checkpoint) and returns the facts recorded in `runDir` by the run's first start when resuming,
 * else records them there.
 */
export async function warmStart(model: SequenceModel, dir: string, options: { label: string; runDir: string; resume: boolean }): Promise<InitFromInfo> {
  const info = await initWeightsFrom(model, dir, { label: options.label });
  const file = join(options.runDir, INIT_FROM_FILE);
  if (options.resume && existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as InitFromInfo;
  await mkdir(options.runDir, { recursive: true });
  await writeFile(file, `${JSON.stringify(info, null, 2)}\n`);
  return info;
}
