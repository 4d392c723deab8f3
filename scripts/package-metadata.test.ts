/** Published packages carry what an npm page needs: repository, homepage, bugs, absolute README links. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const published = readdirSync(join(root, 'packages'))
  .map((dir) => ({ dir: `packages/${dir}`, json: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) }))
  .filter((p) => p.json.private !== true);

describe('published package metadata', () => {
  it('finds the seven published packages', () => {
    expect(published.map((p) => p.json.name).sort()).toEqual([
      '@rnn-nade/cli',
      '@rnn-nade/core',
      '@rnn-nade/data-midi',
      '@rnn-nade/data-text',
      '@rnn-nade/estimator-bernoulli',
      '@rnn-nade/estimator-nade',
      '@rnn-nade/estimator-rnade',
    ]);
  });

  it.each(published)('$dir names its repository folder, homepage and issue tracker', ({ dir, json }) => {
    expect(json.repository).toMatchObject({ type: 'git', directory: dir });
    expect(json.repository.url).toMatch(/^git\+https:\/\/.+\.git$/);
    expect(json.homepage).toMatch(new RegExp(`^https://.+/${dir}#readme$`));
    expect(json.bugs.url).toMatch(/^https:\/\/.+\/issues$/);
  });

  it.each(published)('$dir README links only to absolute URLs or anchors (they work on the npm page)', ({ dir }) => {
    const readme = readFileSync(join(root, dir, 'README.md'), 'utf8');
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '');
    expect(targets.filter((t) => !/^(https?:|mailto:|#)/.test(t))).toEqual([]);
  });
});
