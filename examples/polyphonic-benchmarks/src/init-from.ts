/**
 * Warm starts (`--init-from DIR`): a run that begins from the weights of a saved model instead of a
 * random initialisation, with its own schedule, e.g. a lower learning rate with plateau decay to
 * take a model that an epoch limit stopped on to convergence. The saved model's own training facts
 * go into the new model's metadata, so that its card and the results page show both runs.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SequenceModel, type JsonValue } from '@rnn-nade/core/node';

/** What a warm-started model records about the model it started from (`metadata.training.initFrom`). */
export interface InitFromInfo {
  /** The folder the weights were read from, relative to the repository root. */
  readonly model: string;
  /** The command that trained those weights (null when the model did not record one). */
  readonly command: string | null;
  /** Epochs, best validation NLL per frame and seconds of that training. */
  readonly epochsCompleted: number | null;
  readonly bestValidLossPerStep: number | null;
  readonly seconds: number | null;
  /** Whether that training ended by early stopping. */
  readonly stoppedEarly: boolean | null;
  /** The warm start of that model in turn, when it had one. */
  readonly initFrom: InitFromInfo | null;
}

/** The model to start from cannot be used: missing, or another architecture. */
export class InitFromError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InitFromError';
  }
}

const num = (v: JsonValue | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: JsonValue | undefined): Record<string, JsonValue> | null => (v && typeof v === 'object' && !Array.isArray(v) ? v : null);

/** Reads {@link InitFromInfo} from a saved model's `metadata.training` (the fields it lacks are null). */
export function initFromInfo(model: string, training: Record<string, JsonValue> | null): InitFromInfo {
  const t = training ?? {};
  const inner = obj(t.initFrom);
  return {
    model,
    command: typeof t.command === 'string' ? t.command : null,
    epochsCompleted: num(t.epochsCompleted),
    bestValidLossPerStep: num(t.bestValidLossPerStep),
    seconds: num(t.seconds),
    stoppedEarly: typeof t.stoppedEarly === 'boolean' ? t.stoppedEarly : null,
    initFrom: inner ? initFromInfo(typeof inner.model === 'string' ? inner.model : '?', inner) : null,
  };
}

/**
 * Copies every weight of the saved model in `dir` into `model`, which must have exactly the same
 * weight names and shapes (same cell, sizes, layers, projection and estimator; dropout and the
 * attention window may differ), and returns what `dir`'s metadata says about its training.
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
    return initFromInfo(options.label, obj(loaded.metadata.training));
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
