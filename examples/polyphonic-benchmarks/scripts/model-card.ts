/**
 * `npm run card -w examples/polyphonic-benchmarks -- --model models/jsb-rnn-nade [--samples 1]`
 * Evaluates a saved model on its corpus's test split and writes its model card (README.md).
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { writeModelCard } from '../src/write-model-card';
import { dataDirOrDefault, repoRelative, repoRoot } from '../src/paths';
import { installProcessErrorHandlers } from '@rnn-nade/core/node';

installProcessErrorHandlers({ name: 'polyphonic-benchmarks model-card' }); // exit 1 with the real error first (not the wasm backend's exit 7 + code dump)

const { values: f } = parseArgs({ options: { model: { type: 'string' }, samples: { type: 'string', default: '1' } } });
if (!f.model) throw new Error('--model DIR is required');
const dir = resolve(repoRoot, f.model);
const { path, test } = await writeModelCard(dir, { dataDir: dataDirOrDefault(), samples: Number(f.samples) });
console.log(`card: ${repoRelative(path)} (test log-likelihood ${test.logLikelihoodPerStep.toFixed(3)}, accuracy ${test.accuracy?.toFixed(4)})`);
