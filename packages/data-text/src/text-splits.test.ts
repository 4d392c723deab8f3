import { describe, expect, it } from 'vitest';
import { TextDataError, readTextCorpus, splitTextCorpora } from '@rnn-nade/data-text';

/** A WikiText-style corpus of `n` articles; article a has a + 1 sentences. */
function wiki(n: number): string {
  const lines: string[] = [];
  for (let a = 0; a < n; a++) lines.push(` = Article ${a} = `, ` ${Array.from({ length: a + 1 }, () => `word${a} here .`).join(' ')} `);
  return `${lines.join('\n')}\n`;
}

describe('splitTextCorpora', () => {
  it('splits one corpus 8:1:1 by whole documents', async () => {
    const corpus = await readTextCorpus([wiki(20)]);
    const s = splitTextCorpora([corpus]);
    // Documents 8 and 18 go to valid (9 + 19 sentences), 9 and 19 to test (10 + 20), the rest to train.
    expect([s.train.length, s.valid.length, s.test.length]).toEqual([210 - 28 - 30, 28, 30]);
    expect(s.valid[0]).toEqual(['word8', 'here', '.']);
    expect(s.test[0]).toEqual(['word9', 'here', '.']);
  });

  it('refuses a corpus too small to fill every split, naming the file and the counts', async () => {
    const corpus = await readTextCorpus([wiki(7)]);
    const error = (() => {
      try {
        splitTextCorpora([corpus], { files: ['small.txt'] });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TextDataError);
    expect((error as Error).message).toMatch(/valid split of small\.txt is empty: it has 7 document\(s\).*at least 10/);
    expect(splitTextCorpora([corpus], { holdoutEvery: 3 }).test.length).toBe(3 + 6);
  });

  it('takes three corpora as train, valid, test and refuses an empty one', async () => {
    const [a, b, empty] = await Promise.all([readTextCorpus([wiki(2)]), readTextCorpus([wiki(1)]), readTextCorpus([''])]);
    expect(splitTextCorpora([a, b, b]).valid.length).toBe(1);
    expect(() => splitTextCorpora([a, b, empty], { files: ['t', 'v', 'e.txt'] })).toThrow(/test split is empty: e\.txt has no sentences/);
    expect(() => splitTextCorpora([a, b])).toThrow(TextDataError);
  });
});
