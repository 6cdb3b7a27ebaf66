/**
 * `--json FIELDS`, as gh spells it, without letting --json swallow a target: commander's
 * `--json [fields]` would take `hooks list --json codeup:x/y`'s target as fields. So --json takes
 * no value, and before commander parses, a field list after it becomes the hidden `--json-fields`:
 *   `--json=LIST`                 always fields;
 *   `--json LIST`                 fields when LIST is a comma list of names (letters and digits), one
 *                                 name included, so a misspelt field (`--json nmae`) is reported as
 *                                 one with the available fields rather than taken as an argument;
 *   anything else after --json    stays an argument (`--json codeup:x/y`, `--json plan.json`, `--json 42`):
 *                                 targets, files and numeric ids never look like a field name.
 * Past `--` nothing is touched.
 */
const FIELD_LIST = /^[A-Za-z][A-Za-z0-9]*(,[A-Za-z][A-Za-z0-9]*)*$/;

export function rewriteJsonArgv(argv: readonly string[]): string[] {
  const end = endOfOptions(argv);
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (i >= end) out.push(arg);
    else if (arg.startsWith('--json=')) out.push('--json', '--json-fields', arg.slice('--json='.length));
    else if (arg === '--json' && FIELD_LIST.test(argv[i + 1] ?? '')) out.push('--json', '--json-fields', argv[++i] as string);
    else out.push(arg);
  }
  return out;
}

function endOfOptions(argv: readonly string[]): number {
  const at = argv.indexOf('--');
  return at === -1 ? argv.length : at;
}
