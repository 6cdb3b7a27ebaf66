import { describe, expect, it } from 'vitest';
import { needsFieldNames, rewriteJsonArgv } from '../../../src/cli/json-argv.js';
import { ALL_FIELDS } from '../../../src/output/fields.js';

const rewrite = (argv: string[]) => rewriteJsonArgv(argv, (name) => ALL_FIELDS.has(name));

describe('--json FIELDS on the command line', () => {
  it.each([
    [['hooks', 'list', 'codeup:x/y', '--json', 'id,url'], ['hooks', 'list', 'codeup:x/y', '--json', '--json-fields', 'id,url']],
    [['hooks', 'list', '--json=id,url', 'codeup:x/y'], ['hooks', 'list', '--json', '--json-fields', 'id,url', 'codeup:x/y']],
    [['hooks', 'list', 'codeup:x/y', '--json', 'url'], ['hooks', 'list', 'codeup:x/y', '--json', '--json-fields', 'url']],
    // an unknown lone word could be an argument: `--json=WORD` says it is a field
    [['apply', '--json', 'plan'], ['apply', '--json', 'plan']],
    // a target after --json stays a target
    [['hooks', 'list', '--json', 'codeup:x/y'], ['hooks', 'list', '--json', 'codeup:x/y']],
    [['apply', '--json', 'plan.json'], ['apply', '--json', 'plan.json']],
    [['hooks', 'list', 'codearts:1', '--json'], ['hooks', 'list', 'codearts:1', '--json']],
    [['hooks', 'list', '--', '--json', 'id,url'], ['hooks', 'list', '--', '--json', 'id,url']],
  ])('%j → %j', (argv, expected) => {
    expect(rewrite(argv)).toEqual(expected);
  });

  it('needs the model’s field names only for a lone word after --json', () => {
    expect(needsFieldNames(['list', '--json', 'url'])).toBe(true);
    expect(needsFieldNames(['list', '--json', 'id,url'])).toBe(false);
    expect(needsFieldNames(['list', '--json', 'codeup:x/y'])).toBe(false);
  });
});
