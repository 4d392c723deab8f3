import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { TextDataError, createWordVectors, readGloveVectors, readTextCorpus, sentencesToSequences, withExtraWords } from '@rnn-nade/data-text';
import { glovePath, wikiTextPath } from './__fixtures__/data-dir';

const vocab = createWordVectors(['the', 'cat', '.', 'sat'], Float32Array.from([1, 0, 0, 1, 2, 2, 3, -1]), 2);
const frames = (data: Float32Array) => Array.from(data);

describe('sentencesToSequences', () => {
  const sentences = [['the', 'cat', 'purred', '.'], ['<unk>', 'sat'], ['zzz']];

  it("'skip' drops unknown tokens and empty sentences, with coverage statistics", () => {
    const { sequences, words, stats } = sentencesToSequences(sentences, vocab);
    expect(sequences.map((s) => s.steps)).toEqual([3, 1]);
    expect(frames(sequences[0]!.data)).toEqual([1, 0, 0, 1, 2, 2]);
    expect(words).toEqual([['the', 'cat', '.'], ['sat']]);
    expect(stats).toMatchObject({
      sentences: 3,
      sequences: 2,
      droppedSentences: 1,
      tokens: 7,
      inVocabulary: 4,
      outOfVocabulary: 3,
      corpusUnknown: 1,
      coverage: 4 / 7,
      types: 7,
      oovTypes: 3,
      typeCoverage: 4 / 7,
      frames: 4,
    });
    expect(stats.topOutOfVocabulary).toEqual([
      { word: '<unk>', count: 1 },
      { word: 'purred', count: 1 },
      { word: 'zzz', count: 1 },
    ]);
  });

  it("'zero' and 'unk' keep a frame per token; the unk vector defaults to the vocabulary mean", () => {
    const zero = sentencesToSequences(sentences, vocab, { oov: 'zero' });
    expect(zero.sequences.map((s) => s.steps)).toEqual([4, 2, 1]);
    expect(frames(zero.sequences[0]!.data.subarray(4, 6))).toEqual([0, 0]);
    expect(zero.words[1]).toEqual(['<unk>', 'sat']);
    const unk = sentencesToSequences(sentences, vocab, { oov: 'unk' });
    expect(frames(unk.sequences[2]!.data)).toEqual([1.5, 0.5]); // mean of the four rows
    const own = sentencesToSequences(sentences, vocab, { oov: 'unk', unkVector: Float32Array.from([9, 9]) });
    expect(frames(own.sequences[1]!.data)).toEqual([9, 9, 3, -1]);
    const withUnk = withExtraWords(vocab, { '<unk>': Float32Array.from([7, 8]) });
    expect(frames(sentencesToSequences([['<unk>']], withUnk, { oov: 'unk' }).sequences[0]!.data)).toEqual([7, 8]);
  });

  it('appends an end-of-sentence frame, honours min/max length, finds capitalised tokens', () => {
    const eos = Float32Array.from([-5, 5]);
    const r = sentencesToSequences([['The', 'cat', 'sat', '.'], ['cat']], vocab, { endOfSentence: eos, maxLength: 2, minLength: 1 });
    expect(frames(r.sequences[0]!.data)).toEqual([1, 0, 0, 1, -5, 5]);
    expect(r.words[0]).toEqual(['The', 'cat', '<eos>']);
    expect(r.stats.frames).toBe(5);
    const byWord = sentencesToSequences([['cat']], vocab, { endOfSentence: '.' });
    expect(frames(byWord.sequences[0]!.data)).toEqual([0, 1, 2, 2]);
    expect(sentencesToSequences([['cat'], ['the', 'cat']], vocab, { minLength: 2 }).stats.droppedSentences).toBe(1);
    expect(() => sentencesToSequences([['cat']], vocab, { endOfSentence: '<eos>' })).toThrow(TextDataError);
    expect(() => sentencesToSequences([['cat']], vocab, { endOfSentence: new Float32Array(3) })).toThrow(TextDataError);
    expect(() => sentencesToSequences([['cat']], vocab, { oov: 'drop' as 'skip' })).toThrow(TextDataError);
  });

  it('reports the real coverage of WikiText-2 valid by the 5k GloVe vocabulary, checked independently', async () => {
    const glove = await readGloveVectors(glovePath);
    const corpus = await readTextCorpus(wikiTextPath('valid'));
    const { stats, sequences } = sentencesToSequences(corpus.sentences, glove, { oov: 'zero' });
    // Independent count straight from the file.
    const vocabSet = new Set(
      await readFile(glovePath, 'utf8').then((t) =>
        t
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split(' ')[0]!),
      ),
    );
    const raw = await readFile(wikiTextPath('valid'), 'utf8');
    let tokens = 0;
    let known = 0;
    let unk = 0;
    for (const line of raw.split('\n')) {
      if (/^ (= )+.*( =)+ $/.test(line)) continue;
      for (const t of line
        .replace(/ @([-,.])@ /g, '$1')
        .split(' ')
        .filter(Boolean)) {
        tokens++;
        if (t === '<unk>') unk++;
        else if (vocabSet.has(t.toLowerCase())) known++;
      }
    }
    expect(stats.tokens).toBe(tokens);
    expect(stats.inVocabulary).toBe(known);
    expect(stats.corpusUnknown).toBe(unk);
    expect(stats.frames).toBe(tokens); // 'zero' keeps one frame per token
    expect(sequences.every((s) => s.dim === 50 && s.data.length === s.steps * 50)).toBe(true);
    // 82.6% of valid tokens are covered by the 5,050 most frequent words (5.5% are <unk> already).
    expect(stats.coverage).toBeGreaterThan(0.82);
    expect(stats.coverage).toBeLessThan(0.83);
    expect(stats.topOutOfVocabulary[0]).toEqual({ word: '<unk>', count: unk });
  });
});
