import { readFile } from 'node:fs/promises';
import { CorpusFormatError } from '../errors';
import { parseCsvObjects } from './csv';
import type { CsvSplitSpec, SplitName } from './split';

const SPLIT_ALIASES: Record<string, SplitName> = {
  train: 'train',
  training: 'train',
  valid: 'valid',
  validation: 'valid',
  val: 'valid',
  dev: 'valid',
  test: 'test',
  testing: 'test',
  eval: 'test',
};

/**
 * Reads a split table from a CSV: relative path (with `/` separators) -> split.
 * Throws {@link CorpusFormatError} when a column is missing or a split name is unknown.
 */
export async function readCsvSplits(spec: CsvSplitSpec): Promise<Map<string, SplitName>> {
  const pathColumn = spec.pathColumn ?? 'midi_filename';
  const splitColumn = spec.splitColumn ?? 'split';
  const rows = parseCsvObjects(await readFile(spec.file, 'utf8'));
  if (rows.length === 0) throw new CorpusFormatError(`${spec.file} has no rows.`);
  for (const col of [pathColumn, splitColumn]) {
    if (!(col in rows[0]!)) throw new CorpusFormatError(`${spec.file} has no "${col}" column (columns: ${Object.keys(rows[0]!).join(', ')}).`);
  }
  const out = new Map<string, SplitName>();
  rows.forEach((r, i) => {
    const split = SPLIT_ALIASES[r[splitColumn]!.trim().toLowerCase()];
    if (!split) throw new CorpusFormatError(`${spec.file} row ${i + 2}: unknown split "${r[splitColumn]}".`);
    out.set(r[pathColumn]!.trim().replace(/\\/g, '/'), split);
  });
  return out;
}
