import { describe, expectTypeOf, it } from 'vitest';
import type { RnnNadeError, SequenceData } from '@rnn-nade/core';
import {
  readGloveVectors,
  sentencesToSequences,
  type NearestWord,
  type NearestWordDecoder,
  type OovPolicy,
  type VectorFileError,
  type WordVectors,
} from '@rnn-nade/data-text';

describe('data-text types', () => {
  it('exposes vectors, sequences, errors and decoder results with precise types', () => {
    expectTypeOf(readGloveVectors).returns.resolves.toEqualTypeOf<WordVectors>();
    expectTypeOf<WordVectors['matrix']>().toEqualTypeOf<Float32Array>();
    expectTypeOf<ReturnType<typeof sentencesToSequences>['sequences']>().toEqualTypeOf<SequenceData[]>();
    expectTypeOf<OovPolicy>().toEqualTypeOf<'skip' | 'zero' | 'unk'>();
    expectTypeOf<VectorFileError>().toMatchTypeOf<RnnNadeError>();
    expectTypeOf<VectorFileError['line']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ReturnType<NearestWordDecoder['nearest']>>().toEqualTypeOf<NearestWord[]>();
    // @ts-expect-error unknown OOV policy
    sentencesToSequences([], {} as WordVectors, { oov: 'drop' });
  });
});
