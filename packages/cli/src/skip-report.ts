import { RnnNadeError } from '@rnn-nade/core/node';

/** A file a dataset load did not use, and why (what `@rnn-nade/data-midi` reports). */
export interface SkippedInput {
  /** Path relative to the dataset folder. */
  readonly file: string;
  /** Why it was skipped. */
  readonly reason: string;
}

/** `--strict` and the dataset skipped some of its files. */
export class SkippedFilesError extends RnnNadeError<'SKIPPED_FILES'> {
  /** The files skipped. */
  readonly skipped: readonly SkippedInput[];
  constructor(dataset: string, skipped: readonly SkippedInput[]) {
    const first = skipped[0]!;
    super(
      'SKIPPED_FILES',
      `--strict: ${skipped.length} file(s) of ${dataset} were skipped (first: ${first.file}: ${first.reason}); fix or remove them, or drop --strict`,
    );
    this.skipped = skipped;
  }
}

/** How many skipped files the summary lists one by one. */
export const SKIP_SUMMARY_LINES = 10;

/**
 * The summary printed after loading a dataset folder: how many files were skipped, the first
 * {@link SKIP_SUMMARY_LINES} with their reasons, and how many more. Empty when none was skipped.
 *
 * @example
 * ```ts
 * skipSummary('groove', [{ file: 'a.mid', reason: 'not a MIDI file' }]); // 'skipped 1 file of groove:\n  a.mid: not a MIDI file\n'
 * ```
 */
export function skipSummary(dataset: string, skipped: readonly SkippedInput[]): string {
  if (skipped.length === 0) return '';
  const lines = skipped.slice(0, SKIP_SUMMARY_LINES).map((s) => `  ${s.file}: ${s.reason.replace(/\s*\n\s*/g, ' ')}`);
  if (skipped.length > SKIP_SUMMARY_LINES) lines.push(`  ... and ${skipped.length - SKIP_SUMMARY_LINES} more`);
  return `skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'} of ${dataset}:\n${lines.join('\n')}\n`;
}

/**
 * Reports the files a dataset load skipped on `stderr` and, with `strict`, fails.
 * @throws SkippedFilesError when `strict` and any file was skipped.
 */
export function reportSkipped(
  dataset: string,
  skipped: readonly SkippedInput[] | undefined,
  options: { strict: boolean; stderr: (text: string) => void },
): void {
  const list = skipped ?? [];
  if (list.length === 0) return;
  if (options.strict) throw new SkippedFilesError(dataset, list);
  options.stderr(skipSummary(dataset, list));
}
