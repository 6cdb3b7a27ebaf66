/**
 * `hookctl audit` and `hookctl export` as users run them (the real bin) against a seeded emulator
 * fleet: every rule fires exactly where the fleet planted it, every output format parses back,
 * exit codes 0, 5 and 11.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import AjvModule from 'ajv-draft-04';
import { parse as parseCsv } from 'csv-parse/sync';
import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { emulatorEnv } from '../../src/emulator/credentials.js';
import { parseTarget } from '../../src/providers/registry.js';
import { emptyDir, runBin } from '../helpers/cli.js';
import { type StartedEmulator, startEmulator } from '../helpers/emulator.js';

interface Planted {
  provider: string;
  target: string;
  hookId: string;
  ruleId: string;
}
interface State {
  codeup: Record<string, { id: number; url: string }[]>;
  codearts: Record<string, { id: number; url: string }[]>;
  servicestage: Record<string, { id: string; url: string }[]>;
  fleet: { plantedFindings: Planted[] };
}

let emu: StartedEmulator;
let env: Record<string, string>;
let state: State;
/** Every literal target of the fleet hookctl can name (the others, e.g. CodeArts repositories, come with discovery). */
let targets: string[];

beforeAll(async () => {
  emu = await startEmulator({ fleet: { size: 4, seed: 3 } });
  env = emulatorEnv(emu.url);
  state = (await (await fetch(`${emu.url}/_emulator/state`)).json()) as State;
  targets = (['codeup', 'codearts', 'servicestage'] as const).flatMap((provider) =>
    Object.keys(state[provider])
      .map((key) => `${provider}:${key}`)
      .filter((target) => {
        try {
          parseTarget(target);
          return true;
        } catch {
          return false;
        }
      }),
  );
});
afterAll(async () => emu.close());

const key = (f: Omit<Planted, 'provider'>) => `${f.target} ${f.hookId} ${f.ruleId}`;

interface JsonFinding extends Omit<Planted, 'provider'> {
  severity: string;
  url: string;
  message: string;
  fix: string;
}

describe('audit of a seeded fleet', () => {
  it('every rule fires exactly where planted, and nowhere else (json)', async () => {
    const run = await runBin(['audit', ...targets, '-o', 'json'], { env });
    expect(run.code, run.stderr).toBe(0);
    const found = JSON.parse(run.stdout) as JsonFinding[];
    const planted = state.fleet.plantedFindings.filter((f) => targets.includes(f.target));
    const actual = found.map(key).sort();
    expect(actual).toEqual(planted.map(key).sort());
    // Every rule but unmanaged (needs -f) is covered by this fleet; delivery-failing on Codeup (the
    // listing's LastTestResult) and on CodeArts (the hook's delivery log) alike.
    expect(new Set(actual.map((k) => k.split(' ')[2]))).toEqual(
      new Set([
        'insecure-url',
        'tls-verify-disabled',
        'no-secret',
        'duplicate-url',
        'private-address',
        'credentials-in-url',
        'delivery-failing',
        'all-branches',
      ]),
    );
    expect(new Set(found.filter((f) => f.ruleId === 'delivery-failing').map((f) => f.target.split(':')[0]))).toEqual(new Set(['codeup', 'codearts']));
    // Credentials never printed: the planted passwords and tokens are masked.
    expect(run.stdout).not.toMatch(/fleet-pass-|fleet-token-\d+(?!\S*\*)/);
    expect(run.stderr).toMatch(new RegExp(`^${targets.length} targets, \\d+ hooks, ${found.length} findings in `, 'm'));
  });

  it('csv: one row per finding, parsed back by a CSV parser; yaml parses to the same findings as json', async () => {
    const some = targets.slice(0, 6);
    const [csv, yaml, json] = await Promise.all(['csv', 'yaml', 'json'].map((format) => runBin(['audit', ...some, '-o', format], { env })));
    const fromJson = JSON.parse(json?.stdout ?? '') as JsonFinding[];
    const rows = parseCsv(csv?.stdout ?? '', { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual(['severity', 'rule', 'target', 'hook', 'url', 'message', 'fix']);
    const csvKeys = rows.map((r) => `${r.target} ${r.hook} ${r.rule}`).sort();
    expect(csvKeys).toEqual(fromJson.map((f) => key(f)).sort());
    expect(parseYaml(yaml?.stdout ?? '')).toEqual(fromJson);
  });

  it('sarif: a valid SARIF 2.1.0 log with one result per finding', async () => {
    const schemaPath = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const Ajv = AjvModule.default;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    ajv.addFormat('uri', /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/);
    ajv.addFormat('uri-reference', /^[^\s]*$/);
    ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)));
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>);
    const some = targets.slice(0, 6);
    const [sarif, json] = await Promise.all(['sarif', 'json'].map((format) => runBin(['audit', ...some, '-o', format], { env })));
    const log = JSON.parse(sarif?.stdout ?? '') as { runs: { results: { ruleId: string; properties: { target: string; hook: string } }[] }[] };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const results = log.runs[0]?.results ?? [];
    expect(results.map((r) => `${r.properties.target} ${r.properties.hook} ${r.ruleId}`).sort()).toEqual(
      (JSON.parse(json?.stdout ?? '') as JsonFinding[]).map(key).sort(),
    );
  });

  it('exit 11 with --fail-on at a level a finding reaches; 0 when the rules config re-levels them below it', async () => {
    const failing = await runBin(['audit', ...targets, '--fail-on', 'high', '-o', 'json'], { env });
    expect(failing.code, failing.stderr).toBe(11);
    expect(JSON.parse(failing.stdout).length).toBeGreaterThan(0);
    const dir = emptyDir();
    const config = join(dir, 'hookctl.yaml');
    writeFileSync(config, 'rules:\n  insecure-url: low\n  credentials-in-url: { severity: medium }\n  all-branches: off\n');
    const relevelled = await runBin(['--config', config, 'audit', ...targets, '--fail-on', 'high', '-o', 'json'], { env, cwd: dir });
    expect(relevelled.code, relevelled.stderr).toBe(0);
    const found = JSON.parse(relevelled.stdout) as JsonFinding[];
    expect(found.some((f) => f.ruleId === 'all-branches')).toBe(false);
    expect(found.filter((f) => f.ruleId === 'insecure-url').every((f) => f.severity === 'low')).toBe(true);
  });

  it('exit 5 when a target cannot be read: its name on stderr, the findings of the others printed', async () => {
    const run = await runBin(['audit', 'codeup:fleet-org/9999', ...targets.slice(0, 3), '-o', 'json'], { env });
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/^failed: codeup:fleet-org\/9999: .*not found/m);
    const found = JSON.parse(run.stdout) as JsonFinding[];
    const expected = state.fleet.plantedFindings.filter((f) => targets.slice(0, 3).includes(f.target));
    expect(found.map(key).sort()).toEqual(expected.map(key).sort());
  });

  it('a delivery log that cannot be read: exit 5 naming the target, its other findings printed, no delivery finding made up', async () => {
    const failingGroup = state.fleet.plantedFindings.find((f) => f.ruleId === 'delivery-failing' && f.target.startsWith('codearts:'));
    expect(failingGroup).toBeDefined();
    const group = (failingGroup as Planted).target.slice('codearts:'.length);
    let logReads = 0;
    emu.server.use(
      http.get(`*/v4/groups/${group}/hooks/:hookId/logs`, () => {
        logReads++;
        return HttpResponse.json({ error_code: 'CH.00000403', error_msg: 'no permission' }, { status: 403 });
      }),
    );
    try {
      const run = await runBin(['audit', ...targets, '-o', 'json', '--retries', '0'], { env });
      expect(run.code, run.stderr).toBe(5);
      expect(run.stderr).toMatch(
        new RegExp(`^failed: codearts:${group}: the delivery log of hook \\d+ could not be read.*--no-deliveries skips the logs.*no permission`, 'm'),
      );
      expect(run.stderr.match(/^failed: /gm)).toHaveLength(1);
      // The first failure stops that target's log reads; the closing line says what was not judged.
      expect(state.codearts[group]?.length).toBeGreaterThan(1);
      expect(logReads).toBe(1);
      const closing = run.stderr.split('\n').find((line) => line.startsWith('{"error"'));
      expect(JSON.parse(closing ?? '{}').error?.message).toBe(
        'the delivery logs of 1 target could not be read, so delivery-failing was not judged there; every other finding was printed',
      );
      const found = JSON.parse(run.stdout) as JsonFinding[];
      const expected = state.fleet.plantedFindings.filter(
        (f) => targets.includes(f.target) && !(f.target === `codearts:${group}` && f.ruleId === 'delivery-failing'),
      );
      expect(found.map(key).sort()).toEqual(expected.map(key).sort());
    } finally {
      emu.server.resetHandlers();
    }
  });

  it('--no-deliveries reads no delivery log: CodeArts delivery-failing stays silent, Codeup (from the listing) still fires', async () => {
    const before = emu.server.requests.length;
    const run = await runBin(['audit', ...targets, '-o', 'json', '--no-deliveries'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(emu.server.requests.slice(before).filter((r) => new URL(r.url).pathname.endsWith('/logs'))).toEqual([]);
    const found = JSON.parse(run.stdout) as JsonFinding[];
    const expected = state.fleet.plantedFindings.filter((f) => targets.includes(f.target) && !(f.provider === 'codearts' && f.ruleId === 'delivery-failing'));
    expect(found.map(key).sort()).toEqual(expected.map(key).sort());
    expect(found.some((f) => f.ruleId === 'delivery-failing' && f.target.startsWith('codeup:'))).toBe(true);
  });

  it('-f hooks.yaml: unmanaged fires on exactly the hook the file does not declare', async () => {
    const target = targets[0] as string;
    const hooks = state.codeup[target.slice('codeup:'.length)] ?? [];
    expect(hooks.length).toBeGreaterThan(1);
    const [left, ...rest] = hooks;
    // One entry per URL: a hooks file declares a (target, URL) once.
    const declared = rest.filter((h, i) => rest.findIndex((o) => o.url === h.url) === i);
    const dir = emptyDir();
    writeFileSync(
      join(dir, 'hooks.yaml'),
      `version: 1\nhooks:\n${declared.map((h) => `  - target: ${target}\n    url: ${JSON.stringify(h.url)}\n    secret: \${env:S}\n`).join('')}`,
    );
    const run = await runBin(['audit', target, '-f', 'hooks.yaml', '-o', 'json'], { env, cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const unmanaged = (JSON.parse(run.stdout) as JsonFinding[]).filter((f) => f.ruleId === 'unmanaged');
    // A duplicate of a declared URL counts as declared (same identity).
    const sameUrl = hooks.filter((h) => h.url === left?.url).map((h) => String(h.id));
    expect(unmanaged.map((f) => f.hookId).sort()).toEqual(declared.some((h) => h.url === left?.url) ? [] : sameUrl.sort());
  });

  it('piped table: one tab-separated line per finding, streamed', async () => {
    const run = await runBin(['audit', targets[0] as string], { env });
    expect(run.code).toBe(0);
    for (const line of run.stdout.trimEnd().split('\n')) expect(line.split('\t')).toHaveLength(6);
  });
});

describe('delivery-failing from CodeArts delivery logs, group and repository hooks', () => {
  const project = 'c0dea7c5000000000000000000000d0d';
  const hook = (n: string, deliveries: string[], failing = false) => ({
    url: `https://hooks.example.com/${n}`,
    name: n,
    token: `token-${n}`,
    tagPushEvents: true,
    deliveries,
    ...(failing && { plant: ['delivery-failing' as const] }),
  });
  let logs: StartedEmulator;
  beforeAll(async () => {
    logs = await startEmulator({
      fleet: {
        spec: {
          codearts: [
            {
              project,
              name: 'logs',
              groups: [
                {
                  id: 601,
                  name: 'g',
                  hooks: [hook('g-down', ['internal error', '200'], true), hook('g-recovered', ['200', '500'])],
                  repositories: [{ id: 3001, name: 'r', hooks: [hook('r-down', ['500', '200'], true), hook('r-fine', ['204']), hook('r-never', [])] }],
                },
              ],
              repositories: [{ id: 3002, name: 'top', hooks: [hook('top-down', ['internal error'], true)] }],
            },
          ],
        },
      },
    });
  });
  afterAll(async () => logs.close());

  it('fires exactly on the hooks whose newest logged delivery failed, repository hooks (codearts:repo/<id>) included', async () => {
    const planted = ((await (await fetch(`${logs.url}/_emulator/state`)).json()) as State).fleet.plantedFindings;
    expect(planted.map((f) => f.target).sort()).toEqual(['codearts:601', 'codearts:repo/3001', 'codearts:repo/3002']);
    const run = await runBin(['audit', `codearts:project/${project}/*`, '-o', 'json'], { env: emulatorEnv(logs.url) });
    expect(run.code, run.stderr).toBe(0);
    const found = JSON.parse(run.stdout) as JsonFinding[];
    expect(found.map(key).sort()).toEqual(planted.map(key).sort());
    expect(found.find((f) => f.target === 'codearts:repo/3001')?.message).toBe('deliveries fail (last delivery: 500; 1 of the last 2 deliveries failed)');
    // One log request per hook, repository hooks through the repository path.
    const logPaths = logs.server.requests.map((r) => new URL(r.url).pathname).filter((p) => p.endsWith('/logs'));
    expect(logPaths.filter((p) => p.startsWith('/v4/repositories/3001/hooks/'))).toHaveLength(3);
    expect(logPaths).toHaveLength(6);
  });
});

describe('export of a seeded fleet', () => {
  it('yaml is a hooks file with one entry per hook and secrets as placeholders; csv one row per hook', async () => {
    const some = targets.slice(0, 4);
    const total = some.reduce((n, t) => {
      const [provider, rest] = [t.slice(0, t.indexOf(':')), t.slice(t.indexOf(':') + 1)] as ['codeup' | 'codearts' | 'servicestage', string];
      return n + (state[provider][rest]?.length ?? 0);
    }, 0);
    const yaml = await runBin(['export', ...some], { env });
    expect(yaml.code, yaml.stderr).toBe(0);
    const doc = parseYaml(yaml.stdout) as { version: number; hooks: { target: string; secret?: string }[] };
    expect(doc.version).toBe(1);
    expect(doc.hooks).toHaveLength(total);
    for (const hook of doc.hooks) if (hook.secret !== undefined) expect(hook.secret).toMatch(/^\$\{env:HOOK_SECRET_[0-9A-F]{12}\}$/);
    expect(yaml.stdout).not.toMatch(/fleet-secret-|fleet-pass-/);
    const csv = await runBin(['export', ...some, '-o', 'csv'], { env });
    const rows = parseCsv(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.secret))).toEqual(new Set(['set', 'none']));
  });
});
