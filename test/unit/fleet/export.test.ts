import { describe, expect, it } from 'vitest';
import { exportedSecretNames, exportHooks, type LiveHook, secretEnvName } from '../../../src/fleet/export.js';
import { parseHooksFile } from '../../../src/fleet/hooks-file.js';
import { planChanges } from '../../../src/fleet/plan.js';
import { Secret } from '../../../src/model/secret.js';
import { credentialVariable } from '../../helpers/credential-variables.js';
import { traitsFor } from './traits.js';

const HOOKS_FILE = { path: 'hooks.yaml', sha256: '0'.repeat(64) };

// A fleet on all three providers, as the adapters map it back (fromWire).
const live: LiveHook[] = [
  {
    target: 'codeup:org1/100',
    hook: {
      id: '7',
      url: 'https://ci.example.com/codeup',
      events: ['push', 'merge_request'],
      sslVerify: false,
      description: 'CI',
      secret: new Secret('clear-from-v3'),
    },
  },
  { target: 'codeup:org1/100', hook: { id: '3', url: 'https://audit.example.com/', events: ['push'], sslVerify: true } },
  {
    target: 'codearts:42',
    hook: {
      id: 'a1',
      url: 'https://ci.example.com/codearts',
      name: 'ci',
      events: ['push', 'note'],
      branchFilter: 'main|release/.*',
      noteFilters: ['.*'],
      secret: new Secret(''),
    },
  },
  { target: 'codearts:42', hook: { id: 'a2', url: 'https://bot.example.com/', name: 'bot', events: ['note'], noteFilters: ['^/deploy'] } },
  { target: 'servicestage:p1/ns/app', hook: { id: 's1', url: 'https://ci.example.com/ss', events: ['push'], secret: new Secret('') } },
];

const secretEnv = Object.fromEntries(exportedSecretNames(live).map((name) => [name, `value-of-${name}`]));

describe('exportHooks', () => {
  it('writes YAML in a stable order, defaults and unsupported fields left out, secrets as placeholders', () => {
    const text = exportHooks(live, { format: 'yaml', traits: traitsFor });
    const codeupName = secretEnvName('codeup:org1/100', 'https://ci.example.com/codeup');
    expect(codeupName).toMatch(/^HOOK_SECRET_[0-9A-F]{12}$/);
    expect(text).toBe(
      [
        'version: 1',
        'hooks:',
        '  - target: codearts:42',
        '    url: https://bot.example.com/',
        '    name: bot',
        '    events:',
        '      - note',
        '    noteFilters:',
        '      - ^/deploy',
        '  - target: codearts:42',
        '    url: https://ci.example.com/codearts',
        '    name: ci',
        '    events:',
        '      - push',
        '      - note',
        '    branchFilter: main|release/.*',
        `    secret: \${env:${secretEnvName('codearts:42', 'https://ci.example.com/codearts')}}`,
        '  - target: codeup:org1/100',
        '    url: https://audit.example.com/',
        '  - target: codeup:org1/100',
        '    url: https://ci.example.com/codeup',
        '    description: CI',
        '    events:',
        '      - push',
        '      - merge_request',
        '    sslVerify: false',
        `    secret: \${env:${codeupName}}`,
        '  - target: servicestage:p1/ns/app',
        '    url: https://ci.example.com/ss',
        `    secret: \${env:${secretEnvName('servicestage:p1/ns/app', 'https://ci.example.com/ss')}}`,
        '',
      ].join('\n'),
    );
    expect(text).not.toContain('clear-from-v3');
    // The same input in another order gives the same text.
    expect(exportHooks([...live].reverse(), { format: 'yaml', traits: traitsFor })).toBe(text);
  });

  it('names a placeholder from the identity: same target and URL, same name', () => {
    expect(secretEnvName('codearts:1', 'HTTPS://X.example.com')).toBe(secretEnvName('codearts:1', 'https://x.example.com/'));
    expect(secretEnvName('codearts:1', 'https://x.example.com/')).not.toBe(secretEnvName('codearts:2', 'https://x.example.com/'));
  });

  it.each(['yaml', 'json'] as const)('round-trips through %s: export → parse → plan finds nothing to do', (format) => {
    const text = exportHooks(live, { format, traits: traitsFor });
    const parsed = parseHooksFile(`hooks.${format}`, text, secretEnv, credentialVariable);
    expect(parsed.hooks.map((h) => [h.target, h.spec.url, h.secretRef !== undefined])).toEqual([
      ['codearts:42', 'https://bot.example.com/', false],
      ['codearts:42', 'https://ci.example.com/codearts', true],
      ['codeup:org1/100', 'https://audit.example.com/', false],
      ['codeup:org1/100', 'https://ci.example.com/codeup', true],
      ['servicestage:p1/ns/app', 'https://ci.example.com/ss', true],
    ]);
    expect(parsed.hooks[3]?.spec).toMatchObject({ description: 'CI', events: ['push', 'merge_request'], sslVerify: false });
    const actual = new Map<string, LiveHook['hook'][]>();
    for (const { target, hook } of live) actual.set(target, [...(actual.get(target) ?? []), hook]);
    // Codeup v3 returns its secret: the placeholder's value differs, and that is the one diff.
    const plan = planChanges({ hooksFile: HOOKS_FILE, desired: parsed.hooks, actual, traits: traitsFor });
    expect(plan.summary).toEqual({ create: 0, update: 0, replace: 1, delete: 0, unchanged: 4 });
    expect(plan.targets.find((t) => t.target === 'codeup:org1/100')?.changes[0]).toMatchObject({
      action: 'replace',
      id: '7',
      diff: [{ field: 'secret', change: 'changed' }],
    });
    // With the real value in the variable, nothing at all.
    const env = { ...secretEnv, [secretEnvName('codeup:org1/100', 'https://ci.example.com/codeup')]: 'clear-from-v3' };
    const again = planChanges({
      hooksFile: HOOKS_FILE,
      desired: parseHooksFile('h', text, env, credentialVariable).hooks,
      actual,
      traits: traitsFor,
      prune: true,
    });
    expect(again.summary).toEqual({ create: 0, update: 0, replace: 0, delete: 0, unchanged: 5 });
  });
});
