import { describe, expect, it } from 'vitest';
import { runCaptured as run } from './__fixtures__/run-captured';
import { closestMatch, editDistance } from './did-you-mean';

const base = ['train', '--dataset', 'toy.json', '--estimator', 'bernoulli', '--out', 'never-written'];

describe('CLI argument messages (real argv)', () => {
  it('a negative number reaches the range check and its message names the allowed range', async () => {
    const r = await run(...base, '--epochs', '-3');
    expect(r.code).toBe(2);
    expect(r.err).toBe('rnn-nade train: --epochs must be an integer >= 1, got "-3".\n');
  });

  it('--epochs 0 is an error (it would save an untrained model)', async () => {
    const r = await run(...base, '--epochs', '0');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--epochs must be an integer >= 1, got "0"/);
  });

  it('a malformed or out-of-range learning rate says "> 0", not [5e-324, Infinity]', async () => {
    for (const value of ['abc', '-0.1', '0']) {
      const r = await run(...base, '--lr', value);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`rnn-nade train: --lr must be a number > 0, got "${value}".\n`);
    }
    const d = await run(...base, '--dropout', '1.5');
    expect(d.err).toMatch(/--dropout must be a number in \[0, 0\.99\], got "1\.5"/);
  });

  it('suggests the closest flag for a misspelt one', async () => {
    const r = await run(...base, '--epoch', '3');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown option '--epoch'\. Did you mean --epochs\? Run "rnn-nade train --help"/);
    const far = await run(...base, '--zzzzzz', '3');
    expect(far.err).not.toMatch(/Did you mean/);
  });

  it('suggests the closest command for a misspelt one', async () => {
    const r = await run('trian', '--help');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command "trian"\. Did you mean "train"\? Commands: /);
    expect((await run('smaple')).err).toMatch(/Did you mean "sample"\?/);
  });

  it('suggests the closest estimator and choice value', async () => {
    const r = await run('train', '--dataset', 'x.json', '--estimator', 'nadee', '--out', 'never-written', '--quiet');
    expect(r.err).toMatch(/Unknown estimator "nadee"\. Did you mean "nade"\? Available: /);
    const s = await run(...base, '--optimizer', 'adma');
    expect(s.err).toBe('rnn-nade train: --optimizer must be one of adam, sgd, got "adma". Did you mean adam?\n');
  });
});

describe('editDistance / closestMatch', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('lr', 'lr')).toBe(0);
    expect(editDistance('trian', 'train')).toBe(1);
    expect(editDistance('ca', 'abc')).toBe(3);
  });
  it('only suggests close candidates', () => {
    expect(closestMatch('batchsize', ['batch-size', 'seed'])).toBe('batch-size');
    expect(closestMatch('ls', ['lr', 'layers'])).toBe('lr');
    expect(closestMatch('xyz', ['lr', 'layers'])).toBeUndefined();
  });
});
