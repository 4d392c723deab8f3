/**
 * Extracts the fenced code blocks of the README and the guides so that `docs/guides.test.ts` can
 * type-check and run them. Conventions for authors (the info string after the opening fence):
 *
 * - ` ```ts ` — a self-contained TypeScript module: type-checked (strict, the repository's
 *   settings, `@rnn-nade/*` resolved to the sources) — every block is its own file, so it must
 *   import what it uses;
 * - ` ```ts run ` — also executed with tsx (cwd: a fresh temporary directory, `RNN_NADE_DATA_DIR`
 *   set); it must finish within the test's time limit, so keep runs tiny;
 * - ` ```ts file=my-estimator.ts ` — written under that name beside the other blocks of the same
 *   document (and type-checked), so later blocks can `import ... from './my-estimator'`;
 * - ` ```sh ` — every `npm run SCRIPT [-w WORKSPACE]` must name an existing script and every
 *   `rnn-nade COMMAND` an existing command.
 *
 * Other languages (`json`, `text`, ...) are not checked.
 */

/** One fenced code block. */
export interface GuideBlock {
  /** The document, relative to the repository root. */
  readonly doc: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** Language (first word of the info string), lower-cased. */
  readonly lang: string;
  /** Whether the info string says `run`. */
  readonly run: boolean;
  /** The `file=NAME` attribute, if any. */
  readonly file?: string;
  /** The code between the fences. */
  readonly code: string;
}

/**
 * Every fenced block (``` or ~~~, 3+ characters) of a markdown document, in order.
 * @throws Error on a fence that is never closed (a broken document).
 */
export function extractBlocks(markdown: string, doc: string): GuideBlock[] {
  const lines = markdown.split('\n');
  const blocks: GuideBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^`]*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[2]!;
    const info = open[3]!.trim().split(/\s+/).filter(Boolean);
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(lines[j]!)) body.push(lines[j++]!);
    if (j >= lines.length) throw new Error(`${doc}:${i + 1}: code fence is never closed`);
    const file = info.find((w) => w.startsWith('file='))?.slice('file='.length);
    blocks.push({ doc, line: i + 1, lang: (info[0] ?? '').toLowerCase(), run: info.includes('run'), ...(file ? { file } : {}), code: body.join('\n') });
    i = j;
  }
  return blocks;
}

/** A shell invocation a document tells the reader to type. */
export interface ShellReference {
  /** `npm run` script or `rnn-nade` command. */
  readonly kind: 'npm-script' | 'cli-command';
  /** Script or command name. */
  readonly name: string;
  /** Workspace given with `-w`, for npm scripts. */
  readonly workspace?: string;
}

/** The `npm run X [-w W]` and `rnn-nade CMD` invocations in a shell block. */
export function shellReferences(code: string): ShellReference[] {
  const refs: ShellReference[] = [];
  for (const raw of code.split('\n')) {
    const line = raw.replace(/#.*$/, '');
    for (const m of line.matchAll(/\bnpm run ([\w:.-]+)((?:\s+(?:-w|--workspace)\s+[\w@/.-]+)?)/g)) {
      const ws = /(?:-w|--workspace)\s+([\w@/.-]+)/.exec(m[2] ?? '')?.[1];
      refs.push({ kind: 'npm-script', name: m[1]!, ...(ws ? { workspace: ws } : {}) });
    }
    for (const m of line.matchAll(/(?:^|[\s;&|(])(?:npx\s+)?rnn-nade\s+([a-z][\w-]*)/g)) refs.push({ kind: 'cli-command', name: m[1]! });
  }
  return refs;
}
