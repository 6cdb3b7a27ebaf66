import { describe, expect, it } from 'vitest';
import { rewriteJsonArgv as rewrite } from '../../../src/cli/json-argv.js';

describe('--json FIELDS on the command line', () => {
  it.each([
    [
      ['hooks', 'list', 'codeup:x/y', '--json', 'id,url'],
      ['hooks', 'list', 'codeup:x/y', '--json', '--json-fields', 'id,url'],
    ],
    [
      ['hooks', 'list', '--json=id,url', 'codeup:x/y'],
      ['hooks', 'list', '--json', '--json-fields', 'id,url', 'codeup:x/y'],
    ],
    [
      ['hooks', 'list', 'codeup:x/y', '--json', 'url'],
      ['hooks', 'list', 'codeup:x/y', '--json', '--json-fields', 'url'],
    ],
    // a misspelt lone field is still a field list, so it is reported with the available fields
    [
      ['hooks', 'list', 'codeup:x/y', '--json', 'nope'],
      ['hooks', 'list', 'codeup:x/y', '--json', '--json-fields', 'nope'],
    ],
    // a numeric id after --json stays an argument
    [
      ['hooks', 'get', 'codeup:x/y', '--json', '42'],
      ['hooks', 'get', 'codeup:x/y', '--json', '42'],
    ],
    // a target after --json stays a target
    [
      ['hooks', 'list', '--json', 'codeup:x/y'],
      ['hooks', 'list', '--json', 'codeup:x/y'],
    ],
    [
      ['apply', '--json', 'plan.json'],
      ['apply', '--json', 'plan.json'],
    ],
    [
      ['hooks', 'list', 'codearts:1', '--json'],
      ['hooks', 'list', 'codearts:1', '--json'],
    ],
    [
      ['hooks', 'list', '--', '--json', 'id,url'],
      ['hooks', 'list', '--', '--json', 'id,url'],
    ],
  ])('%j → %j', (argv, expected) => {
    expect(rewrite(argv)).toEqual(expected);
  });
});
