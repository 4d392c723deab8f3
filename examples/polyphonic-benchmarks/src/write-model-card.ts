import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { activeBackend, type JsonValue } from '@rnn-nade/core';
import { evaluateSaved } from './evaluate-saved';
import { modelCard } from './model-card';

/** Evaluates the model in `dir` on its test split and writes `dir/README.md`. */
export async function writeModelCard(
  dir: string,
  options: { dataDir?: string; samples?: number },
): Promise<{ path: string; test: { logLikelihoodPerStep: number; accuracy: number | null } }> {
  const samples = options.samples ?? 1;
  const r = await evaluateSaved(dir, { split: 'test', dataDir: options.dataDir, samples, seed: 0 });
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as {
    model: { encoder: Record<string, JsonValue> };
    estimator: { className: string; config: Record<string, JsonValue> };
  };
  let weightBytes = 0;
  for (const f of await readdir(dir)) if (f.endsWith('.bin')) weightBytes += (await stat(join(dir, f))).size;
  const card = modelCard({
    name: basename(dir),
    encoder: json.model.encoder,
    estimator: json.estimator,
    metadata: r.metadata,
    test: { logLikelihoodPerStep: r.logLikelihoodPerStep, accuracy: r.accuracy, frames: r.frames, sequences: r.sequences, samples },
    evalBackend: activeBackend() ?? 'unknown',
    weightBytes,
  });
  const path = join(dir, 'README.md');
  await writeFile(path, card);
  return { path, test: r };
}
