import { describe, expect, it } from 'vitest';
import { ConfigError, formatFatalError, installProcessErrorHandlers } from '@rnn-nade/core/node';

describe('process error handlers', () => {
  it('formats typed errors as one line and others with their stack', () => {
    expect(formatFatalError(new ConfigError('bad\nvalue'), { name: 'tool' })).toBe('tool: error: bad value [CONFIG]\n');
    const text = formatFatalError(new RangeError('Invalid typed array length: 4'), { name: 'tool' });
    expect(text.split('\n')[0]).toBe('tool: unexpected error: Invalid typed array length: 4');
    expect(text.split('\n')[1]).toMatch(/^ {4}at /);
  });

  it('runs before every other listener (prepended), writes the message, exits 1, and can be removed', () => {
    const written: string[] = [];
    const codes: number[] = [];
    const before = process.listeners('uncaughtException').length;
    const remove = installProcessErrorHandlers({ name: 'x', write: (t) => written.push(t), exit: (c) => codes.push(c) });
    const first = process.listeners('uncaughtException')[0]!;
    const firstRejection = process.listeners('unhandledRejection')[0]!;
    first(new ConfigError('boom'), 'uncaughtException');
    firstRejection(new Error('late'), Promise.resolve());
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    first(epipe, 'uncaughtException');
    expect(written[0]).toBe('x: error: boom [CONFIG]\n');
    expect(written[1]!.startsWith('x: unexpected error: late\n')).toBe(true);
    expect(written).toHaveLength(2); // a closed pipe is not reported
    expect(codes.slice(0, 2)).toEqual([1, 1]);
    remove();
    expect(process.listeners('uncaughtException')).toHaveLength(before);
  });
});
