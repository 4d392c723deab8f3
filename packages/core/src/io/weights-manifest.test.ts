import { describe, expect, it } from 'vitest';
import { ModelFileError, type JsonValue } from '@rnn-nade/core';
import { MAX_WEIGHTS_BYTES, manifestBytes, validateManifest } from '@rnn-nade/core/advanced';

const manifest = (entries: JsonValue[], file = 'weights-0123456789abcdef-a1.bin'): JsonValue => ({
  file,
  dtype: 'float32',
  byteOrder: 'little-endian',
  layout: 'row-major',
  sha256: 'a'.repeat(64),
  entries,
});
const entry = (name: string, shape: number[], byteOffset: number): JsonValue => ({
  name,
  shape,
  dtype: 'float32',
  byteOffset,
  byteLength: shape.reduce((a, b) => a * b, 1) * 4,
});
const reason = (value: JsonValue) => {
  try {
    validateManifest(value, 'model.json');
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFileError);
    return (e as ModelFileError).reason;
  }
};

describe('validateManifest', () => {
  it('accepts a contiguous manifest and reports the bytes it needs', () => {
    const m = validateManifest(manifest([entry('a', [2, 3], 0), entry('b', [4], 24), entry('empty', [0, 5], 40)]), 'x');
    expect(manifestBytes(m)).toBe(40);
  });

  it('refuses weights names that could leave the model folder', () => {
    for (const file of ['../w.bin', 'a/w.bin', 'a\\w.bin', 'http:evil.example', '..', '.', '.w.bin', 'w.bin?x', '', 'x'.repeat(300)]) {
      expect(reason(manifest([], file)), file).toBe('UNSAFE_PATH');
    }
    expect(reason(manifest([], 'weights-0123456789abcdef.bin'))).toBe('ok'); // the format-1 name
  });

  it('refuses overlapping entries, absurd shapes and inconsistent byte lengths before anything is allocated', () => {
    expect(reason(manifest([entry('a', [4], 0), entry('b', [4], 8)]))).toBe('SHAPE_MISMATCH');
    expect(reason(manifest([entry('a', [1e6, 1e6], 0)]))).toBe('SHAPE_MISMATCH');
    expect(reason(manifest([entry('a', [MAX_WEIGHTS_BYTES / 4], 4)]))).toBe('SHAPE_MISMATCH');
    expect(reason(manifest([{ name: 'a', shape: [2], dtype: 'float32', byteOffset: 0, byteLength: 12 }]))).toBe('SHAPE_MISMATCH');
    expect(reason(manifest([entry('a', [2], 2)]))).toBe('MALFORMED_JSON');
    expect(reason(manifest([entry('a', [2.5], 0)]))).toBe('MALFORMED_JSON');
    expect(reason(manifest([entry('a', [2], 0), entry('a', [2], 8)]))).toBe('MALFORMED_JSON');
    expect(reason(manifest([7]))).toBe('MALFORMED_JSON');
    expect(reason({ ...(manifest([]) as object), sha256: 'nothex' })).toBe('MALFORMED_JSON');
  });
});
