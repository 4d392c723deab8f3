import { describe, expect, it } from 'vitest';
import { ModelFileError } from '@rnn-nade/core';
import { canonicalJson, documentChecksum, sealModelDocument, verifyDocumentChecksum } from '@rnn-nade/core/advanced';
import { createHash } from 'node:crypto';

describe('model.json checksum', () => {
  it('canonicalJson sorts keys at every level and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 'x' }], e: null })).toBe('{"a":[2,{"c":"x","d":3}],"b":1,"e":null}');
    expect(canonicalJson({ z: { y: 1, x: 2 } })).toBe(canonicalJson(JSON.parse('{ "z": {"x": 2,  "y": 1} }')));
  });

  it('is the SHA-256 of the canonical document without the checksum field (independently computed)', async () => {
    const doc = { format: 'rnn-nade-model', formatVersion: 2, model: { hidden: 3 }, weights: { sha256: 'ab' } };
    const expected = createHash('sha256').update('{"format":"rnn-nade-model","formatVersion":2,"model":{"hidden":3},"weights":{"sha256":"ab"}}').digest('hex');
    expect(await documentChecksum(doc)).toBe(expected);
    const sealed = await sealModelDocument(doc);
    expect((sealed.checksum as { value: string }).value).toBe(expected);
    expect(await documentChecksum(sealed)).toBe(expected); // the field itself is not covered
  });

  it('verifies a sealed document whatever its key order, and names any change', async () => {
    const sealed = await sealModelDocument({
      a: 1,
      weights: {
        entries: [
          { name: 'w', byteOffset: 0 },
          { name: 'v', byteOffset: 8 },
        ],
      },
    });
    const reordered = JSON.parse(JSON.stringify({ weights: sealed.weights, checksum: sealed.checksum, a: sealed.a }));
    await expect(verifyDocumentChecksum(reordered, 'm.json')).resolves.toBeUndefined();
    const swapped = JSON.parse(JSON.stringify(sealed));
    swapped.weights.entries[0].byteOffset = 8;
    swapped.weights.entries[1].byteOffset = 0;
    const error = await verifyDocumentChecksum(swapped, 'm.json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as ModelFileError).reason).toBe('CHECKSUM_MISMATCH');
    const missing = await verifyDocumentChecksum({ a: 1 }, 'm.json').catch((e: unknown) => e);
    expect((missing as ModelFileError).reason).toBe('MALFORMED_JSON');
  });
});
