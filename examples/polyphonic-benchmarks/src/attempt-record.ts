/**
 * Runs that were tried and not kept: a summary record read from the console output of
 * `npm run train -w examples/polyphonic-benchmarks` (its `train: <command>` line and one
 * `epoch N train X valid Y (S s)` line per epoch), kept in `docs/figures/polyphonic/attempts.jsonl`
 * so that the results page can say what was tried for a missed target.
 */
import { parseRunConfig, type RunConfig } from './run-config';
import { parseJsonLines } from './json-lines';

/** One run that was tried and not kept, with how far it got. */
export interface AttemptRecord {
  /** The corpus of the run. */
  readonly corpus: string;
  /** The command that started it, as the train script printed it. */
  readonly command: string;
  /** Its configuration, parsed from the command's flags. */
  readonly config: RunConfig;
  /** Epochs finished before it ended. */
  readonly epochs: number;
  /** Best validation loss per step (nats) and the epoch that reached it (counted from 1). */
  readonly bestValidLoss: number;
  readonly bestEpoch: number;
  /** Training loss per step of its last epoch (with dropout and augmentation). */
  readonly lastTrainLoss: number;
  /** Seconds of its finished epochs. */
  readonly seconds: number;
  /** Why it ended and why it was not kept (words; the figures are the fields above). */
  readonly outcome: string;
}

/** The console output could not be read as a train run. */
export class AttemptLogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttemptLogError';
  }
}

/** The run config of a `npm run train -w examples/polyphonic-benchmarks -- <flags>` command (its flags after ` -- `). */
function configOfCommand(command: string): RunConfig {
  return parseRunConfig(command.split(' -- ')[1]!.split(/\s+/)).config;
}

const EPOCH_LINE = /^epoch (\d+) train (\S+) valid (\S+) \((\S+) s\)/;
const COMMAND_LINE = /^train: (npm run train -w examples\/polyphonic-benchmarks -- .*)$/;

/**
 * Reads the console output of one train run into an {@link AttemptRecord}.
 * @throws AttemptLogError when the output holds no command line or no epoch with a validation loss.
 * @example
 * ```ts
 * const r = parseTrainOutput(await readFile('/work/logs/nott.log', 'utf8'), { outcome: 'stopped by hand' });
 * ```
 */
export function parseTrainOutput(text: string, options: { outcome: string }): AttemptRecord {
  let command: string | undefined;
  const epochs: { train: number; valid: number; seconds: number }[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const c = COMMAND_LINE.exec(line);
    if (c) command = c[1];
    const e = EPOCH_LINE.exec(line);
    if (e && Number(e[1]) === epochs.length) epochs.push({ train: Number(e[2]), valid: Number(e[3]), seconds: Number(e[4]) });
  }
  if (command === undefined) throw new AttemptLogError('no "train: npm run train ..." line: is this the output of the polyphonic-benchmarks train script?');
  // the best epoch among those with a validation loss (an epoch without one prints "valid n/a")
  let best = -1;
  for (let i = 0; i < epochs.length; i++) {
    const valid = epochs[i]!.valid;
    if (Number.isFinite(valid) && (best < 0 || valid < epochs[best]!.valid)) best = i;
  }
  if (best < 0) throw new AttemptLogError('no epoch with a validation loss in the output.');
  const config = configOfCommand(command);
  return {
    corpus: config.corpus,
    command,
    config,
    epochs: epochs.length,
    bestValidLoss: epochs[best]!.valid,
    bestEpoch: best + 1,
    lastTrainLoss: epochs[epochs.length - 1]!.train,
    seconds: Number(epochs.reduce((a, e) => a + e.seconds, 0).toFixed(1)),
    outcome: options.outcome,
  };
}

interface SavedTraining {
  command?: unknown;
  epochsCompleted?: unknown;
  bestEpoch?: unknown;
  bestValidLossPerStep?: unknown;
  seconds?: unknown;
}

/**
 * Reads a saved model that is being replaced (its `model.json` and the `train-log.jsonl` beside
 * it) into an {@link AttemptRecord}: the run that trained it, for the list of runs not kept.
 * @throws AttemptLogError when model.json has no training metadata of the train script or the
 *   log has no epoch.
 * @example
 * ```ts
 * const r = parseSavedModelRun(await readFile('old/model.json', 'utf8'), await readFile('old/train-log.jsonl', 'utf8'), { outcome: 'replaced' });
 * ```
 */
export function parseSavedModelRun(modelJson: string, trainLog: string, options: { outcome: string }): AttemptRecord {
  let training: SavedTraining | undefined;
  try {
    training = (JSON.parse(modelJson) as { metadata?: { training?: SavedTraining } }).metadata?.training;
  } catch {
    throw new AttemptLogError('model.json is not JSON.');
  }
  const t = training ?? {};
  const numbers = [t.epochsCompleted, t.bestEpoch, t.bestValidLossPerStep, t.seconds];
  if (typeof t.command !== 'string' || !COMMAND_LINE.test(`train: ${t.command}`) || !numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw new AttemptLogError(
      'model.json has no training metadata of the polyphonic-benchmarks train script (command, epochs, best epoch, best validation loss, seconds).',
    );
  }
  const epochs = parseJsonLines<{ event: string; trainLoss: number }>(
    trainLog,
    (v) => typeof v === 'object' && v !== null && (v as { event?: unknown }).event === 'epoch' && typeof (v as { trainLoss?: unknown }).trainLoss === 'number',
  );
  if (epochs.length === 0) throw new AttemptLogError('train-log.jsonl has no epoch record.');
  const config = configOfCommand(t.command);
  return {
    corpus: config.corpus,
    command: t.command,
    config,
    epochs: t.epochsCompleted as number,
    bestValidLoss: t.bestValidLossPerStep as number,
    bestEpoch: (t.bestEpoch as number) + 1,
    lastTrainLoss: epochs[epochs.length - 1]!.trainLoss,
    seconds: t.seconds as number,
    outcome: options.outcome,
  };
}

/** Parses `attempts.jsonl` (blank and torn lines skipped). */
export function parseAttempts(text: string): AttemptRecord[] {
  return parseJsonLines<AttemptRecord>(
    text,
    (v) => typeof v === 'object' && v !== null && typeof (v as AttemptRecord).corpus === 'string' && typeof (v as AttemptRecord).bestValidLoss === 'number',
  );
}
