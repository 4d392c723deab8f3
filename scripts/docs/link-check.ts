/** Finding broken internal links in a set of HTML pages (pure; tested in `link-check.test.ts`). */
import { posix } from 'node:path';

/** Site-relative page path (forward slashes) -> its HTML. */
export type PageIndex = ReadonlyMap<string, string>;

/** One broken link: the page it is on, the `href`/`src` as written, and why it is broken. */
export interface BrokenLink {
  readonly page: string;
  readonly href: string;
  readonly reason: 'missing file' | 'missing anchor' | 'raw markdown' | 'escapes the site';
}

const LINK = /\s(?:href|src)="([^"]*)"/g;
const ID = /\sid="([^"]*)"/g;

function decodeEntities(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** Whether a link leaves the site (has a scheme such as `https:`, `mailto:`, or is protocol-relative). */
function isExternal(href: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//');
}

function idsOf(html: string, cache: Map<string, Set<string>>, page: string): Set<string> {
  let ids = cache.get(page);
  if (!ids) {
    ids = new Set([...html.matchAll(ID)].map((m) => decodeEntities(m[1] ?? '')));
    cache.set(page, ids);
  }
  return ids;
}

/**
 * Every internal link of every page whose target is missing: the file (checked with `exists`,
 * so assets that are not HTML count too), the `#fragment` in an HTML target, a raw `.md` target,
 * or a path that climbs above the site root.
 *
 * @example
 * ```ts
 * const pages = new Map([['index.html', '<a href="classes/A.html">A</a>']]);
 * findBrokenLinks(pages, (p) => pages.has(p)); // [{ page: 'index.html', href: 'classes/A.html', reason: 'missing file' }]
 * ```
 */
export function findBrokenLinks(pages: PageIndex, exists: (sitePath: string) => boolean): BrokenLink[] {
  const broken: BrokenLink[] = [];
  const idCache = new Map<string, Set<string>>();
  for (const [page, html] of pages) {
    for (const match of html.matchAll(LINK)) {
      const href = decodeEntities(match[1] ?? '');
      if (href === '' || isExternal(href)) continue;
      const [pathPart = '', fragment] = href.split('#', 2);
      const path = decodeURIComponent(pathPart.split('?', 1)[0] ?? '');
      const joined = path === '' ? page : posix.normalize(posix.join(posix.dirname(page), path));
      const target = joined.endsWith('/') || joined === '.' ? posix.join(joined, 'index.html') : joined;
      if (target.startsWith('../') || target === '..') broken.push({ page, href, reason: 'escapes the site' });
      else if (/\.md$/i.test(target)) broken.push({ page, href, reason: 'raw markdown' });
      else if (!exists(target)) broken.push({ page, href, reason: 'missing file' });
      else if (fragment && target.endsWith('.html')) {
        const targetHtml = pages.get(target);
        if (targetHtml !== undefined && !idsOf(targetHtml, idCache, target).has(decodeURIComponent(fragment))) {
          broken.push({ page, href, reason: 'missing anchor' });
        }
      }
    }
  }
  return broken;
}
