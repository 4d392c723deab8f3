/** Options shared by the tokenizers. */
export interface TokenizeOptions {
  /** Lower-case tokens (default true, matching the uncased GloVe 6B vocabulary). `<unk>` is kept as is. */
  readonly lowercase?: boolean;
}

/** The out-of-vocabulary marker of WikiText. */
export const WIKITEXT_UNK = '<unk>';

/**
 * Whether a WikiText line is a heading such as ` = Title = ` or ` = = Section = = `.
 * @example
 * ```ts
 * isWikiTextHeading(' = = Description = = '); // true
 * ```
 */
export function isWikiTextHeading(line: string): boolean {
  return wikiTextHeadingLevel(line) > 0;
}

/** Heading level of a WikiText line (1 for ` = Title = `, 2 for ` = = Section = = `, …), 0 if not a heading. */
export function wikiTextHeadingLevel(line: string): number {
  const m = /^\s*((?:= )+)\S.*?((?: =)+)\s*$/.exec(line);
  if (!m) return 0;
  const left = m[1]!.length / 2;
  const right = m[2]!.length / 2;
  return left === right ? left : 0;
}

/**
 * Tokens of one WikiText line (a paragraph). The split-number and hyphen markers are joined back:
 * ` @-@ ` → `-`, ` @,@ ` → `,`, ` @.@ ` → `.` (so `1 @,@ 000` → `1,000`, `red @-@ tipped` →
 * `red-tipped`); `<unk>` stays a token of its own. Headings give no tokens.
 *
 * @example
 * ```ts
 * tokenizeWikiTextLine(' It weighs 1 @,@ 000 kg , a <unk> . '); // ['it','weighs','1,000','kg',',','a','<unk>','.']
 * ```
 */
export function tokenizeWikiTextLine(line: string, options: TokenizeOptions = {}): string[] {
  if (isWikiTextHeading(line)) return [];
  const joined = line.replace(/ @([-,.])@ /g, '$1');
  const tokens = joined.split(/\s+/).filter((t) => t.length > 0);
  return options.lowercase === false ? tokens : tokens.map(lowerExceptUnk);
}

function lowerExceptUnk(t: string): string {
  return t === WIKITEXT_UNK ? t : t.toLowerCase();
}

const ABBREVIATIONS = 'mr|mrs|ms|dr|prof|st|jr|sr|vs|inc|ltd|corp|gen|gov|sen|rep|col|lt|sgt|capt|mt|u\\.s|u\\.k|e\\.g|i\\.e';
const PLAIN_TOKEN = new RegExp(
  [
    `\\b(?:${ABBREVIATIONS})\\.`, // abbreviations keep their dot, as in GloVe ("mr.", "u.s.")
    '\\d+(?:[.,:]\\d+)*(?![\\p{L}\\p{M}\\p{N}])', // numbers: 1,000  3.5  10:30 (but "2nd" is a word)
    "[\\p{L}\\p{M}\\p{N}]+(?:[-'][\\p{L}\\p{M}\\p{N}]+)*", // words, with inner hyphens / apostrophes
    '\\.\\.\\.',
    '--',
    "'(?:s|re|ve|ll|d|m)\\b",
    '[^\\s\\p{L}\\p{M}\\p{N}]', // any other single symbol
  ].join('|'),
  'giu',
);
const CLITIC = /^(.+?)(n't|'s|'re|'ve|'ll|'d|'m)$/i;

/**
 * Tokens of plain English text, in the style of the Stanford tokenizer GloVe was trained on:
 * punctuation split off, clitics split (`don't` → `do n't`, `john's` → `john 's`), inner
 * hyphens kept (`well-known`), numbers kept whole (`1,000`, `3.5`), common abbreviations keep
 * their dot (`mr.`, `u.s.`), curly quotes normalised.
 *
 * @example
 * ```ts
 * tokenizePlainText("Mr. Smith didn't pay $1,000."); // ['mr.','smith','did',"n't",'pay','$','1,000','.']
 * ```
 */
export function tokenizePlainText(text: string, options: TokenizeOptions = {}): string[] {
  const normalised = text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2026/g, '...');
  const out: string[] = [];
  for (const m of normalised.matchAll(PLAIN_TOKEN)) {
    const tok = m[0];
    const clitic = tok.length > 2 && tok.includes("'") ? CLITIC.exec(tok) : null;
    if (clitic && !/^'/.test(tok)) out.push(clitic[1]!, clitic[2]!);
    else out.push(tok);
  }
  return options.lowercase === false ? out : out.map((t) => t.toLowerCase());
}

/** Options of {@link splitSentences}. */
export interface SplitSentencesOptions {
  /** Tokens that end a sentence (default `.`, `!`, `?`). */
  readonly terminators?: readonly string[];
}

/**
 * Splits a paragraph's tokens into sentences after each terminator token (`.`, `!`, `?`). A
 * closing quote or bracket right after the terminator stays with its sentence when the sentence
 * has an unmatched opening one (`he said " stop . "` is one sentence); repeated terminators
 * (`?!`) stay together. A trailing fragment without a terminator is a sentence too.
 *
 * @example
 * ```ts
 * splitSentences(['hi', '.', 'how', 'are', 'you', '?']); // [['hi','.'], ['how','are','you','?']]
 * ```
 */
export function splitSentences(tokens: readonly string[], options: SplitSentencesOptions = {}): string[][] {
  const terminators = new Set(options.terminators ?? ['.', '!', '?']);
  const sentences: string[][] = [];
  let current: string[] = [];
  let i = 0;
  while (i < tokens.length) {
    const tok = tokens[i++]!;
    current.push(tok);
    if (!terminators.has(tok)) continue;
    while (i < tokens.length) {
      const next = tokens[i]!;
      if (terminators.has(next) || isUnmatchedCloser(current, next)) current.push(tokens[i++]!);
      else break;
    }
    sentences.push(current);
    current = [];
  }
  if (current.length > 0) sentences.push(current);
  return sentences;
}

const PAIRS: Record<string, string> = { ')': '(', ']': '[', "''": '``' };

function isUnmatchedCloser(sentence: readonly string[], token: string): boolean {
  if (token === '"' || token === "'") return sentence.filter((t) => t === token).length % 2 === 1;
  const opener = PAIRS[token];
  if (opener === undefined) return false;
  let depth = 0;
  for (const t of sentence) {
    if (t === opener) depth++;
    else if (t === token) depth--;
  }
  return depth > 0;
}
