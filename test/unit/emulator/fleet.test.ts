/** Fleets: determinism, the planted findings against an independent reading of the store, files, reset, scale. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { EMULATOR_CREDENTIALS as CREDS } from '../../../src/emulator/credentials.js';
import { describeFleet, type FleetSpec, generateFleet, PLANTED_PRIVATE_HOSTS, type PlantedFinding, readFleetFile } from '../../../src/emulator/fleet.js';
import { createEmulator } from '../../../src/emulator/handle.js';
import type { EmulatorSnapshot } from '../../../src/emulator/store.js';
import { bodyOf, huaweiRequest, testClock } from './requests.js';

const make = (size: number, seed: number) => createEmulator({ now: testClock().now, fleet: { size, seed } });

/**
 * The audit rules, re-read from the raw store with no help from the generator: what a correct
 * audit must find. Compared with the fleet's plantedFindings.
 */
function findingsInStore(s: EmulatorSnapshot): Set<string> {
  const out = new Set<string>();
  const privateHost = (url: string) => /^https?:\/\/(?:[^/@]*@)?(10\.|192\.168\.|127\.|169\.254\.|100\.100\.100\.200)/.test(url);
  const credentials = (url: string) => /^https?:\/\/[^/]*@/.test(url) || /[?&]token=/.test(url);
  const common = (target: string, id: string | number, url: string, earlier: string[]) => {
    const add = (rule: string) => out.add(`${target}|${id}|${rule}`);
    if (url.startsWith('http://')) add('insecure-url');
    if (privateHost(url)) add('private-address');
    if (credentials(url)) add('credentials-in-url');
    if (earlier.includes(url)) add('duplicate-url');
    return add;
  };
  for (const [scope, hooks] of Object.entries(s.codeup)) {
    hooks.forEach((h, i) => {
      const add = common(
        `codeup:${scope}`,
        h.id,
        h.url,
        hooks.slice(0, i).map((o) => o.url),
      );
      if (!h.enableSslVerification) add('tls-verify-disabled');
      if (h.secretToken === '') add('no-secret');
      if (h.lastTestResult === 'error') add('delivery-failing');
    });
  }
  for (const [scope, hooks] of Object.entries(s.codearts)) {
    hooks.forEach((h, i) => {
      const add = common(
        `codearts:${scope}`,
        h.id,
        h.url,
        hooks.slice(0, i).map((o) => o.url),
      );
      if (h.token === '') add('no-secret');
      const latest = s.codeartsLogs[String(h.id)]?.[0];
      if (latest && !/^2\d\d$/.test(latest.responseStatus)) add('delivery-failing');
      if (h.pushEvents && h.pushEventsBranchRegexFilter === '.*') add('all-branches');
    });
  }
  for (const [scope, hooks] of Object.entries(s.servicestage)) {
    hooks.forEach((h, i) => {
      common(
        `servicestage:${scope}`,
        h.id,
        h.url,
        hooks.slice(0, i).map((o) => o.url),
      );
    });
  }
  return out;
}

const key = (f: PlantedFinding) => `${f.target}|${f.hookId}|${f.ruleId}`;

describe('generated fleets', () => {
  it('are deterministic: the same size and seed give the same store and plan; another seed another mix', () => {
    const a = make(40, 5);
    const b = make(40, 5);
    expect(b.store.snapshot()).toEqual(a.store.snapshot());
    expect(b.fleet).toEqual(a.fleet);
    const c = make(40, 6);
    expect(c.fleet?.plantedFindings).not.toEqual(a.fleet?.plantedFindings);
  });

  it.each([1, 3, 25, 200])('plant exactly the findings the store holds (size %i), every rule, every private address', (size) => {
    const e = make(size, 9);
    const planted = e.fleet?.plantedFindings ?? [];
    expect(new Set(planted.map(key))).toEqual(findingsInStore(e.store.snapshot()));
    expect(planted.length).toBe(new Set(planted.map(key)).size);
    const rulesOf = (provider: string) => new Set(planted.filter((f) => f.provider === provider).map((f) => f.ruleId));
    expect([...rulesOf('codeup')].sort()).toEqual([
      'credentials-in-url',
      'delivery-failing',
      'duplicate-url',
      'insecure-url',
      'no-secret',
      'private-address',
      'tls-verify-disabled',
    ]);
    expect([...rulesOf('codearts')].sort()).toEqual([
      'all-branches',
      'credentials-in-url',
      'delivery-failing',
      'duplicate-url',
      'insecure-url',
      'no-secret',
      'private-address',
    ]);
    expect([...rulesOf('servicestage')].sort()).toEqual(['credentials-in-url', 'insecure-url', 'private-address']);
    const urls = JSON.stringify(e.store.snapshot());
    for (const host of PLANTED_PRIVATE_HOSTS) expect(urls).toContain(`https://${host}/`);
    // Clean hooks exist on every provider, and both CodeArts scopes carry findings.
    const s = e.store.snapshot();
    const hooks = [...Object.values(s.codeup).flat(), ...Object.values(s.codearts).flat(), ...Object.values(s.servicestage).flat()];
    expect(hooks.length).toBe(e.fleet?.summary.hooks);
    expect(planted.some((f) => f.target.startsWith('codearts:repo/'))).toBe(true);
    expect(planted.some((f) => /^codearts:\d+$/.test(f.target))).toBe(true);
  });

  it('uses the target syntax hookctl reads and names hooks that exist', () => {
    const e = make(4, 2);
    for (const f of e.fleet?.plantedFindings ?? []) {
      expect(f.target).toMatch(/^(codeup:fleet-org\/\d+|codearts:\d+|codearts:repo\/\d+|servicestage:[0-9a-f]{32}\/fleet-ns\/svc-\d{4})$/);
    }
    expect(describeFleet(e.fleet?.summary ?? ({} as never))).toMatch(
      /^fleet: 4 Codeup repositories, 5 CodeArts groups \+ 4 repositories, 4 ServiceStage projects; \d+ hooks, \d+ planted findings$/,
    );
  });

  it('GET /_emulator/state lists the repositories, hooks and the plan; reset loads the same fleet again', async () => {
    const e = make(3, 1);
    const before = await bodyOf(await e.handle(new Request('http://emulator.test/_emulator/state')));
    expect(before.fleet.plantedFindings).toEqual(e.fleet?.plantedFindings);
    expect(before.strict).toBe(true);
    expect(before.repositories.codeup['fleet-org'].map((r: { id: number }) => r.id)).toEqual([1001, 1002, 1003]);
    expect(before.repositories.servicestage[CREDS.huawei.project.id][0].projects).toHaveLength(3);
    // Change something, then reset through the control API.
    const group = e.store.snapshot().repositories.codearts.groups[0]?.id;
    const hookId = e.store.codearts.list(String(group))[0]?.id;
    expect((await e.handle(huaweiRequest('DELETE', `/v4/groups/${group}/hooks/${hookId}`))).status).toBe(204);
    await e.handle(new Request('http://emulator.test/_emulator/reset', { method: 'POST' }));
    const after = await bodyOf(await e.handle(new Request('http://emulator.test/_emulator/state')));
    expect(after).toEqual(before);
  });

  it('load 5,000 repositories per provider straight into the store', () => {
    const e = make(5000, 1);
    expect(e.fleet?.summary).toMatchObject({ codeupRepositories: 5000, codeartsRepositories: 5000, servicestageProjects: 5000, codeartsGroups: 5 });
    expect(e.fleet?.summary.hooks).toBeGreaterThan(10_000);
  });

  it('refuse a size outside 1..100000', () => {
    expect(() => generateFleet({ size: 0, iamProjectId: 'p' })).toThrow(/fleet size/);
  });
});

describe('fleet files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hookctl-fleet-'));
  const spec: FleetSpec = {
    codeup: [
      { organization: 'acme', repositories: [{ id: 5, name: 'api', hooks: [{ url: 'http://ci.example.com/h', secretToken: 's', plant: ['insecure-url'] }] }] },
    ],
    codearts: [{ project: 'ab'.repeat(16), name: 'p', groups: [{ id: 9, name: 'g', groups: [{ id: 10, name: 'sub' }] }] }],
    servicestage: [{ projectId: 'pid', namespaces: [{ name: 'ns', projects: [{ name: 'app', hooks: [{ url: 'https://x.example.com', secret: 's' }] }] }] }],
  };

  it.each([
    ['json', JSON.stringify(spec)],
    ['yaml', toYaml(spec)],
  ])('reads a %s file into the same fleet', (ext, text) => {
    const file = join(dir, `fleet.${ext}`);
    writeFileSync(file, text);
    const e = createEmulator({ now: testClock().now, fleet: { file } });
    expect(e.fleet?.plantedFindings).toEqual([{ provider: 'codeup', target: 'codeup:acme/5', hookId: '10001', ruleId: 'insecure-url' }]);
    expect(e.store.snapshot().repositories.codearts.groups.map((g) => [g.id, g.fullPath])).toEqual([
      [9, 'g'],
      [10, 'g/sub'],
    ]);
    expect(readFleetFile(file)).toEqual(spec);
  });

  it.each([
    ['{"codeup": [{"organization": "o", "repositories": [{"id": "x", "name": "a"}]}]}', /codeup\[0\]\.repositories\[0\]\.id/],
    ['{"codearts": [{"project": "nope", "name": "p"}]}', /codearts\[0\]\.project: must be a 32-character/],
    ['{"codeup": [{"organization": "o", "repositories": [{"id": 1, "name": "a"}, {"id": 1, "name": "b"}]}]}', /Codeup repository o\/1 appears twice/],
    ['{"codeup": [{"organization": "o", "repositories": [{"id": 1, "name": "a", "hooks": [{"url": "https://x", "plant": ["made-up"]}]}]}]}', /plant/],
    ['{"servicestage": [{"projectId": "p", "namespaces": [{"name": "n", "projects": [{"name": "a", "hooks": [{"url": "https://x"}]}]}]}]}', /secret/],
    ['key: [unclosed', /not valid JSON or YAML/],
  ])('refuses a bad file with one line naming the field: %s', (text, message) => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, text);
    expect(() => createEmulator({ fleet: { file } })).toThrow(message);
  });

  it('names a missing file', () => {
    expect(() => readFleetFile(join(dir, 'absent.yaml'))).toThrow(/absent\.yaml: cannot read the fleet file \(ENOENT\)/);
  });
});
