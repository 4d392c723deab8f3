/**
 * `npm run record-attempt -w examples/polyphonic-benchmarks -- --log FILE --outcome "why it ended and was not kept"`
 * `npm run record-attempt -w examples/polyphonic-benchmarks -- --model DIR --outcome "replaced by ..."`
 *
 * Reads a train run that was not kept and appends its summary (command, config, epochs, best
 * validation loss and epoch, seconds, outcome) to docs/figures/polyphonic/attempts.jsonl, which
 * `npm run results` shows under its corpus. `--log FILE` is what
 * `npm run train -w examples/polyphonic-benchmarks -- ...` printed; `--model DIR` is a saved model
 * that is being replaced (its model.json and train-log.jsonl, e.g. checked out from git).
 */
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '@rnn-nade/core';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';
import { parseSavedModelRun, parseTrainOutput } from '../src/attempt-record';
import { repoRoot } from '../src/paths';

installProcessErrorHandlers({ name: 'polyphonic-benchmarks record-attempt' });

const USAGE = 'usage: npm run record-attempt -w examples/polyphonic-benchmarks -- (--log FILE | --model DIR) --outcome "why it was not kept"';

const { values } = (() => {
  try {
    return parseArgs({
      options: { log: { type: 'string' }, model: { type: 'string' }, outcome: { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (error) {
    throw new ConfigError(`${(error as Error).message} (${USAGE})`);
  }
})();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.outcome || (values.log === undefined) === (values.model === undefined)) {
  throw new ConfigError(`give one of --log FILE or --model DIR, and --outcome "..." (${USAGE})`);
}
const record = values.log
  ? parseTrainOutput(await readFile(values.log, 'utf8'), { outcome: values.outcome })
  : parseSavedModelRun(await readFile(join(values.model!, 'model.json'), 'utf8'), await readFile(join(values.model!, 'train-log.jsonl'), 'utf8'), {
      outcome: values.outcome,
    });
const file = join(repoRoot, 'docs/figures/polyphonic/attempts.jsonl');
await appendFile(file, `${JSON.stringify(record)}\n`);
console.log(`record-attempt: ${record.corpus}, ${record.epochs} epochs, best valid ${record.bestValidLoss} at epoch ${record.bestEpoch} → ${file}`);
