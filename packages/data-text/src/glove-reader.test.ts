import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VectorFileError, readGloveVectors, type ReadGloveOptions } from '@rnn-nade/data-text';
import { dataDir, glovePath } from './__fixtures__/data-dir';

const read = (text: string, options?: ReadGloveOptions) => readGloveVectors([text], options);

async function expectVectorError(p: Promise<unknown>, reason: string, line?: number): Promise<VectorFileError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VectorFileError);
  const e = error as VectorFileError;
  expect(e.reason).toBe(reason);
  expect(e.line).toBe(line);
  if (line !== undefined) expect(e.message).toContain(`line ${line}:`);
  return e;
}

describe('readGloveVectors', () => {
  it('reads words, infers d from the first line and fills one row-major matrix', async () => {
    const v = await read('the 0.5 -1 2e-3\nof 1 2 3\n, -0.25 0 7\n');
    expect(v.dim).toBe(3);
    expect(v.words).toEqual(['the', 'of', ',']);
    expect(Array.from(v.matrix)).toEqual([0.5, -1, Math.fround(2e-3), 1, 2, 3, -0.25, 0, 7]);
    expect(v.index.get(',')).toBe(2);
  });

  it('takes the last d fields as the vector, so words may contain spaces', async () => {
    const v = await read('a 1 2\nat & t 3 4\nnew  york 5 6\n');
    expect(v.words).toEqual(['a', 'at & t', 'new york']);
    expect(Array.from(v.matrix.subarray(2, 6))).toEqual([3, 4, 5, 6]);
  });

  it('handles CRLF, blank lines, no final newline, a word2vec header and UTF-8 split across chunks', async () => {
    const bytes = new TextEncoder().encode('2 2\r\nnaïve 1 2\r\n\r\ncafé 3 4');
    // Split inside the two-byte "ï" and "é" characters.
    const chunks = [bytes.subarray(0, 9), bytes.subarray(9, 24), bytes.subarray(24)];
    const v = await readGloveVectors(chunks);
    expect(v.words).toEqual(['naïve', 'café']);
    expect(v.dim).toBe(2);
    expect(Array.from(v.matrix)).toEqual([1, 2, 3, 4]);
  });

  it('stops after maxWords without reading the rest (even an endless stream)', async () => {
    let produced = 0;
    async function* endless() {
      for (;;) yield `w${produced++} ${produced} 0\n`;
    }
    const v = await readGloveVectors(endless(), { maxWords: 3 });
    expect(v.words).toEqual(['w0', 'w1', 'w2']);
    expect(produced).toBeLessThan(5);
  });

  it('lower-cases, and keeps the first of words that collide when asked', async () => {
    await expectVectorError(read('The 1\nthe 2\n', { lowercase: true }), 'duplicate-word', 2);
    const v = await read('The 1\nthe 2\nOf 3\n', { lowercase: true, duplicates: 'keep-first' });
    expect(v.words).toEqual(['the', 'of']);
    expect(Array.from(v.matrix)).toEqual([1, 3]);
  });

  it('rejects each malformed input with a typed error and the line number', async () => {
    await expectVectorError(read('a 1 2\nb 1 x\n'), 'malformed-line', 2);
    await expectVectorError(read('a 1 2\nb 1 2,5\n'), 'malformed-line', 2);
    await expectVectorError(read('lonely\n'), 'malformed-line', 1);
    await expectVectorError(read('a 1 2\n\nb 1\n'), 'field-count', 3);
    await expectVectorError(read('a 1 2\nb\n'), 'field-count', 2);
    await expectVectorError(read('a 1 2\nb c 1 2\n', { spacesInWords: false }), 'field-count', 2);
    await expectVectorError(read('a 1 2\nb 1 2\n', { dim: 3 }), 'field-count', 1);
    await expectVectorError(read('a 1 2\nb NaN 2\n'), 'non-finite', 2);
    await expectVectorError(read('a 1 2\nb 1 -inf\n'), 'non-finite', 2);
    await expectVectorError(read('a 1 2\nb 1 Infinity\n'), 'non-finite', 2);
    await expectVectorError(read('a 1 2\nb 1 1e39\n'), 'non-finite', 2); // beyond float32
    await expectVectorError(read('a 1 2\nb 3 4\na 5 6\n'), 'duplicate-word', 3);
    await expectVectorError(read(''), 'empty');
    await expectVectorError(read('\n\n'), 'empty');
    const missing = await expectVectorError(readGloveVectors(resolve(dataDir, 'no-such-file.txt')), 'unreadable');
    expect(missing.message).toContain('no-such-file.txt');
    await expectVectorError(readGloveVectors(dataDir), 'unreadable'); // a directory
    // A real file in the wrong format (the JSON twin: one 2.2 MB line) fails on line 1 at the line-length limit.
    await expectVectorError(readGloveVectors(resolve(dataDir, 'glove-6b-50d-5k/glove-50d-5k.json')), 'line-too-long', 1);
    await expectVectorError(read('{"the": [0.418, 0.24968]}\n', { maxLineLength: 1e6 }), 'malformed-line', 1);
  });

  it('refuses rows that other readers would silently misread', async () => {
    // An extra value would otherwise become part of the word ("for 0.15272").
    const extra = await expectVectorError(read('the 0.1 0.2\nfor 0.15272 0.3 0.4\n'), 'field-count', 2);
    expect(extra.message).toMatch(/"0\.15272": an extra value/);
    // Number() would read these as 31, 2, 8, 10 and 5.
    for (const bad of ['0x1F', '0b10', '0o10', '1_0', '+.e5']) {
      await expectVectorError(read(`a 1 2\nb 1 ${bad}\n`), 'malformed-line', 2);
    }
    expect(Array.from((await read('a 1 2\nb -.5 +3.25E+2\n')).matrix)).toEqual([1, 2, -0.5, 325]);
    await expectVectorError(read('3 2\na 1 2\nb 3 4\n'), 'header-mismatch');
    await expectVectorError(read('2 3\na 1 2\n'), 'field-count', 2);
    await expectVectorError(read('a 1 2 3 4\n', { maxDim: 3 }), 'malformed-line', 1);
    await expectVectorError(read('2 100000\n'), 'malformed-line', 1);
    await expectVectorError(read(`w ${'1 '.repeat(600)}\n`, { maxLineLength: 1000 }), 'line-too-long', 1);
    expect((await read('2 2\na 1 2\nb 3 4\n')).words).toEqual(['a', 'b']);
  });

  it('reads the real 5,050-word GloVe 50d file, equal to its JSON twin', async () => {
    const v = await readGloveVectors(glovePath);
    expect(v.words.length).toBe(5050);
    expect(v.dim).toBe(50);
    expect(v.words.slice(0, 6)).toEqual(['the', ',', '.', 'of', 'to', 'and']);
    // The JSON twin (word -> array, same order) parsed independently; float32 rounding must agree exactly.
    const map = JSON.parse(await readFile(resolve(dataDir, 'glove-6b-50d-5k/glove-50d-5k.json'), 'utf8')) as Record<string, number[]>;
    // (JS objects list integer-like keys such as "1" first, so compare as sorted sets.)
    expect(Object.keys(map).sort()).toEqual([...v.words].sort());
    let mismatches = 0;
    v.words.forEach((w, i) => {
      map[w]!.forEach((x, j) => {
        if (v.matrix[i * 50 + j] !== Math.fround(x)) mismatches++;
      });
    });
    expect(mismatches).toBe(0);
    const top = await readGloveVectors(glovePath, { maxWords: 10 });
    expect(top.words.length).toBe(10);
    expect(Array.from(top.matrix)).toEqual(Array.from(v.matrix.subarray(0, 500)));
  });
});
