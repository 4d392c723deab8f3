import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiEntries, formatApiReport } from './api-report';

describe('API report', () => {
  it('lists every export of a .d.ts (through re-exports) with its kind and comment-free declaration, sorted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rnn-nade-api-'));
    writeFileSync(join(dir, 'inner.d.ts'), '/** doc */\nexport declare function f(x: number): string;\nexport interface Shape { readonly a: number }\n');
    writeFileSync(
      join(dir, 'index.d.ts'),
      "export { f, type Shape } from './inner';\nexport declare const LIMIT = 3;\nexport type Alias = Shape[];\nimport type { Shape } from './inner';\nexport declare class Box {\n  /** the size */\n  size(): number;\n}\n",
    );
    const entries = apiEntries(join(dir, 'index.d.ts'));
    expect(entries).toEqual([
      { name: 'Alias', kind: 'type', declaration: 'type Alias = Shape[];' },
      { name: 'Box', kind: 'class', declaration: 'class Box {\n    size(): number;\n}' },
      { name: 'LIMIT', kind: 'const', declaration: 'const LIMIT = 3;' },
      { name: 'Shape', kind: 'interface', declaration: 'interface Shape {\n    readonly a: number;\n}' },
      { name: 'f', kind: 'function', declaration: 'function f(x: number): string;' },
    ]);
    const report = formatApiReport('@x/y', entries);
    expect(report).toContain('5 exports.');
    expect(report).toContain('## f (function)\n\n```ts\nfunction f(x: number): string;\n```');
  });
});
