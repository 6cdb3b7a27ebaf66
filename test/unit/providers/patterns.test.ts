/**
 * Target and pattern grammar: the CodeArts repository target, and every provider's pattern forms
 * (what `parsePattern` accepts, and the exact usage error for what it does not).
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { parsePatternOf } from '../../../src/model/target.js';
import { codeupTarget } from '../../../src/providers/codeup/target.js';
import { formatTarget, isPattern, PATTERN_FORMS, parsePattern, parseTarget } from '../../../src/providers/registry.js';

const PID = '0123456789abcdef0123456789abcdef';

function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('no usage error');
}

describe('CodeArts targets: a group or a repository', () => {
  it('parses and prints both kinds', () => {
    expect(parseTarget('codearts:77')).toEqual({ provider: 'codearts', groupId: '77' });
    expect(parseTarget('codearts:repo/2001')).toEqual({ provider: 'codearts', repositoryId: '2001' });
    expect(formatTarget({ provider: 'codearts', repositoryId: '2001' })).toBe('codearts:repo/2001');
    expect(formatTarget(parseTarget('codearts:77'))).toBe('codearts:77');
  });

  it.each([
    ['codearts:repo/', 'the repository id must be a positive number'],
    ['codearts:repo/01', 'the repository id must be a positive number'],
    ['codearts:repo/1/2', 'the repository id must be a positive number'],
    ['codearts:group', 'the group id must be a positive number'],
  ])('%s is a usage error: %s', (input, why) => {
    const error = usageError(() => parseTarget(input));
    expect(error.message).toBe(`target "${input}": ${why}`);
    expect(error.hint).toBe('expected codearts:<groupId> | codearts:repo/<repositoryId>');
    expect(error.exitCode).toBe(2);
  });
});

describe('patterns', () => {
  it.each([
    ['codeup:fleet-org/*', { organizationId: 'fleet-org' }],
    [`codearts:project/${PID}/groups`, { projectId: PID, groups: true, repositories: false }],
    [`codearts:project/${PID}/repos`, { projectId: PID, groups: false, repositories: true }],
    [`codearts:project/${PID}/*`, { projectId: PID, groups: true, repositories: true }],
    [`servicestage:${PID}/team/*`, { projectId: PID, namespace: 'team' }],
    [`servicestage:${PID}/*/*`, { projectId: PID }],
  ])('%s is a pattern', (input, parsed) => {
    expect(isPattern(input)).toBe(true);
    expect(parsePattern(input)).toEqual({ provider: input.slice(0, input.indexOf(':')), pattern: input, parsed });
  });

  it.each(['codeup:org/100', 'codearts:77', 'codearts:repo/5', `servicestage:${PID}/team/web/app`, 'gitlab:x/*', 'nothing'])('%s is not a pattern', (input) => {
    expect(isPattern(input)).toBe(false);
  });

  const CODEUP_FORMS = 'accepted patterns: codeup:<organizationId>/* (every repository of the organization)';
  const CODEARTS_FORMS =
    'accepted patterns: codearts:project/<projectId>/groups (every repository group of the project, nested ones included); ' +
    'codearts:project/<projectId>/repos (every repository of the project, as codearts:repo/<id>); codearts:project/<projectId>/* (both)';
  const SERVICESTAGE_FORMS =
    'accepted patterns: servicestage:<projectId>/<namespace>/* (every repository of the namespace); servicestage:<projectId>/*/* (every repository of every namespace)';

  it.each([
    ['codeup:org/1*', 'the only Codeup pattern is <organizationId>/*', CODEUP_FORMS],
    ['codeup:*/*', 'the organization id must be given in full (no *)', CODEUP_FORMS],
    ['codeup:org/*/more', 'the only Codeup pattern is <organizationId>/*', CODEUP_FORMS],
    ['codearts:project/abc/repos', 'the project id must be the 32-character hexadecimal CodeArts project id', CODEARTS_FORMS],
    [`codearts:project/${PID}/hooks`, 'the last segment is not groups, repos or *', CODEARTS_FORMS],
    [`codearts:project/${PID}`, 'a CodeArts pattern is project/<projectId>/groups, /repos or /*', CODEARTS_FORMS],
    ['codearts:*', 'a CodeArts pattern is project/<projectId>/groups, /repos or /*', CODEARTS_FORMS],
    [`servicestage:${PID}/*/web`, 'a ServiceStage pattern ends in /* after the project id and the namespace (or *)', SERVICESTAGE_FORMS],
    [`servicestage:*/team/*`, 'the project id must be given in full (no *)', SERVICESTAGE_FORMS],
    [`servicestage:${PID}/te*m/*`, 'the namespace must be given in full, or be * for every namespace', SERVICESTAGE_FORMS],
    [`servicestage:${PID}/../*`, 'a segment may not be "." or ".." (nor %2e, %2e%2e)', SERVICESTAGE_FORMS],
    ['codeup:org/100', 'not a pattern', CODEUP_FORMS],
  ])('%s is a usage error (exit 2): %s', (input, why, hint) => {
    const error = usageError(() => parsePattern(input));
    expect(error.message).toBe(`pattern "${input}": ${why}`);
    expect(error.hint).toBe(hint);
    expect(error.exitCode).toBe(2);
  });

  it('an unknown provider lists every accepted pattern form', () => {
    const error = usageError(() => parsePattern('gitlab:group/*'));
    expect(error.message).toBe('pattern "gitlab:group/*": unknown provider "gitlab"');
    expect(error.hint).toBe(`accepted patterns: ${PATTERN_FORMS.join('; ')}`);
    expect(PATTERN_FORMS).toHaveLength(6);
  });

  it('a pattern where one target is expected is a usage error that says so', () => {
    const error = usageError(() => parseTarget('codeup:org/*'));
    expect(error.message).toBe('target "codeup:org/*": this is a pattern (it names many targets); give one target here');
    expect(usageError(() => parseTarget(`codearts:project/${PID}/repos`)).message).toMatch(/this is a pattern/);
  });

  it('Provider.expand takes the pattern with or without its provider prefix', () => {
    expect(parsePatternOf('codeup:org/*', codeupTarget)).toEqual({ organizationId: 'org' });
    expect(parsePatternOf('org/*', codeupTarget)).toEqual({ organizationId: 'org' });
    expect(() => parsePatternOf('org/100', codeupTarget)).toThrow('pattern "codeup:org/100": not a pattern');
  });
});
