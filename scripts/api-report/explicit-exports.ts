/**
 * One-off refactoring tool (kept for new barrels): rewrites every `export * from './x'` of the
 * given source index files as explicit named exports (`export { a, type B } from './x'`), so a
 * package's public API is a list a reviewer reads, not whatever a barrel happens to contain.
 * Names listed in `--internal a,b,c` are left out (they belong in an `./advanced` entry);
 * `--keep ./index` leaves that re-export as it is (a node entry that extends the main entry).
 *
 * Usage: `tsx scripts/api-report/explicit-exports.ts packages/core/src/index.ts [--internal a,b]`
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import ts from 'typescript';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { internal: { type: 'string', default: '' }, keep: { type: 'string', default: '' } },
});
const keep = new Set((values.keep ?? '').split(',').filter(Boolean));
const internal = new Set((values.internal ?? '').split(',').filter(Boolean));

for (const file of positionals.map((p) => resolve(p))) {
  const program = ts.createProgram([file], {
    noEmit: true,
    skipLibCheck: true,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
    target: ts.ScriptTarget.ES2022,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  let text = readFileSync(file, 'utf8');
  for (const stmt of source.statements) {
    if (!ts.isExportDeclaration(stmt) || stmt.exportClause || !stmt.moduleSpecifier) continue;
    const spec = (stmt.moduleSpecifier as ts.StringLiteral).text;
    if (keep.has(spec)) continue;
    const target = checker.getSymbolAtLocation(stmt.moduleSpecifier);
    if (!target) throw new Error(`${file}: cannot resolve ${spec}`);
    const names = checker
      .getExportsOfModule(target)
      .filter((s) => !internal.has(s.getName()))
      .map((s) => {
        const real = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
        const isValue = (real.flags & ts.SymbolFlags.Value) !== 0;
        return isValue ? s.getName() : `type ${s.getName()}`;
      })
      .sort((a, b) => a.replace(/^type /, '').localeCompare(b.replace(/^type /, '')));
    const replacement = names.length ? `export {\n  ${names.join(',\n  ')},\n} from '${spec}';` : `// (nothing public in '${spec}')`;
    text = text.replace(stmt.getText(source), replacement);
  }
  writeFileSync(file, text);
  console.log(`${file.replace(`${dirname(dirname(dirname(file)))}/`, '')}: explicit exports written`);
}
