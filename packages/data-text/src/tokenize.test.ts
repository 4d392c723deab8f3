import { describe, expect, it } from 'vitest';
import { isWikiTextHeading, splitSentences, tokenizePlainText, tokenizeWikiTextLine, wikiTextHeadingLevel } from '@rnn-nade/data-text';

describe('WikiText tokenizer', () => {
  it('recognises headings of every level and nothing else', () => {
    expect(wikiTextHeadingLevel(' = Homarus gammarus = ')).toBe(1);
    expect(wikiTextHeadingLevel(' = = Description = = ')).toBe(2);
    expect(wikiTextHeadingLevel(' = = = Early life = = = ')).toBe(3);
    expect(isWikiTextHeading(' = = Unbalanced = ')).toBe(false);
    expect(isWikiTextHeading(' x = y , so y = x . ')).toBe(false);
    expect(isWikiTextHeading(' ')).toBe(false);
    expect(tokenizeWikiTextLine(' = = Description = = ')).toEqual([]);
  });

  it('joins @-@, @,@ and @.@ markers, keeps <unk>, lower-cases', () => {
    expect(tokenizeWikiTextLine(' The red @-@ tipped claws weigh 1 @,@ 000 @,@ 000 g or 2 @.@ 5 kg , a <unk> . ')).toEqual([
      'the',
      'red-tipped',
      'claws',
      'weigh',
      '1,000,000',
      'g',
      'or',
      '2.5',
      'kg',
      ',',
      'a',
      '<unk>',
      '.',
    ]);
    expect(tokenizeWikiTextLine(' M @-@ 82 is a <unk> ', { lowercase: false })).toEqual(['M-82', 'is', 'a', '<unk>']);
    expect(tokenizeWikiTextLine(' ')).toEqual([]);
    expect(tokenizeWikiTextLine('')).toEqual([]);
  });
});

describe('plain-text tokenizer', () => {
  it('splits punctuation and clitics like the Stanford tokenizer', () => {
    expect(tokenizePlainText("Mr. Smith didn't pay $1,000.")).toEqual(['mr.', 'smith', 'did', "n't", 'pay', '$', '1,000', '.']);
    expect(tokenizePlainText('John\u2019s well-known \u201cbook\u201d (2nd ed.) costs 3.5 euros... Really?!')).toEqual([
      'john',
      "'s",
      'well-known',
      '"',
      'book',
      '"',
      '(',
      '2nd',
      'ed',
      '.',
      ')',
      'costs',
      '3.5',
      'euros',
      '...',
      'really',
      '?',
      '!',
    ]);
    expect(tokenizePlainText('The U.S. army', { lowercase: false })).toEqual(['The', 'U.S.', 'army']);
    expect(tokenizePlainText('   ')).toEqual([]);
  });
});

describe('splitSentences', () => {
  it('ends sentences at terminators, keeping trailing fragments', () => {
    expect(splitSentences(['hi', '.', 'how', 'are', 'you', '?', 'fine'])).toEqual([['hi', '.'], ['how', 'are', 'you', '?'], ['fine']]);
    expect(splitSentences([])).toEqual([]);
    expect(splitSentences(['what', '?', '!', 'ok', '.'])).toEqual([
      ['what', '?', '!'],
      ['ok', '.'],
    ]);
  });

  it('keeps a closing quote or bracket with its sentence only when it is unmatched', () => {
    expect(splitSentences(['he', 'said', '"', 'stop', '.', '"', 'then', 'left', '.'])).toEqual([
      ['he', 'said', '"', 'stop', '.', '"'],
      ['then', 'left', '.'],
    ]);
    // A quote after a sentence with balanced quotes opens the next sentence.
    expect(splitSentences(['a', '"', 'b', '"', '.', '"', 'c', '"', 'd', '.'])).toEqual([
      ['a', '"', 'b', '"', '.'],
      ['"', 'c', '"', 'd', '.'],
    ]);
    expect(splitSentences(['(', 'see', 'below', '.', ')', 'next', '.'])).toEqual([
      ['(', 'see', 'below', '.', ')'],
      ['next', '.'],
    ]);
    expect(splitSentences(['done', '.', ')', 'x'])).toEqual([
      ['done', '.'],
      [')', 'x'],
    ]);
  });

  it('supports custom terminators', () => {
    expect(splitSentences(['a', ';', 'b'], { terminators: [';'] })).toEqual([['a', ';'], ['b']]);
  });
});
