import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TextCorpus } from '@rnn-nade/data-text';
import { DATA_FILES, dataDir } from './experiment-config';
import { countAllFrames, loadLanguageData, splitByDocuments } from './language-data';

describe('splitByDocuments', () => {
  it('holds out every n-th document whole', () => {
    const corpus: TextCorpus = {
      format: 'wikitext',
      sentences: [['a'], ['b'], ['c'], ['d'], ['e'], ['f']],
      documents: [
        { title: 'A', start: 0, end: 2 },
        { title: 'B', start: 2, end: 3 },
        { title: 'C', start: 3, end: 5 },
        { title: 'D', start: 5, end: 6 },
      ],
    };
    expect(splitByDocuments(corpus, 2)).toEqual({ kept: [['a'], ['b'], ['d'], ['e']], heldOut: [['c'], ['f']] });
    expect(splitByDocuments(corpus, 0).heldOut).toEqual([]);
  });
});

const haveData = existsSync(join(dataDir(), DATA_FILES.glove)) && existsSync(join(dataDir(), DATA_FILES.valid));

describe.runIf(haveData)('loadLanguageData on the real files', () => {
  it('reads GloVe 50d (5,050 words) and WikiText-2 into sentence sequences with coverage stats', async () => {
    const d = await loadLanguageData({ maxSentences: 600, holdoutEvery: 2 });
    expect(d.vectors.words).toHaveLength(5050);
    expect(d.vectors.dim).toBe(50);
    expect(d.train.length).toBeGreaterThan(0);
    expect(d.valid.length).toBeGreaterThan(0);
    expect(d.test.length).toBeGreaterThan(500);
    for (const split of ['train', 'valid', 'test'] as const) {
      expect(countAllFrames(d[split])).toBe(d.stats[split].frames);
      expect(d.stats[split].coverage).toBeGreaterThan(0.7);
      expect(d.stats[split].coverage).toBeLessThan(0.95);
      expect(d[split].every((s) => s.dim === 50 && s.steps > 0)).toBe(true);
    }
    // the first test sentence starts with "robert" (Robert Boulter), the first word of test.txt's first article
    const row = d.vectors.index.get('robert')!;
    expect(Array.from(d.test[0]!.data.subarray(0, 50))).toEqual(Array.from(d.vectors.matrix.subarray(row * 50, row * 50 + 50)));
  });
});
