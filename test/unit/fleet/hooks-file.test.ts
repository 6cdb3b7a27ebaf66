import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { assertUniqueIdentities, HooksFileError, hooksFileJsonSchema, parseHooksFile, secretFromRef } from '../../../src/fleet/hooks-file.js';
import { normalizeUrl } from '../../../src/model/url.js';
import { credentialVariable } from '../../helpers/credential-variables.js';

const env = { HOOK_SECRET: 's3cret-value', OTHER: 'other-value' };

function problemsOf(file: string, text: string, vars: Record<string, string | undefined> = env): string {
  try {
    parseHooksFile(file, text, vars, credentialVariable);
  } catch (error) {
    expect(error).toBeInstanceOf(HooksFileError);
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('parseHooksFile', () => {
  it('reads a YAML file: defaults apply, entries override, targets expand, secrets resolve', () => {
    const text = [
      'version: 1',
      'defaults:',
      '  events: [push, merge_request]',
      '  secret: ${env:HOOK_SECRET}',
      'hooks:',
      '  - target: codeup:org1/100',
      '    url: https://CI.Example.com:443/hook',
      '    sslVerify: false',
      '  - targets: [codearts:7, "codearts:8"]',
      '    url: https://ci.example.com/other',
      '    name: ci',
      '    events: [note, push]',
      '    noteFilters: ["^/build"]',
      '    secret: ${env:OTHER}',
      '  - target: codeup:org1/*',
      '    url: https://audit.example.com/',
      '',
    ].join('\n');
    const parsed = parseHooksFile('hooks.yaml', text, env, credentialVariable);
    expect(parsed.targets).toEqual(['codeup:org1/100', 'codearts:7', 'codearts:8', 'codeup:org1/*']);
    expect(parsed.hooks).toHaveLength(4);
    const [first, second, third, pattern] = parsed.hooks;
    expect(first?.spec).toMatchObject({ url: 'https://CI.Example.com:443/hook', events: ['push', 'merge_request'], sslVerify: false });
    expect(first?.spec.secret?.reveal()).toBe('s3cret-value');
    expect(first?.secretRef).toBe('${env:HOOK_SECRET}');
    expect(first?.source).toEqual({ file: 'hooks.yaml', line: 6, column: 13 });
    expect(second?.spec.events).toEqual(['push', 'note']);
    expect(second?.spec.secret?.reveal()).toBe('other-value');
    expect(second?.source).toEqual({ file: 'hooks.yaml', line: 9, column: 15 });
    expect(third?.source).toEqual({ file: 'hooks.yaml', line: 9, column: 27 });
    expect(pattern?.target).toBe('codeup:org1/*');
    // A secret never shows in what a plan or a log would print.
    expect(JSON.stringify(parsed)).not.toContain('s3cret-value');
  });

  it('reads JSON the same way, with positions', () => {
    const text =
      '{\n  "version": 1,\n  "hooks": [\n    {"target": "servicestage:p1/ns/app", "url": "https://x.example.com/h", "secret": "${env:HOOK_SECRET}"}\n  ]\n}\n';
    const parsed = parseHooksFile('hooks.json', text, env, credentialVariable);
    expect(parsed.hooks[0]).toMatchObject({ target: 'servicestage:p1/ns/app', source: { file: 'hooks.json', line: 4, column: 16 } });
    const bad = '{\n  "version": 1,\n  "hooks": [\n    {"target": "codearts:1",\n     "url": "https://x.example.com/h", "sslverify": true}\n  ]\n}\n';
    expect(problemsOf('hooks.json', bad)).toBe('hooks.json:5:40: hooks[0].sslverify: unknown key');
  });

  it.each([
    [
      'an unknown key',
      'version: 1\nhooks:\n  - target: codearts:1\n    url: https://x.example.com/\n    evnts: [push]\n',
      'h.yaml:5:5: hooks[0].evnts: unknown key',
    ],
    ['a missing url', 'version: 1\nhooks:\n  - target: codearts:1\n', 'h.yaml:3:5: hooks[0].url: '],
    [
      'a bad event',
      'version: 1\nhooks:\n  - target: codearts:1\n    url: https://x.example.com/\n    events: [push, pull]\n',
      'h.yaml:5:20: hooks[0].events[1]: ',
    ],
    ['version 2', 'version: 2\nhooks: []\n', 'h.yaml:1:10: version: must be 1'],
    [
      'both target and targets',
      'version: 1\nhooks:\n  - target: codearts:1\n    targets: [codearts:2]\n    url: https://x.example.com/\n',
      'h.yaml:3:13: hooks[0].target: give exactly one of target and targets',
    ],
    [
      'a malformed target',
      'version: 1\nhooks:\n  - target: codeup:org\n    url: https://x.example.com/\n',
      'h.yaml:3:13: hooks[0].target: target "codeup:org": needs an organization id',
    ],
    [
      'a pattern of an unknown provider',
      'version: 1\nhooks:\n  - target: gitlab:*\n    url: https://x.example.com/\n',
      'h.yaml:3:13: hooks[0].target: pattern "gitlab:*": unknown provider',
    ],
    ['a syntax error', 'version: 1\nhooks:\n  - target: [codearts:1\n', 'h.yaml:'],
    ['a duplicate key', 'version: 1\nversion: 1\nhooks: []\n', 'h.yaml:2:1: (syntax): Map keys must be unique'],
    ['a bad url', 'version: 1\nhooks:\n  - target: codearts:1\n    url: ftp://x.example.com/\n', 'h.yaml:4:10: hooks[0].url: must be an absolute http(s) URL'],
  ])('refuses %s, naming file:line:column', (_what, text, expected) => {
    expect(problemsOf('h.yaml', text)).toContain(expected);
  });

  it('refuses a secret written into the file, with a hint, without echoing it', () => {
    const text = 'version: 1\nhooks:\n  - target: codearts:1\n    url: https://x.example.com/\n    secret: hunter2-literal\n';
    try {
      parseHooksFile('h.yaml', text, env, credentialVariable);
      expect.unreachable();
    } catch (error) {
      const e = error as HooksFileError;
      expect(e.message).toBe('h.yaml:5:13: hooks[0].secret: must be a reference like ${env:NAME}: a secret written into the file is refused');
      expect(e.hint).toContain('environment variable');
      expect(`${e.message} ${e.hint}`).not.toContain('hunter2');
    }
    // Text around a reference is a literal too.
    expect(problemsOf('h.yaml', 'version: 1\nhooks:\n  - target: codearts:1\n    url: https://x.example.com/\n    secret: x${env:HOOK_SECRET}\n')).toContain(
      'hooks[0].secret: must be a reference',
    );
  });

  it('names a missing or empty environment variable once, at the secret', () => {
    const text =
      'version: 1\ndefaults:\n  secret: ${env:MISSING_ONE}\nhooks:\n  - target: codearts:1\n    url: https://x.example.com/\n  - target: codearts:2\n    url: https://x.example.com/\n    secret: ${env:EMPTY}\n';
    const message = problemsOf('h.yaml', text, { EMPTY: '' });
    expect(message.split('\n')).toEqual([
      'h.yaml:3:11: defaults.secret: environment variable MISSING_ONE is not set',
      'h.yaml:9:13: hooks[1].secret: environment variable EMPTY is empty',
    ]);
  });

  it('refuses two entries with one identity (target, normalized URL), naming both places', () => {
    const text =
      'version: 1\nhooks:\n  - targets: [codearts:1, codearts:2]\n    url: https://x.example.com/\n  - target: codearts:2\n    url: HTTPS://X.EXAMPLE.COM:443\n';
    expect(problemsOf('h.yaml', text)).toBe('h.yaml:5:13: codearts:2: a hook with the same target and URL is already declared at h.yaml:3:27');
    // Same URL on other targets, or another path case, is not a duplicate.
    const fine =
      'version: 1\nhooks:\n  - target: codearts:1\n    url: https://x.example.com/A\n  - target: codearts:1\n    url: https://x.example.com/a\n  - target: codearts:2\n    url: https://x.example.com/a\n';
    expect(parseHooksFile('h.yaml', fine, env, credentialVariable).hooks).toHaveLength(3);
  });

  it('checks identities again after patterns expand', () => {
    const { hooks } = parseHooksFile(
      'h.yaml',
      'version: 1\nhooks:\n  - target: codeup:o/*\n    url: https://x.example.com/\n  - target: codeup:o/5\n    url: https://x.example.com/\n',
      env,
      credentialVariable,
    );
    const expanded = hooks.map((h) => (h.target === 'codeup:o/*' ? { ...h, target: 'codeup:o/5' } : h));
    expect(() => assertUniqueIdentities(expanded)).toThrow(/h\.yaml:5:13: codeup:o\/5: .* already declared at h\.yaml:3:13/);
  });
});

describe('secretFromRef', () => {
  it("resolves a saved plan's reference, and names a missing variable", () => {
    expect(secretFromRef('${env:HOOK_SECRET}', env, credentialVariable).reveal()).toBe('s3cret-value');
    expect(() => secretFromRef('${env:NOPE}', env, credentialVariable)).toThrow('environment variable NOPE is not set');
    expect(() => secretFromRef('plain', env, credentialVariable)).toThrow(ConfigError);
  });
});

describe('normalizeUrl', () => {
  it.each([
    ['HTTPS://Ci.Example.COM', 'https://ci.example.com/'],
    ['https://ci.example.com:443/Hook?Token=A', 'https://ci.example.com/Hook?Token=A'],
    ['http://ci.example.com:80', 'http://ci.example.com/'],
    ['http://ci.example.com:8080/x', 'http://ci.example.com:8080/x'],
    ['not a url', 'not a url'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });
});

describe('hooksFileJsonSchema', () => {
  it('describes the file for editors: strict objects, the version, the secret reference', () => {
    // biome-ignore lint/suspicious/noExplicitAny: walking a JSON Schema document
    const schema = hooksFileJsonSchema() as { properties: Record<string, any>; additionalProperties: unknown; required: string[] };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'hooks']));
    expect(schema.properties.version).toMatchObject({ const: 1 });
    const entry = schema.properties.hooks.items;
    expect(entry.additionalProperties).toBe(false);
    expect(Object.keys(entry.properties)).toEqual([
      'target',
      'targets',
      'url',
      'name',
      'description',
      'events',
      'branchFilter',
      'noteFilters',
      'sslVerify',
      'secret',
    ]);
    expect(entry.properties.secret.pattern).toBe('^\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)\\}$');
    expect(entry.properties.events.items.enum).toEqual(['push', 'tag_push', 'merge_request', 'note']);
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
