import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDir } from '../test-util/data-dir';
import { CorpusFormatError } from '../errors';
import { resolveCorpusLimits } from './corpus-limits';
import { scanJsonCorpusShape } from './json-shape-scan';

const enc = (s: string) => new TextEncoder().encode(s);
const limits = resolveCorpusLimits();

describe('scanJsonCorpusShape', () => {
  it('counts the sequences and steps of the real JSB files exactly as JSON.parse sees them', () => {
    for (const name of ['quarter', '16th']) {
      const bytes = readFileSync(path.join(dataDir, `jsb-chorales/jsb-chorales-${name}.json`));
      const json = JSON.parse(bytes.toString('utf8')) as Record<'train' | 'valid' | 'test', number[][][]>;
      const seqs = [...json.train, ...json.valid, ...json.test];
      expect(scanJsonCorpusShape(bytes, name, limits)).toEqual({ sequences: seqs.length, steps: seqs.reduce((a, s) => a + s.length, 0) });
    }
  });

  it('is not fooled by brackets inside strings, escaped quotes or non-ASCII keys', () => {
    const text = '{"note \\"[[[": "]]]", "gr\u00fc\u00dfe": [1], "train": [[[60], [62, 64]]], "valid": [], "test": [[[]]]}';
    expect(scanJsonCorpusShape(enc(text), 'x', limits)).toEqual({ sequences: 2, steps: 3 });
  });

  it('names the split, sequence, byte offset and limit', () => {
    const text = '{"valid": [[[60]], [[60], [61], [62]]], "train": [], "test": []}';
    const err = (() => {
      try {
        scanJsonCorpusShape(enc(text), 'c.json', { ...limits, maxSequenceSteps: 2 });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(CorpusFormatError);
    expect(err!.message).toBe(`c.json: valid[1] has more than maxSequenceSteps = 2 steps (at byte ${text.indexOf('[62]')}); raise the limit to read it.`);
    expect(() => scanJsonCorpusShape(enc(`{${Array.from({ length: 2001 }, (_, i) => `"k${i}":1`).join(',')}}`), 'k.json', limits)).toThrow(
      /more than 2000 top-level entries/,
    );
  });
});
