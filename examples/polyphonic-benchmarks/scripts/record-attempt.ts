/**
 * `npm run record-attempt -w examples/polyphonic-benchmarks -- --log FILE --outcome "why it ended and was not kept"`
 *
 * Reads the console output of a train run that was not kept (FILE is what
 * `npm run train -w examples/polyphonic-benchmarks -- ...` printed) and appends its summary
 * (command, config, epochs, best validation loss and epoch, seconds, outcome) to
 * docs/figures/polyphonic/attempts.jsonl, which `npm run results` shows under its corpus.
 */
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';
import { parseTrainOutput } from '../src/attempt-record';
import { repoRoot } from '../src/paths';

installProcessErrorHandlers({ name: 'polyphonic-benchmarks record-attempt' });

const { values } = parseArgs({ options: { log: { type: 'string' }, outcome: { type: 'string' } } });
if (!values.log || !values.outcome) throw new Error('--log FILE and --outcome "..." are required');
const record = parseTrainOutput(await readFile(values.log, 'utf8'), { outcome: values.outcome });
const file = join(repoRoot, 'docs/figures/polyphonic/attempts.jsonl');
await appendFile(file, `${JSON.stringify(record)}\n`);
console.log(`record-attempt: ${record.corpus}, ${record.epochs} epochs, best valid ${record.bestValidLoss} at epoch ${record.bestEpoch} → ${file}`);
