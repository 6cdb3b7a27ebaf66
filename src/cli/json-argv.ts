/**
 * `--json FIELDS`, as gh spells it, without letting --json swallow a target: commander's
 * `--json [fields]` would take `hooks list --json codeup:x/y`'s target as fields. So --json takes
 * no value, and before commander parses, a field list after it becomes the hidden `--json-fields`:
 *   `--json=LIST`                 always fields;
 *   `--json LIST`                 fields when LIST is a comma list of names (letters and digits) and
 *                                 either has a comma or is a known field name (`--json url`);
 *   anything else after --json    stays an argument (`--json codeup:x/y`, `--json plan.json`).
 * Past `--` nothing is touched.
 */
const FIELD_LIST = /^[A-Za-z][A-Za-z0-9]*(,[A-Za-z][A-Za-z0-9]*)*$/;
const ONE_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** Whether deciding needs the known field names: some `--json WORD` with a single name. */
export function needsFieldNames(argv: readonly string[]): boolean {
  const end = endOfOptions(argv);
  return argv.some((arg, i) => i < end && arg === '--json' && ONE_NAME.test(argv[i + 1] ?? ''));
}

export function rewriteJsonArgv(argv: readonly string[], isField: (name: string) => boolean): string[] {
  const end = endOfOptions(argv);
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (i >= end) out.push(arg);
    else if (arg.startsWith('--json=')) out.push('--json', '--json-fields', arg.slice('--json='.length));
    else if (arg === '--json' && isFieldList(argv[i + 1], isField)) out.push('--json', '--json-fields', argv[++i] as string);
    else out.push(arg);
  }
  return out;
}

function isFieldList(next: string | undefined, isField: (name: string) => boolean): next is string {
  if (next === undefined || !FIELD_LIST.test(next)) return false;
  return next.includes(',') || isField(next);
}

function endOfOptions(argv: readonly string[]): number {
  const at = argv.indexOf('--');
  return at === -1 ? argv.length : at;
}
