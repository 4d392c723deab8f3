/** Assembling `docs/results.md` from rendered sections (pure; tested). */

/** One rendered section: its file, markdown, and the first line of its error when it threw. */
export interface RenderedSection {
  readonly file: string;
  readonly markdown: string;
  readonly error?: string;
}

/**
 * The whole page: TypeDoc front matter, a generated-file banner, then each section (an error block in place of a
 * section that failed). Deterministic for the same inputs (no timestamps), so `--check` works.
 */
export function assemblePage(sections: readonly RenderedSection[], info: { backend: string; command: string }): string {
  const head = [
    // Front matter: TypeDoc renders the page as a site document ("Results"), not a raw media file.
    '---',
    'title: Results',
    'group: Project',
    '---',
    '',
    '<!-- GENERATED FILE: do not edit. Regenerate with `npm run results` (scripts/results/generate.ts). -->',
    '',
    '# Results',
    '',
    `Every number on this page is computed when the page is generated, by evaluating the models committed under \`models/\` ` +
      `(on the \`${info.backend}\` backend); nothing is copied from training logs. Regenerate with \`${info.command}\` ` +
      '(needs the corpora in `$RNN_NADE_DATA_DIR`, default `../shared/data`).',
    '',
  ];
  const body = sections.map((s) =>
    s.error === undefined ? s.markdown.trim() : `> **Section \`${s.file}\` failed to render:** ${s.error.replace(/\n/g, ' ')}`,
  );
  return `${[...head, ...body.flatMap((b) => [b, ''])].join('\n').trimEnd()}\n`;
}
