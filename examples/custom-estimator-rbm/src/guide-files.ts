import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The guide this example is the running example of, relative to the repository root. */
export const GUIDE = 'docs/guides/custom-estimator.md';

/** A ` ```ts file=src/NAME.ts ` block of the guide: a verbatim copy of the example's file. */
export interface GuideFileBlock {
  /** Path relative to the example folder, e.g. `src/rbm-estimator.ts`. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The block's code. */
  readonly code: string;
}

// Three or more backticks: blocks whose code contains ``` themselves (TSDoc examples) use four, so
// that markdown renderers and TypeDoc (which closes a fence at any run of exactly as many backticks)
// do not end the block early.
const FENCE = /^(`{3,})ts file=(src\/[\w.-]+\.ts)\s*$/;

/** Every ` ```ts file=src/… ` block of `markdown`, in order. */
export function guideFileBlocks(markdown: string): GuideFileBlock[] {
  const lines = markdown.split('\n');
  const out: GuideFileBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = FENCE.exec(lines[i]!);
    if (!m) continue;
    let j = i + 1;
    while (j < lines.length && lines[j] !== m[1]) j++;
    out.push({ file: m[2]!, line: i + 1, code: lines.slice(i + 1, j).join('\n') });
    i = j;
  }
  return out;
}

/**
 * The guide with every ` ```ts file=src/… ` block replaced by the current content of that file
 * of the example (`exampleDir`), trailing newline dropped.
 */
export function syncGuide(markdown: string, exampleDir: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]!);
    const m = FENCE.exec(lines[i]!);
    if (!m) continue;
    let j = i + 1;
    while (j < lines.length && lines[j] !== m[1]) j++;
    out.push(readFileSync(join(exampleDir, m[2]!), 'utf8').replace(/\n$/, ''));
    i = j - 1;
  }
  return out.join('\n');
}
