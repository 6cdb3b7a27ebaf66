// --help builds the command tree (src/cli/program.ts) and nothing else: whatever program.ts reaches
// through static imports loads on every run, --help included. Walks that graph over the TypeScript
// sources (type-only imports are erased; dynamic import() is lazy) and checks the heavy modules
// stay out of it.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Specifiers a module imports at load: `import`/`export … from` that are not type-only. */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      if (statement.importClause?.isTypeOnly) continue;
      // verbatimModuleSyntax keeps `import { type A } from 'x'` as `import {} from 'x'`: still loaded.
      found.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      found.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return found;
}

/** Every src file and package reached from `entry` by static imports. */
function reached(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [join(root, entry)];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier).replace(/\.js$/, '.ts'));
      else if (!specifier.startsWith('node:'))
        packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] as string));
    }
  }
  return { files: new Set([...files].map((f) => relative(root, f))), packages };
}

describe('what --help loads (the static import graph of src/cli/program.ts)', () => {
  const { files, packages } = reached('src/cli/program.ts');

  it('reaches no package but commander', () => {
    expect([...packages]).toEqual(['commander']);
  });

  it('reaches no schema module, no config code, no provider registry or definition and no run-time context', () => {
    const heavy = ['src/model/hook.ts', 'src/fleet/plan-schema.ts', 'src/fleet/hooks-file.ts', 'src/providers/registry.ts', 'src/runtime/context.ts'];
    const settingsOrAdapter = /^src\/providers\/.*\/(definition|settings|section|adapter)\.ts$/;
    expect([...files].filter((f) => heavy.includes(f) || f.startsWith('src/config/') || settingsOrAdapter.test(f))).toEqual([]);
  });

  it('output/io.ts loads chalk only when colour is on (no static import)', () => {
    expect([...reached('src/output/io.ts').packages]).toEqual([]);
  });

  it('the prompt library loads only when a question is asked (no static import from the CLI, deps or a command)', () => {
    for (const entry of [
      'src/cli/main.ts',
      'src/runtime/deps.ts',
      'src/runtime/interactive.ts',
      'src/commands/hooks/create-input.ts',
      'src/commands/hooks/update-input.ts',
    ]) {
      expect([...reached(entry).packages].filter((p) => p.startsWith('@inquirer/'))).toEqual([]);
    }
    expect(reached('src/runtime/terminal-prompts.ts').packages.has('@inquirer/password')).toBe(true);
  });

  it('finds the graph it walks (the walk itself works)', () => {
    expect(files.has('src/cli/program.ts')).toBe(true);
    expect(files.has('src/runtime/global-flags.ts')).toBe(true);
    // and it does see a package reached through a static import
    expect(reached('src/config/schema.ts').packages.has('zod')).toBe(true);
  });
});
