import { describe, expect, it } from 'vitest';
import { findBrokenLinks } from './link-check';

const site = (pages: Record<string, string>, assets: string[] = []) => {
  const map = new Map(Object.entries(pages));
  return { map, exists: (p: string) => map.has(p) || assets.includes(p) };
};

describe('findBrokenLinks', () => {
  it('resolves links relative to each page, directories to index.html, and keeps external links out', () => {
    const { map, exists } = site(
      {
        'index.html': '<a href="classes/A.html#m">A</a> <a href="https://example.org/x">x</a> <a href="#top">top</a><i id="top"></i>',
        'classes/A.html': '<a href="../">home</a><a href="../index.html?x=1">q</a><img src="../assets/i.svg"><h2 id="m">m</h2>',
      },
      ['assets/i.svg'],
    );
    expect(findBrokenLinks(map, exists)).toEqual([]);
  });

  it('reports a missing file, a missing anchor, a raw markdown target and a path above the root', () => {
    const { map, exists } = site(
      {
        'index.html': '<a href="documents/Guide.html">g</a><a href="classes/A.html#nope">a</a>',
        'classes/A.html': '<a href="../media/README.md">r</a><a href="../../x.html">up</a><b id="m"></b>',
      },
      ['media/README.md'],
    );
    expect(findBrokenLinks(map, exists)).toEqual([
      { page: 'index.html', href: 'documents/Guide.html', reason: 'missing file' },
      { page: 'index.html', href: 'classes/A.html#nope', reason: 'missing anchor' },
      { page: 'classes/A.html', href: '../media/README.md', reason: 'raw markdown' },
      { page: 'classes/A.html', href: '../../x.html', reason: 'escapes the site' },
    ]);
  });

  it('decodes entities and percent-escapes before resolving', () => {
    const { map, exists } = site({
      'documents/Saving,_loading.html': '<i id="md:a&amp;b"></i>',
      'index.html': '<a href="documents/Saving%2C_loading.html#md:a&amp;b">s</a>',
    });
    expect(findBrokenLinks(map, exists)).toEqual([]);
  });
});
