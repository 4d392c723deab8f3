import { describe, expect, it } from 'vitest';
import type { NextWordReport } from '../../../examples/language-rnade/src/next-word-report';
import { tempResultsRoot } from '../__fixtures__/temp-results-root';
import { render } from './40-language';
import { nextWordVerdict, renderNextWord, whereModelsLose } from '../lib/language-next-word';

const s = (top1: number, top10: number, mrr: number, positions = 500) => ({ positions, top1, top10, mrr });
const overlap = (fraction: number) => ({ pairs: 1100, inCorpus: Math.round(1100 * fraction), fraction });

function report(contextMrr: number, contextOverlap: number): NextWordReport {
  return {
    positions: 500,
    sentences: 23,
    unigram: s(0.08, 0.35, 0.16),
    bigram: s(0.16, 0.42, 0.24),
    unigramAll: s(0.086, 0.36, 0.17, 187256),
    bigramAll: s(0.163, 0.427, 0.249, 187256),
    bigramDiscount: 0.8,
    models: [
      { label: 'RNN-RNADE', scores: s(0.05, 0.3, 0.147), seconds: 500 },
      { label: 'context', scores: s(0.18, 0.5, contextMrr), seconds: 20 },
    ],
    overlap: {
      unigram: overlap(0.37),
      models: [
        { label: 'RNN-RNADE', overlap: overlap(0.23) },
        { label: 'context', overlap: overlap(contextOverlap) },
      ],
    },
  };
}

describe('language section: next-word part', () => {
  it('judges the targets on the best model with its numbers: met', () => {
    const v = nextWordVerdict(report(0.26, 0.5));
    expect(v).toContain('for the model with the best MRR (context)');
    expect(v).toContain('context 0.260 = **1.63×** unigram (0.160): met');
    expect(v).toContain('MRR above bigram (0.240): met');
    expect(v).toContain("≥ unigram samples' (0.370): 0.500, met");
  });

  it('says plainly when a target is missed, and which models lose to which baseline', () => {
    const r = report(0.2, 0.3);
    expect(nextWordVerdict(r)).toContain('**1.25×** unigram (0.160): **missed**');
    expect(nextWordVerdict(r)).toContain('MRR above bigram (0.240): **missed** (-0.040)');
    expect(nextWordVerdict(r)).toContain('0.300, **missed**');
    const lose = whereModelsLose(r);
    expect(lose).toContain('- RNN-RNADE: MRR 0.147, below unigram (0.160) and bigram (0.240).');
    expect(lose).toContain('- context: MRR 0.200, below bigram (0.240).');
  });

  it('tables every model beside both baselines, with the positions and the command', () => {
    const md = renderNextWord(report(0.26, 0.5), { context: 'LSTM → something' }, 'npx tsx next-word.ts');
    expect(md).toContain('| bigram | absolute discounting δ = 0.8 (fit on the held-out articles), backoff to unigram | 16.0% | 42.0% | 0.240 | 0.249 |');
    expect(md).toContain('| context | LSTM → something | 18.0% | 50.0% | 0.260 | — |');
    expect(md).toContain('**500** words of 23 test sentences');
    expect(md).toContain('| unigram samples (words drawn independently by frequency) | 0.370 | 1100 |');
    expect(md).toContain('Reproduce: `npx tsx next-word.ts`.');
  });
});

describe('language section without the models', () => {
  const scratch = tempResultsRoot('results-language-');

  it('says the models are not committed yet', async () => {
    const ctx = scratch.context();
    expect(await render(ctx)).toContain('models/wikitext-rnn-rnade (with independent-rnade/) is not committed yet');
  });
});
