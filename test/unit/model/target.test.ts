import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { formatTarget, parseTarget } from '../../../src/providers/registry.js';

describe('parseTarget / formatTarget', () => {
  it.each([
    ['codeup:60811b5eed6e867404f6xxxx/100', { provider: 'codeup', organizationId: '60811b5eed6e867404f6xxxx', projectId: '100' }],
    ['codearts:1234', { provider: 'codearts', groupId: '1234' }],
    ['servicestage:0123abc/ns/repo', { provider: 'servicestage', projectId: '0123abc', namespace: 'ns', project: 'repo' }],
    ['servicestage:p/ns/group/sub/repo', { provider: 'servicestage', projectId: 'p', namespace: 'ns', project: 'group/sub/repo' }],
  ])('%s parses and prints back losslessly', (input, expected) => {
    const target = parseTarget(input);
    expect(target).toEqual(expected);
    expect(formatTarget(target)).toBe(input);
  });

  it.each([
    ['', /unknown provider ""/, /expected one of codeup:/],
    ['gitlab:1', /unknown provider "gitlab"/, /codearts:<groupId>/],
    ['codeup:org', /needs an organization id and a project id/, /codeup:<organizationId>\/<projectId>/],
    ['codeup:org/abc', /project id must be a positive number/, /codeup:/],
    ['codeup:org/1/2', /needs an organization id/, /codeup:/],
    ['codearts:0', /group id must be a positive number/, /codearts:<groupId>/],
    ['codearts:12/3', /group id must be a positive number/, /codearts:/],
    ['servicestage:p/ns', /needs a project id, a namespace and a repository/, /servicestage:<projectId>\/<namespace>\/<project>/],
    ['servicestage:p/ns/a//b', /repository path is not valid/, /servicestage:/],
    ['servicestage:p/ns/a:b', /repository path is not valid/, /servicestage:/],
    ['codearts:1\u0000', /codearts:1\?/, /codearts:/],
    // Dot segments would let the URL resolve to another API path (issue 7 §6).
    ['servicestage:../../x', /may not be "\." or "\.\."/, /servicestage:<projectId>\/<namespace>\/<project>/],
    ['servicestage:p/ns/..', /may not be "\." or "\.\."/, /servicestage:/],
    ['servicestage:p/ns/group/../repo', /may not be "\." or "\.\."/, /servicestage:/],
    ['servicestage:p/./repo', /may not be "\." or "\.\."/, /servicestage:/],
    ['servicestage:%2e%2e/ns/repo', /may not be "\." or "\.\."/, /servicestage:/],
    ['servicestage:p/ns/.%2E', /may not be "\." or "\.\."/, /servicestage:/],
    ['codeup:../100', /may not be "\." or "\.\."/, /codeup:<organizationId>\/<projectId>/],
    ['codeup:%2E/100', /may not be "\." or "\.\."/, /codeup:/],
    ['codearts:..', /may not be "\." or "\.\."/, /codearts:<groupId>/],
  ])('%j is a usage error showing the expected form', (input, message, hint) => {
    let error: unknown;
    try {
      parseTarget(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(message);
    expect((error as UsageError).hint).toMatch(hint);
    expect((error as UsageError).exitCode).toBe(2);
  });
});
