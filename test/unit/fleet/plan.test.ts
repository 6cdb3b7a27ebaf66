import { describe, expect, it } from 'vitest';
import { type DesiredHook, parseHooksFile } from '../../../src/fleet/hooks-file.js';
import { fingerprintHooks, hasChanges, parsePlan, planChanges, planFileMismatch, serializePlan, staleTargets } from '../../../src/fleet/plan.js';
import { renderPlan } from '../../../src/fleet/plan-render.js';
import type { Hook } from '../../../src/model/hook.js';
import { Secret } from '../../../src/model/secret.js';
import { credentialVariable } from '../../helpers/credential-variables.js';
import { CODEARTS, traitsFor } from './traits.js';

const HOOKS_FILE = { path: 'hooks.yaml', sha256: '0'.repeat(64) };

const env = { CI_SECRET: 'desired-secret-value' };

function desired(yaml: string): DesiredHook[] {
  return parseHooksFile('hooks.yaml', `version: 1\nhooks:\n${yaml}`, env, credentialVariable).hooks;
}

function actualOf(entries: Record<string, Hook[]>): Map<string, Hook[]> {
  return new Map(Object.entries(entries));
}

describe('planChanges', () => {
  const file = desired(
    [
      '  - target: codearts:1',
      '    url: https://new.example.com/',
      '    name: new',
      '  - target: codearts:1',
      '    url: https://ci.example.com/hook',
      '    name: ci',
      '    events: [push, merge_request]',
      '    branchFilter: main',
      '  - target: codearts:1',
      '    url: https://same.example.com/',
      '    name: same',
      '    events: [merge_request, push]',
      '  - target: codeup:org/5',
      '    url: https://ci.example.com/hook',
      '    events: [push]',
      '    description: CI',
      '',
    ].join('\n'),
  );
  const actual = actualOf({
    'codearts:1': [
      { id: '10', url: 'HTTPS://CI.example.com:443/hook', name: 'ci', events: ['push', 'note'], branchFilter: '.*', noteFilters: ['.*'] },
      { id: '11', url: 'https://same.example.com', name: 'same', events: ['push', 'merge_request'], branchFilter: '.*' },
      { id: '12', url: 'https://stray.example.com/', name: 'stray', events: ['push'] },
    ],
    'codeup:org/5': [{ id: '99', url: 'https://ci.example.com/hook', events: ['push'], sslVerify: false, description: 'CI' }],
    'codeup:org/6': [{ id: '1', url: 'https://other-target.example.com/', events: ['push'] }],
  });

  it('creates, updates field by field (events as sets), replaces where update is a replace, counts the unchanged', () => {
    const plan = planChanges({ hooksFile: HOOKS_FILE, desired: file, actual, traits: traitsFor });
    expect(plan.summary).toEqual({ create: 1, update: 1, replace: 1, delete: 0, unchanged: 1 });
    const [codearts, codeup] = plan.targets;
    expect(codearts?.changes).toEqual([
      {
        action: 'create',
        url: 'https://new.example.com/',
        spec: { name: 'new' },
        source: { file: 'hooks.yaml', line: 3, column: 13 },
      },
      {
        action: 'update',
        id: '10',
        // The URL apply sends (the file's), held once; the live hook matched it after normalizing.
        url: 'https://ci.example.com/hook',
        diff: [
          { field: 'events', from: ['push', 'note'], to: ['push', 'merge_request'] },
          { field: 'branchFilter', from: '.*', to: 'main' },
        ],
        spec: { name: 'ci', events: ['push', 'merge_request'], branchFilter: 'main' },
        source: { file: 'hooks.yaml', line: 6, column: 13 },
      },
    ]);
    expect(codearts).toMatchObject({ unchanged: 1, unmanaged: 1 });
    // Codeup v3 has no update; sslVerify omitted in the file means true.
    expect(codeup?.changes).toEqual([expect.objectContaining({ action: 'replace', id: '99', diff: [{ field: 'sslVerify', from: false, to: true }] })]);
    expect(hasChanges(plan)).toBe(true);
    // Only the targets the file names are planned.
    expect(plan.targets.map((t) => t.target)).toEqual(['codearts:1', 'codeup:org/5']);
  });

  it('deletes only with prune, and only on targets the file names', () => {
    const plan = planChanges({ hooksFile: HOOKS_FILE, desired: file, actual, traits: traitsFor, prune: true });
    expect(plan.targets[0]?.changes.at(-1)).toEqual({ action: 'delete', id: '12', url: 'https://stray.example.com/' });
    expect(plan.targets[0]?.unmanaged).toBe(0);
    expect(plan.summary.delete).toBe(1);
    expect(JSON.stringify(plan)).not.toContain('other-target');
  });

  it('does not diff fields the provider does not support', () => {
    const hooks = desired(
      '  - target: servicestage:p/ns/app\n    url: https://x.example.com/\n    name: ignored\n    sslVerify: false\n    secret: ${env:CI_SECRET}\n',
    );
    const plan = planChanges({
      hooksFile: HOOKS_FILE,
      desired: hooks,
      actual: actualOf({ 'servicestage:p/ns/app': [{ id: 's', url: 'https://x.example.com/', events: ['push'], secret: new Secret('') }] }),
      traits: traitsFor,
    });
    expect(plan.summary.unchanged).toBe(1);
    expect(hasChanges(plan)).toBe(false);
  });

  it('with nothing to do, exits clean: no changes, and a text saying so', () => {
    const hooks = desired('  - target: codearts:1\n    url: https://same.example.com/\n    name: same\n    events: [push, merge_request]\n');
    const plan = planChanges({ hooksFile: HOOKS_FILE, desired: hooks, actual, traits: traitsFor });
    expect(hasChanges(plan)).toBe(false);
    expect(renderPlan(plan)).toBe('codearts:1\n  1 unchanged, 2 not in the file, kept (--prune deletes)\n\nNo changes: 1 hook matches the file.\n');
  });
});

describe('secrets in a plan', () => {
  const hooks = desired(
    '  - target: codeup:org/5\n    url: https://ci.example.com/\n    secret: ${env:CI_SECRET}\n  - target: codearts:1\n    url: https://ci.example.com/\n    name: ci\n    secret: ${env:CI_SECRET}\n',
  );
  const plan = (codeupSecret: Secret | undefined, codeartsSecret: Secret | undefined, syncSecrets = false) =>
    planChanges({
      hooksFile: HOOKS_FILE,
      desired: hooks,
      actual: actualOf({
        'codeup:org/5': [{ id: '1', url: 'https://ci.example.com/', events: ['push'], sslVerify: true, ...(codeupSecret ? { secret: codeupSecret } : {}) }],
        'codearts:1': [
          { id: '2', url: 'https://ci.example.com/', name: 'ci', events: ['push'], branchFilter: '.*', ...(codeartsSecret ? { secret: codeartsSecret } : {}) },
        ],
      }),
      traits: traitsFor,
      syncSecrets,
    });
  const secretDiffs = (p: ReturnType<typeof plan>) => p.targets.map((t) => t.changes.flatMap((c) => ('diff' in c ? c.diff : [])));

  it('a provider that returns the secret: equal is no change, different is "secret: changed" with no value', () => {
    expect(hasChanges(plan(new Secret('desired-secret-value'), new Secret('')))).toBe(false);
    const changed = plan(new Secret('someone-changed-it'), new Secret(''));
    expect(secretDiffs(changed)).toEqual([[{ field: 'secret', change: 'changed' }], []]);
    const text = `${serializePlan(changed)}${renderPlan(changed)}`;
    expect(text).toContain('secret: changed');
    expect(text).toContain('${env:CI_SECRET}');
    expect(text).not.toContain('desired-secret-value');
    expect(text).not.toContain('someone-changed-it');
  });

  it('a provider that hides the secret: never a perpetual diff; --sync-secrets pushes it', () => {
    expect(hasChanges(plan(new Secret('desired-secret-value'), new Secret('')))).toBe(false);
    const synced = plan(new Secret('desired-secret-value'), new Secret(''), true);
    // The readable one is known equal and left alone; the hidden one is pushed.
    expect(secretDiffs(synced)).toEqual([[], [{ field: 'secret', change: 'sync' }]]);
    expect(synced.targets[1]?.changes[0]).toMatchObject({ action: 'update', spec: { secretRef: '${env:CI_SECRET}' } });
  });

  it('a secret declared but not set on the hook is added; set but not declared is removed', () => {
    expect(secretDiffs(plan(undefined, undefined))).toEqual([[{ field: 'secret', change: 'added' }], [{ field: 'secret', change: 'added' }]]);
    const noSecret = desired('  - target: codearts:1\n    url: https://ci.example.com/\n    name: ci\n');
    const removed = planChanges({
      hooksFile: HOOKS_FILE,
      desired: noSecret,
      actual: actualOf({ 'codearts:1': [{ id: '2', url: 'https://ci.example.com/', name: 'ci', events: ['push'], secret: new Secret('') }] }),
      traits: () => CODEARTS,
    });
    expect(removed.targets[0]?.changes[0]).toMatchObject({ action: 'update', diff: [{ field: 'secret', change: 'removed' }] });
  });
});

describe('saved plans', () => {
  const hooks = desired('  - target: codearts:1\n    url: https://ci.example.com/\n    name: ci\n');
  const before: Hook[] = [
    { id: '2', url: 'https://ci.example.com/', name: 'old', events: ['push'] },
    { id: '3', url: 'https://b.example.com/', events: ['note'] },
  ];

  it('round-trips through JSON and is refused when a target changed since', () => {
    const plan = planChanges({ hooksFile: HOOKS_FILE, desired: hooks, actual: actualOf({ 'codearts:1': before }), traits: traitsFor });
    const saved = parsePlan('plan.json', serializePlan(plan));
    expect(saved).toEqual(plan);
    expect(staleTargets(saved, actualOf({ 'codearts:1': [...before].reverse() }))).toEqual([]);
    expect(staleTargets(saved, actualOf({ 'codearts:1': [{ ...before[0]!, name: 'renamed' }, before[1]!] }))).toEqual(['codearts:1']);
    expect(() => parsePlan('plan.json', '{"version":2}')).toThrow(/plan\.json: not a saved plan: hooksFile: /);
    expect(() => parsePlan('plan.json', '{"version":1}')).toThrow(/^plan\.json: version: plan version 1 is not supported/);
  });

  it('refuses a plan whose changes do not match its digest; key order does not matter', () => {
    const plan = planChanges({ hooksFile: HOOKS_FILE, desired: hooks, actual: actualOf({ 'codearts:1': before }), traits: traitsFor });
    const edited = JSON.parse(serializePlan(plan));
    edited.targets[0].changes[0].url = 'https://evil.example/h';
    expect(() => parsePlan('plan.json', JSON.stringify(edited))).toThrow(/^plan\.json: changesSha256: the changes do not match/);
    const reverse = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).reverse());
    const reordered = { ...plan, targets: plan.targets.map((t) => ({ ...reverse(t), changes: t.changes.map(reverse) })) };
    expect(parsePlan('plan.json', JSON.stringify(reordered)).changesSha256).toBe(plan.changesSha256);
  });

  it('a plan that does not follow from its hooks file names the mismatch', () => {
    const plan = planChanges({ hooksFile: HOOKS_FILE, desired: hooks, actual: actualOf({ 'codearts:1': before }), traits: traitsFor });
    const file = { file: 'hooks.yaml', sha256: HOOKS_FILE.sha256, hooks, targets: ['codearts:1'] };
    expect(planFileMismatch(plan, file)).toBeUndefined();
    expect(planFileMismatch(plan, { ...file, sha256: 'f'.repeat(64) })).toMatch(/^hooks\.yaml changed since the plan was made/);
    const moved = { ...plan, targets: plan.targets.map((t) => ({ ...t, changes: t.changes.map((c) => ({ ...c, url: 'https://evil.example/h' })) })) };
    expect(planFileMismatch(moved, file)).toBe('codearts:1 update https://evil.example/h: hooks.yaml declares no such hook');
    const added = { ...plan, targets: [...plan.targets, { ...plan.targets[0]!, target: 'codearts:666' }] };
    expect(planFileMismatch(added, file)).toBe('target codearts:666 is not named in hooks.yaml');
    const renamed = {
      ...plan,
      targets: plan.targets.map((t) => ({ ...t, changes: t.changes.map((c) => (c.action === 'delete' ? c : { ...c, spec: { ...c.spec, name: 'x' } })) })),
    };
    expect(planFileMismatch(renamed, file)).toMatch(/the planned hook differs from hooks\.yaml$/);
  });

  it.each([
    ['a field changes', (h: Hook[]) => [{ ...h[0]!, events: ['push', 'note'] as Hook['events'] }, h[1]!]],
    ['a hook is added', (h: Hook[]) => [...h, { id: '4', url: 'https://c.example.com/', events: ['push'] as Hook['events'] }]],
    ['a hook is deleted', (h: Hook[]) => [h[0]!]],
    ['an id changes (replaced by hand)', (h: Hook[]) => [{ ...h[0]!, id: '9' }, h[1]!]],
    ['a secret is set', (h: Hook[]) => [{ ...h[0]!, secret: new Secret('') }, h[1]!]],
  ])('the fingerprint changes when %s', (_what, change) => {
    expect(fingerprintHooks(change(before))).not.toBe(fingerprintHooks(before));
  });

  it('the fingerprint holds no secret value', () => {
    expect(fingerprintHooks([{ ...before[0]!, secret: new Secret('a') }])).toBe(fingerprintHooks([{ ...before[0]!, secret: new Secret('b') }]));
  });
});

describe('renderPlan', () => {
  it('prints symbols, diff lines and counts, coloured through the painter', () => {
    const hooks = desired(
      '  - target: codeup:o/1\n    url: https://a.example.com/\n    events: [push, note]\n    secret: ${env:CI_SECRET}\n  - target: codeup:o/1\n    url: https://b.example.com/\n    description: new\n  - target: codearts:1\n    url: https://c.example.com/\n    name: c\n    events: [note]\n',
    );
    const plan = planChanges({
      hooksFile: HOOKS_FILE,
      desired: hooks,
      actual: actualOf({
        'codeup:o/1': [{ id: '5', url: 'https://b.example.com/', events: ['push'], description: 'old' }],
        'codearts:1': [
          { id: '6', url: 'https://c.example.com/', name: 'c', events: ['push', 'note'], branchFilter: '.*' },
          { id: '7', url: 'https://gone.example.com/', name: 'gone', events: ['push'] },
        ],
      }),
      traits: traitsFor,
      prune: true,
    });
    const paint = { green: (t: string) => `<g>${t}</g>`, yellow: (t: string) => `<y>${t}</y>`, red: (t: string) => `<r>${t}</r>`, dim: (t: string) => t };
    expect(renderPlan(plan, paint)).toBe(
      [
        'codeup:o/1',
        '  <g>+</g> https://a.example.com/',
        '      events: push, note',
        '      secret: ${env:CI_SECRET}',
        '  <r>-/+</r> https://b.example.com/ (id 5, replaced: the id will change)',
        '      description: "old" → "new"',
        'codearts:1',
        '  <y>~</y> https://c.example.com/ (id 6)',
        '      events: push, note → note',
        '  <r>-</r> https://gone.example.com/ (id 7)',
        '',
        'Plan: 1 to create, 1 to update, 1 to replace, 1 to delete, 0 unchanged.',
        '',
      ].join('\n'),
    );
  });
});
