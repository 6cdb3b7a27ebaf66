/**
 * Every fault against every hooks command on every provider, in process: the exit code, the
 * message, the emulator's final state (no duplicate, nothing half-written) and the number of
 * attempts the emulator saw. Each fault aims at the command's own request (primaryMethod).
 */
import { describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as C } from '../../src/emulator/credentials.js';
import { maxBackoffTotalMs } from '../../src/http/retry.js';
import {
  argvFor,
  COMMANDS,
  type Command,
  HOOK_SECRET,
  MOVED_URL,
  NEW_URL,
  PROVIDERS,
  type ProviderCase,
  primaryMethod,
  SEED_URL,
  useFaultRig,
} from './harness.js';

interface Expected {
  code: number;
  attempts: number;
  urls: string[];
  stderr?: RegExp;
}

type FaultName = '503x2' | '429' | 'reset-before' | 'reset-after' | 'bad-json' | 'wrong-shape' | 'html' | '503-persistent';

const SPECS: Record<FaultName, string> = {
  '503x2': '503:times=2',
  '429': '429:retry-after=1',
  'reset-before': 'reset-before',
  'reset-after': 'reset-after',
  'bad-json': 'bad-json',
  'wrong-shape': 'wrong-shape',
  html: 'html',
  '503-persistent': '503:times=all',
};

const DONE: Record<Command, string[]> = { create: [SEED_URL, NEW_URL], list: [SEED_URL], get: [SEED_URL], update: [MOVED_URL], delete: [] };

function unreadable(fault: 'bad-json' | 'wrong-shape' | 'html', p: ProviderCase): RegExp {
  const what = fault === 'wrong-shape' ? 'with an unexpected body: .*' : 'with a body that is not JSON ';
  return new RegExp(`${p.label.replace(/[()]/g, '\\$&')} answered HTTP 200 ${what}\\(request id [\\w-]+\\)`);
}

/** What a user must see for this fault on this command and provider. */
function expected(fault: FaultName, command: Command, p: ProviderCase): Expected {
  const method = primaryMethod(command, p);
  const before = [SEED_URL];
  // A create that may have reached the provider (a 5xx, a reset after it was sent, an HTML page) is
  // never resent: the hook is looked for over the settle period, and the outcome is unknown.
  if (method === 'POST' && (fault === '503x2' || fault === 'reset-before' || fault === 'html' || fault === '503-persistent')) {
    // ServiceStage replaces delete-first: its old hook is gone, and the error says so. Codeup v3 creates
    // the replacement first, so its old hook stays and the outcome of the create is what is unknown.
    if (command === 'update' && p.replace && p.name !== 'codeup')
      return { code: 1, attempts: 1, urls: [], stderr: /was deleted, but creating its replacement failed: outcome unknown/ };
    // Codeup v3's replace stops before its delete; the old hook (same id) is not taken for the new one.
    if (command === 'update' && p.replace)
      return {
        code: 6,
        attempts: 1,
        urls: before,
        stderr:
          /"message":"Codeup \(OpenAPI v3\): replacing hook (\d+) stopped before its delete: outcome unknown: the create request failed .* no hook with this URL \(other than hook \1\) appeared within 6 s","hint":"hook \1 is untouched; run `hookctl hooks list codeup:ORG\/100`/,
      };
    return {
      code: 6,
      attempts: 1,
      urls: before,
      stderr: /"message":"outcome unknown: the create request failed .* no hook with this URL appeared within 6 s","hint":".*--if-not-exists/,
    };
  }
  switch (fault) {
    case '503x2':
      return { code: 0, attempts: 3, urls: DONE[command] };
    case '429':
      return { code: 0, attempts: 2, urls: DONE[command] };
    case 'reset-before':
      return { code: 0, attempts: 2, urls: DONE[command] };
    case 'reset-after':
      if (method === 'POST') return { code: 0, attempts: 1, urls: DONE[command], stderr: /now exists: reporting it as created/ };
      return { code: 0, attempts: 2, urls: DONE[command], stderr: method === 'DELETE' ? /the hook is gone: reporting it as deleted/ : undefined };
    case 'bad-json':
    case 'wrong-shape':
      // The write happened; only its answer is spoiled.
      if (method === 'POST') return { code: 0, attempts: 1, urls: DONE[command], stderr: /now exists: reporting it as created/ };
      if (method === 'DELETE' && !p.deleteReadsBody) return { code: 0, attempts: 1, urls: [] };
      return { code: 1, attempts: 1, urls: method === 'GET' ? before : DONE[command], stderr: unreadable(fault, p) };
    case 'html':
      // A proxy answered; the provider never saw the request. Codeup v3 replaces create-first, so
      // a failed create leaves the old hook; ServiceStage deletes first.
      if (command === 'update' && p.replace && p.name !== 'codeup')
        return { code: 1, attempts: 1, urls: [], stderr: /was deleted, but creating its replacement failed/ };
      return { code: 1, attempts: 1, urls: before, stderr: unreadable('html', p) };
    case '503-persistent':
      if (command === 'update' && p.replace && p.name !== 'codeup')
        return { code: 1, attempts: 4, urls: [], stderr: /was deleted, but creating its replacement failed: .*HTTP 503/ };
      return { code: 1, attempts: 4, urls: before, stderr: /answered HTTP 503/ };
  }
}

const rig = useFaultRig();
const SECRETS = [HOOK_SECRET, C.alibaba.accessKeySecret, C.codeupToken, C.huawei.iamToken];

describe.each(PROVIDERS)('faults on $name', (p) => {
  for (const fault of Object.keys(SPECS) as FaultName[]) {
    for (const command of COMMANDS) {
      const method = primaryMethod(command, p);
      it(`${fault} on ${command} (${method})`, async () => {
        const id = await rig.seed(p);
        rig.faults(`${SPECS[fault]},method=${method}`);
        const out = await rig.run(argvFor(command, p, id));
        const want = expected(fault, command, p);
        expect({ code: out.code, attempts: out.attempts(method) }, out.stderr).toEqual({ code: want.code, attempts: want.attempts });
        expect(p.urls(rig.emu().emulator.store).sort()).toEqual([...want.urls].sort());
        if (want.stderr) expect(out.stderr).toMatch(want.stderr);
        if (want.code === 0 && command !== 'delete') expect(out.stdout).not.toBe('');
        for (const secret of SECRETS) expect(out.stdout + out.stderr).not.toContain(secret);
        if (process.env.FAULT_SUITE_SHOW) console.log(`${p.name} ${fault} ${command} → ${out.code}\n${out.stderr}`);
        if (fault === '429') expect(out.sleeps).toContain(1000);
        if (fault === '503-persistent' && method !== 'POST') expect(out.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(maxBackoffTotalMs(3));
      });
    }
  }
});
