import { describe, expect, it } from 'vitest';
import { SkippedFilesError, reportSkipped, skipSummary } from './skip-report';

const skipped = (n: number) => Array.from({ length: n }, (_, i) => ({ file: `f${i}.mid`, reason: `reason ${i}\nsecond line` }));

describe('skipped-file reports', () => {
  it('lists up to 10 files on one line each, then how many more', () => {
    expect(skipSummary('dir', [])).toBe('');
    expect(skipSummary('dir', skipped(1))).toBe('skipped 1 file of dir:\n  f0.mid: reason 0 second line\n');
    const lines = skipSummary('dir', skipped(13)).trimEnd().split('\n');
    expect(lines[0]).toBe('skipped 13 files of dir:');
    expect(lines).toHaveLength(12);
    expect(lines.at(-1)).toBe('  ... and 3 more');
  });

  it('prints without --strict and throws SkippedFilesError with it', () => {
    let err = '';
    reportSkipped('dir', skipped(2), { strict: false, stderr: (t) => (err += t) });
    expect(err).toContain('skipped 2 files of dir:');
    expect(() => reportSkipped('dir', skipped(2), { strict: true, stderr: () => undefined })).toThrow(SkippedFilesError);
    expect(() => reportSkipped('dir', [], { strict: true, stderr: () => undefined })).not.toThrow();
    expect(() => reportSkipped('dir', undefined, { strict: true, stderr: () => undefined })).not.toThrow();
  });
});
