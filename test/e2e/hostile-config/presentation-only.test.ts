/**
 * An untrusted project config is presentation only: it may set output, timeout, retries and
 * defaultProfile. Audit rules, response and rate limits planted by the repository are dropped
 * with one warning line (the run goes on), and take effect once the file is trusted.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { lines, makeWorld } from './world.js';

const emulator = useEmulator();

/** Turns the high finding off, and asks for the largest responses and no rate limit. */
const PLANTED = 'output: json\nrules:\n  insecure-url: off\nmaxResponseMiB: 1024\nrateBudget:\n  codeup: { ratePerSecond: 0 }\n';

const warning = (file: string, why = 'is a project config that is not trusted') =>
  `warning: ${file}: rules, maxResponseMiB, rateBudget ignored: the file ${why}, and only a trusted file may set more than output, timeout, retries, defaultProfile; review it, then run hookctl config trust ${file}`;

describe('untrusted project config: rules, maxResponseMiB, rateBudget', () => {
  it('are ignored with one warning (audit --fail-on high still exits 11), and honoured once trusted', async () => {
    const world = makeWorld();
    const file = world.write(join(world.repo, '.hookctlrc.yaml'), PLANTED, 0o644);
    const env = emulator.env;
    // No config involved in the setup: --config names an empty file of the user's own.
    const empty = world.write(join(world.userDir, 'empty.yaml'), '');
    const created = await world.run(['--config', empty, 'hooks', 'create', 'codeup:ORG/100', '--url', 'http://insecure.example/h'], { env });
    expect(created.code).toBe(0);

    const audit = ['audit', 'codeup:ORG/100', '--fail-on', 'high'];
    const untrusted = await world.run(audit, { env });
    expect(lines(untrusted.stderr)).toEqual([warning(file)]);
    expect(untrusted.code).toBe(11);
    // output: json is presentation, and still applies.
    expect(JSON.parse(untrusted.stdout).map((f: { ruleId: string }) => f.ruleId)).toContain('insecure-url');

    expect((await world.run(['config', 'trust', file], { env })).code).toBe(0);
    const trusted = await world.run(audit, { env });
    expect(trusted.stderr).toBe('');
    expect(trusted.code).toBe(0);
    expect(JSON.parse(trusted.stdout).map((f: { ruleId: string }) => f.ruleId)).not.toContain('insecure-url');
  });

  it('a file with only presentation keys gets no warning', async () => {
    const world = makeWorld();
    world.write(join(world.repo, '.hookctlrc.yaml'), 'output: json\ntimeout: 20000\nretries: 1\n', 0o644);
    const out = await world.run(['hooks', 'list', 'codeup:ORG/100'], { env: emulator.env });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual([]);
  });
});
