import { TextDataError } from './errors';
import { describeSource, readLines, type TextSource } from './lines';
import { isWikiTextHeading, splitSentences, tokenizePlainText, tokenizeWikiTextLine, wikiTextHeadingLevel } from './tokenize';

/** One document of a corpus: a WikiText article (level-1 heading) or a whole plain-text file. */
export interface TextDocument {
  /** The article title (WikiText), or `undefined`. */
  readonly title: string | undefined;
  /** Index of its first sentence in {@link TextCorpus.sentences}. */
  readonly start: number;
  /** One past its last sentence. */
  readonly end: number;
}

/** A tokenized corpus: sentences of tokens, grouped into documents. */
export interface TextCorpus {
  /** Every sentence, in file order, as tokens. */
  readonly sentences: string[][];
  /** Documents as ranges of {@link sentences} (split a corpus by documents to avoid leakage). */
  readonly documents: TextDocument[];
  /** The format that was read. */
  readonly format: 'wikitext' | 'plain';
}

/** Options of {@link readTextCorpus}. */
export interface ReadTextCorpusOptions {
  /**
   * `'wikitext'` (one paragraph per line, ` = Title = ` headings, `@-@` markers), `'plain'`
   * (paragraphs separated by blank lines) or `'auto'` (default): WikiText when one of the first
   * 50 non-blank lines is a heading or contains `@-@`, `@,@`, `@.@` or `<unk>`.
   */
  readonly format?: 'wikitext' | 'plain' | 'auto';
  /** Lower-case tokens (default true). */
  readonly lowercase?: boolean;
  /** Stop after this many sentences. */
  readonly maxSentences?: number;
  /** Refuse lines longer than this many characters (default 1 Mi; see `readLines`). */
  readonly maxLineLength?: number;
}

const WIKI_MARKERS = / @[-,.]@ |<unk>/;

/**
 * Reads and tokenizes a text corpus, streaming line by line: WikiText-style files (headings
 * skipped, ` @-@ ` → `-`, ` @,@ ` → `,`, ` @.@ ` → `.`, `<unk>` kept as a token) or plain text,
 * then split into sentences ({@link splitSentences}).
 *
 * @throws TextDataError when the file cannot be read; `LineTooLongError` (a `TextDataError`)
 *   naming the line when a line exceeds `maxLineLength`.
 * @example
 * ```ts
 * const corpus = await readTextCorpus(`${dataDir}/wikitext-2/valid.txt`);
 * corpus.sentences[0]; // ['homarus', 'gammarus', ',', 'known', 'as', ...]
 * ```
 */
export async function readTextCorpus(source: TextSource, options: ReadTextCorpusOptions = {}): Promise<TextCorpus> {
  const maxSentences = options.maxSentences ?? Infinity;
  const tokOptions = { lowercase: options.lowercase ?? true };
  let format: 'wikitext' | 'plain' | undefined = options.format === 'auto' ? undefined : options.format;
  const buffered: string[] = [];
  let nonBlank = 0;
  const sentences: string[][] = [];
  const documents: TextDocument[] = [];
  let docStart = 0;
  let docTitle: string | undefined;
  let paragraph: string[] = [];

  const closeDocument = () => {
    if (sentences.length > docStart) documents.push({ title: docTitle, start: docStart, end: sentences.length });
    docStart = sentences.length;
  };
  const addTokens = (tokens: string[]) => {
    for (const s of splitSentences(tokens)) if (sentences.length < maxSentences) sentences.push(s);
  };
  const flushParagraph = () => {
    if (paragraph.length > 0) addTokens(tokenizePlainText(paragraph.join(' '), tokOptions));
    paragraph = [];
  };
  const consume = (line: string) => {
    if (format === 'wikitext') {
      if (wikiTextHeadingLevel(line) === 1) {
        closeDocument();
        docTitle = line
          .trim()
          .replace(/^= | =$/g, '')
          .replace(/ @([-,.])@ /g, '$1');
      } else addTokens(tokenizeWikiTextLine(line, tokOptions));
    } else if (line.trim() === '') flushParagraph();
    else paragraph.push(line);
  };

  try {
    for await (const line of readLines(source, { maxLineLength: options.maxLineLength })) {
      if (format === undefined) {
        buffered.push(line);
        if (line.trim() !== '') nonBlank++;
        if (isWikiTextHeading(line) || WIKI_MARKERS.test(line)) format = 'wikitext';
        else if (nonBlank >= 50) format = 'plain';
        if (format !== undefined) for (const b of buffered.splice(0)) consume(b);
      } else consume(line);
      if (sentences.length >= maxSentences) break;
    }
  } catch (error) {
    if (error instanceof TextDataError) throw error;
    throw new TextDataError(`Cannot read ${describeSource(source)}: ${(error as Error).message}`, { cause: error });
  }
  if (format === undefined) {
    format = 'plain';
    for (const b of buffered) consume(b);
  }
  flushParagraph();
  closeDocument();
  return { sentences, documents, format };
}
