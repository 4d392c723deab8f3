/**
 * What every results-page section receives. A section is a module in `sections/` (ordered by
 * file name: `10-polyphonic.ts`, `20-rbm.ts`, ...) exporting
 * `export async function render(ctx: ResultsContext): Promise<string>` that returns markdown.
 * Sections re-evaluate the committed models under `models/`; they never copy numbers from logs.
 */
export interface ResultsContext {
  /** Absolute path of the repository root. */
  readonly repoRoot: string;
  /** Absolute path of the committed models (`<repoRoot>/models`). */
  readonly modelsDir: string;
  /** Absolute path of `docs/` (figures go under `docs/figures/<section>/`). */
  readonly docsDir: string;
  /** Corpus folder (`RNN_NADE_DATA_DIR`, else `../shared/data`), or undefined when neither exists. */
  readonly dataDir: string | undefined;
  /** The tfjs backend the page is evaluated on (already initialised). */
  readonly backend: string;
  /** Samples per frame for expected frame accuracies (default 1). */
  readonly accuracySamples: number;
  /** Progress messages (stderr). */
  log(message: string): void;
}

/** The shape of a section module. */
export interface ResultsSection {
  render(ctx: ResultsContext): Promise<string>;
}
