import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TrainLog, readTrainLog } from '@rnn-nade/core/node';

const dir = mkdtempSync(join(tmpdir(), 'rnn-nade-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('TrainLog', () => {
  it('appends JSON lines, truncates back to a checkpointed length, and skips a torn last line', () => {
    const path = join(dir, 'sub', 'train-log.jsonl');
    const log = TrainLog.open(path, { fresh: true });
    log.append({ event: 'start', lr: 0.1 });
    const mark = log.bytes;
    log.append({ event: 'epoch', epoch: 0 });
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(3);
    const reopened = TrainLog.open(path, { truncateTo: mark });
    reopened.append({ event: 'resume', epoch: 0 });
    appendFileSync(path, '{"event":"epo'); // a write cut short by kill -9
    const records = readTrainLog(path);
    expect(records.map((r) => r.event)).toEqual(['start', 'resume']);
    expect(typeof records[0]!.time).toBe('string');
    expect(records[0]!.lr).toBe(0.1);
    TrainLog.open(path, { fresh: true });
    expect(readTrainLog(path)).toEqual([]);
  });
});
