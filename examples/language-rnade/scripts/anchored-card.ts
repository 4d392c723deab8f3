/**
 * Writes the model card of models/wikitext-rnn-rnade/anchored-mixture from the JSON line that
 * scripts/next-word.ts printed (so the slow RNADE rankings need not be redone), with fresh samples.
 * scripts/report.ts writes the same card after its own full evaluation.
 *
 *   npx tsx examples/language-rnade/scripts/next-word.ts --model ... | tail -1 > /tmp/next-word.json
 *   npx tsx examples/language-rnade/scripts/anchored-card.ts --next-word-json /tmp/next-word.json --command "<the next-word command>"
 *     [--model-dir models/wikitext-rnn-rnade/anchored-softmax]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend, installProcessErrorHandlers } from '@rnn-nade/core/node';
import { readGloveVectors } from '@rnn-nade/data-text/node';
import { anchoredModelCard } from '../src/anchored-model-card';
import { DATA_FILES, OUTPUTS, REPO_ROOT, dataDir } from '../src/experiment-config';
import { sampleSentences } from '../src/language-report';
import { LANGUAGE_COMMANDS } from '../src/model-card';
import type { NextWordReport } from '../src/next-word-report';

installProcessErrorHandlers({ name: 'language-rnade anchored-card' });
const { values } = parseArgs({
  options: {
    'next-word-json': { type: 'string', multiple: true },
    command: { type: 'string' },
    note: { type: 'string' },
    'model-dir': { type: 'string', default: OUTPUTS.anchored },
  },
});
if (!values['next-word-json']?.length) throw new Error('--next-word-json FILE is required (the last line printed by scripts/next-word.ts).');
await initBackend();
// several runs on the same positions (same seed and size) are merged: baselines from the first, every model of each
const reports = await Promise.all(values['next-word-json'].map(async (f) => JSON.parse(await readFile(f, 'utf8')) as NextWordReport));
for (const r of reports) {
  if (r.positions !== reports[0]!.positions || r.unigram.mrr !== reports[0]!.unigram.mrr)
    throw new Error('The next-word JSON files rank different positions; rerun them with the same settings.');
}
const report: NextWordReport = {
  ...reports[0]!,
  models: reports.flatMap((r) => r.models),
  overlap: { unigram: reports[0]!.overlap.unigram, models: reports.flatMap((r) => r.overlap.models) },
};
const name = values['model-dir']!;
const dir = resolve(REPO_ROOT, name);
const modelJson = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as Record<string, unknown>;
const history = JSON.parse(await readFile(join(dir, 'history.json'), 'utf8')) as { epochs: { seconds: number }[] };
const samples = await sampleSentences(dir, await readGloveVectors(join(dataDir(), DATA_FILES.glove)));
await writeFile(
  join(dir, 'README.md'),
  anchoredModelCard({
    name,
    modelJson,
    report,
    samples,
    command: values.command ?? LANGUAGE_COMMANDS.nextWord,
    history,
    ...(values.note ? { note: values.note } : {}),
  }),
);
console.log(`wrote ${name}/README.md`);
