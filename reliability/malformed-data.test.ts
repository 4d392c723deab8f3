/**
 * Reliability: malformed data is never read silently wrong. Every case below used to load (as a
 * wrong word, a wrong number, an empty split) or to crash with an untyped error; each must be a
 * typed error that says what is wrong and where (file and line, or file and sequence / step).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorpusFormatError, loadCorpus, loadMidiCorpus, type MatValue } from '@rnn-nade/data-midi/node';
import { TextDataError, VectorFileError, readGloveVectors, readTextCorpus, splitTextCorpora } from '@rnn-nade/data-text/node';
import { smf, track } from '../packages/data-midi/src/test-util/smf-builder';
import { writeMat } from '../scripts/fuzz/mat-writer';
import { expectBoundedFailure } from './bounded-call';

const tmp = mkdtempSync(path.join(tmpdir(), 'rnn-nade-malformed-'));
const write = (name: string, data: string | Uint8Array) => {
  const file = path.join(tmp, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, data);
  return file;
};
const GOOD = 'the 0.418 0.24968 -0.41242\n, 0.013441 0.23682 -0.16899\n';

describe('vector files: every malformed row is a VectorFileError naming file and line', () => {
  const cases: Array<[name: string, row: string, reason: VectorFileError['reason'], message: RegExp]> = [
    ['extra value', 'for 0.15272 0.1 0.2 0.3', 'field-count', /got 5 fields \(the word part ends in the number "0\.15272"/],
    ['missing value', 'for 0.1 0.2', 'field-count', /expected a word and 3 numbers \(4 fields\), got 3 fields/],
    ['hexadecimal', 'for 0x1F 0.1 0.2', 'malformed-line', /component 1 "0x1F" is not a decimal number/],
    ['digit separators', 'for 1_000 0.1 0.2', 'malformed-line', /"1_000" is not a decimal number/],
    ['NaN', 'for 0.1 NaN 0.2', 'non-finite', /component 2 is NaN/],
    ['infinity', 'for 0.1 0.2 -Infinity', 'non-finite', /component 3 is -Infinity/],
    ['float32 overflow', 'for 0.1 0.2 3.5e38', 'non-finite', /not a finite float32/],
    ['duplicate word', 'the 0.1 0.2 0.3', 'duplicate-word', /duplicate word "the" \(first seen as row 1\)/],
  ];
  for (const [name, row, reason, message] of cases) {
    it(name, async () => {
      const file = write(`${name.replace(/ /g, '-')}.txt`, `${GOOD}${row}\n`);
      const e = await expectBoundedFailure(() => readGloveVectors(file), VectorFileError, message, { ms: 1000 });
      expect(e.reason).toBe(reason);
      expect([e.file, e.line]).toEqual([file, 3]);
      expect(e.message.startsWith(`${file}, line 3: `)).toBe(true);
    });
  }

  it('a row count unlike the word2vec header, and a header over maxDim', async () => {
    const short = write('header.vec', `3 3\n${GOOD}`);
    expect((await expectBoundedFailure(() => readGloveVectors(short), VectorFileError, /header declares 3 rows, but the file has 2/)).reason).toBe(
      'header-mismatch',
    );
    const wide = write('wide.vec', `2 1000000\n${GOOD}`);
    await expectBoundedFailure(() => readGloveVectors(wide), VectorFileError, /wide\.vec, line 1: dimension 1000000 is larger than maxDim = 4096/);
  });
});

describe('corpus JSON: each malformed place is a CorpusFormatError naming the file and the sequence / step', () => {
  const corpus = (train: string) => `{"train":${train},"valid":[[[60]]],"test":[[[62]]]}`;
  const cases: Array<[name: string, train: string, message: RegExp]> = [
    ['pitch as a string', '[[[60],["61"]]]', /: train\[0\]\[1\] is not a list of MIDI pitch numbers/],
    ['pitch overflowing to Infinity', '[[[60]],[[1e999]]]', /: train\[1\]\[0\] is not a list of MIDI pitch numbers/],
    ['sequence not a list', '[[[60]],7]', /: train\[1\] is not a list of steps/],
    ['pitch outside the roll', '[[[60],[12]]]', /: pitch 12 in train\[0\] step 1 is outside the range 21\.\.108/],
    ['split not a list', '{"0": []}', /: missing or non-array "train" split/],
  ];
  for (const [name, train, message] of cases) {
    it(name, async () => {
      const file = write(`${name.replace(/ /g, '-')}.json`, corpus(train));
      const e = await expectBoundedFailure(() => loadCorpus(file), CorpusFormatError, message, { ms: 1000 });
      expect(e.message).toContain(file);
    });
  }
});

/** A MAT-file with one cell variable `name` holding one uint8 roll of `dims`. */
const matWithRoll = (name: string, dims: [number, number], values: Uint8Array) =>
  writeMat([{ name, value: { kind: 'cell', dims: [1, 1], cells: [{ kind: 'numeric', dims, values }] } }]);

describe('corpus MAT: declared dimensions are checked before allocating', () => {
  it('a roll of 2^31 - 1 rows and 0 columns (0 values, so it passed the size check) is refused', async () => {
    const file = write('zero-cols.mat', matWithRoll('traindata', [2 ** 31 - 1, 0], new Uint8Array(0)));
    await expectBoundedFailure(() => loadCorpus(file), CorpusFormatError, /zero-cols\.mat traindata: cell 0 has 0 columns/, { ms: 1000, mb: 100 });
  });

  it('a roll longer than maxSequenceSteps is refused; a well-formed one passes the roll checks', async () => {
    const long = write('long.mat', matWithRoll('traindata', [200_000, 1], new Uint8Array(200_000)));
    await expectBoundedFailure(() => loadCorpus(long), CorpusFormatError, /long\.mat traindata: cell 0 has 200000 steps, more than maxSequenceSteps = 100000/);
    const ok = write(
      'ok.mat',
      matWithRoll(
        'traindata',
        [2, 88],
        Uint8Array.from({ length: 176 }, (_, i) => (i === 39 * 2 ? 1 : 0)),
      ),
    );
    await expectBoundedFailure(() => loadCorpus(ok), CorpusFormatError, /MAT-file has no "validdata" variable/);
  });
});

describe('corpus MAT: malformed structure is a CorpusFormatError, not a RangeError or a stack overflow', () => {
  it('array flags shorter than 4 bytes', async () => {
    const good = matWithRoll('traindata', [1, 1], Uint8Array.of(1));
    // The flags element of the cell (right after its 8-byte miMATRIX tag) declares 8 bytes: make it 2.
    const bad = good.slice();
    new DataView(bad.buffer).setUint32(128 + 8 + 4, 2, true);
    await expectBoundedFailure(() => loadCorpus(write('flags.mat', bad)), CorpusFormatError, /flags\.mat: array flags of 2 bytes/);
  });

  it('cell arrays nested 100 deep', async () => {
    let value: MatValue = { kind: 'numeric', dims: [1, 1], values: [1] };
    for (let i = 0; i < 100; i++) value = { kind: 'cell', dims: [1, 1], cells: [value] };
    const file = write('deep.mat', writeMat([{ name: 'traindata', value }]));
    await expectBoundedFailure(() => loadCorpus(file), CorpusFormatError, /deep\.mat: cell arrays nested more than 16 deep/);
  });
});

describe('MIDI folders: files over a limit are skipped and reported, the rest loads', () => {
  it('a stuck note is reported with the limit it broke', async () => {
    write(
      'midi/good.mid',
      smf(0, 96, [
        track([
          [0, 0x90, 60, 100],
          [96, 0x80, 60, 0],
        ]),
      ]),
    );
    write(
      'midi/stuck.mid',
      smf(0, 96, [
        track([
          [0, 0x90, 60, 100],
          [96 * 20_000, 0x80, 60, 0],
        ]),
      ]),
    );
    const c = await loadMidiCorpus(path.join(tmp, 'midi'), { split: { valid: 0, test: 0 } });
    expect(c.files.train).toEqual(['good.mid']);
    expect(c.skipped).toHaveLength(1);
    expect(c.skipped[0]!.file).toBe('stuck.mid');
    expect(c.skipped[0]!.reason).toMatch(/stuck\.mid: the note of pitch 60 at tick 0 \(track 0, channel 0\) lasts 80000 steps, more than maxNoteSteps = 10000/);
  });
});

describe('text splits: an empty split is a TextDataError, not a NaN evaluation', () => {
  it('a corpus of 7 documents cannot be split 8:1:1 by documents', async () => {
    const text = Array.from({ length: 7 }, (_, a) => ` = Doc ${a} = \n the cat sat . \n`).join('');
    const file = write('seven.txt', text);
    const corpus = await readTextCorpus(file);
    expect(corpus.documents).toHaveLength(7);
    await expectBoundedFailure(
      () => splitTextCorpora([corpus], { files: [file] }),
      TextDataError,
      /valid split of .*seven\.txt is empty: it has 7 document\(s\)/,
    );
  });
});
