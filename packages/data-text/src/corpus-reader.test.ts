import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { TextDataError, readTextCorpus } from '@rnn-nade/data-text';
import { wikiTextPath } from './__fixtures__/data-dir';

describe('readTextCorpus', () => {
  it('reads WikiText: headings skipped, articles as documents, sentences split', async () => {
    const text = [' ', ' = Alpha = ', ' ', ' = = Life = = ', ' It was 1 @,@ 000 m high . It fell . ', ' = Beta = ', ' A <unk> @-@ like thing . ', ''].join(
      '\n',
    );
    const c = await readTextCorpus([text]);
    expect(c.format).toBe('wikitext');
    expect(c.sentences).toEqual([
      ['it', 'was', '1,000', 'm', 'high', '.'],
      ['it', 'fell', '.'],
      ['a', '<unk>-like', 'thing', '.'],
    ]);
    expect(c.documents).toEqual([
      { title: 'Alpha', start: 0, end: 2 },
      { title: 'Beta', start: 2, end: 3 },
    ]);
  });

  it('reads plain text: paragraphs separated by blank lines, sentences across lines', async () => {
    const c = await readTextCorpus(['The cat sat\non the mat. It purred.\n\nA new paragraph'], { format: 'auto' });
    expect(c.format).toBe('plain');
    expect(c.sentences).toEqual([
      ['the', 'cat', 'sat', 'on', 'the', 'mat', '.'],
      ['it', 'purred', '.'],
      ['a', 'new', 'paragraph'],
    ]);
    expect(c.documents).toEqual([{ title: undefined, start: 0, end: 3 }]);
    const forced = await readTextCorpus([' = Not a heading here = \n'], { format: 'plain', lowercase: false });
    expect(forced.sentences).toEqual([['=', 'Not', 'a', 'heading', 'here', '=']]);
  });

  it('stops at maxSentences and reports unreadable files with a typed error', async () => {
    const c = await readTextCorpus(wikiTextPath('valid'), { maxSentences: 5 });
    expect(c.sentences.length).toBe(5);
    await expect(readTextCorpus('/nonexistent/corpus.txt')).rejects.toBeInstanceOf(TextDataError);
  });

  it('reads the real WikiText-2 validation split: every non-heading token, in order', async () => {
    const raw = await readFile(wikiTextPath('valid'), 'utf8');
    const lines = raw.split('\n').filter((l, i, a) => i < a.length - 1 || l !== '');
    // SOURCE.md's published check: split() tokens plus one <eos> per line = 217,646.
    expect(lines.length).toBe(3760);
    expect(lines.reduce((n, l) => n + l.split(/\s+/).filter(Boolean).length, 0) + lines.length).toBe(217_646);
    // Independent token stream: drop headings, join markers, lower-case.
    const heading = (l: string) => /^ (= )+.*( =)+ $/.test(l);
    const expected = lines
      .filter((l) => !heading(l))
      .flatMap((l) => l.split(' @-@ ').join('-').split(' @,@ ').join(',').split(' @.@ ').join('.').split(' ').filter(Boolean))
      .map((t) => (t === '<unk>' ? t : t.toLowerCase()));
    const c = await readTextCorpus(wikiTextPath('valid'));
    expect(c.format).toBe('wikitext');
    expect(c.sentences.flat()).toEqual(expected);
    expect(c.documents.length).toBe(lines.filter((l) => /^ = [^=].* = $/.test(l)).length);
    expect(c.documents[0]!.title).toBe('Homarus gammarus');
    const endsWell = c.sentences.filter((s) => ['.', '?', '!', '"'].includes(s[s.length - 1]!)).length;
    expect(endsWell / c.sentences.length).toBeGreaterThan(0.95);
  });
});
