import { describe, expect, it } from 'vitest';
import { ProgressReporter } from '@rnn-nade/core/advanced';

const record = { epoch: 1, trainLoss: 8.25, validLoss: 8.5, learningRate: 1e-3, steps: 30, frames: 500, seconds: 2.5, improved: true };

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { stream: { isTTY, columns: 100, write: (s: string) => chunks.push(s) }, chunks };
}

describe('ProgressReporter', () => {
  it('prints one plain line per epoch when not on a TTY', () => {
    const { stream, chunks } = sink(false);
    const p = new ProgressReporter({ mode: 'auto', stream, epochs: 5 });
    expect(p.mode).toBe('lines');
    p.batch({ epoch: 1, batch: 0, batches: 3, loss: 9, elapsed: 0.1 });
    p.epoch(record, { best: 8.5 });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toBe('epoch 2/5  train 8.2500  valid 8.5000 *  best 8.5000  lr 1.00e-3  2.5s\n');
    expect(chunks.join('')).not.toContain('\r');
  });

  it('redraws a bar on a TTY and clears it before the epoch line', () => {
    const { stream, chunks } = sink(true);
    const p = new ProgressReporter({ mode: 'auto', stream, epochs: 5 });
    expect(p.mode).toBe('bar');
    p.batch({ epoch: 1, batch: 2, batches: 3, loss: 9, elapsed: 0.3 });
    expect(chunks[0]).toMatch(/^\repoch 2\/5 \[#+\] 3\/3 loss 9\.0000/);
    p.epoch(record, { best: null });
    expect(chunks[1]!.startsWith('\r\x1b[K')).toBe(true);
    expect(chunks[1]).toContain('best -');
  });

  it('is silent in mode none', () => {
    const { stream, chunks } = sink(true);
    const p = new ProgressReporter({ mode: 'none', stream, epochs: 1 });
    p.batch({ epoch: 0, batch: 0, batches: 1, loss: 1, elapsed: 0 });
    p.epoch(record, { best: 1 });
    p.message('x');
    expect(chunks).toEqual([]);
  });
});
