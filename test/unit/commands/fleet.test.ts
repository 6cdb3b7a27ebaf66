/** Fleet runs of the commands, in process with fake providers: streaming, dedupe, progress, --resolve. */
import { describe, expect, it } from 'vitest';
import type { Hook } from '../../../src/model/hook.js';
import { Secret } from '../../../src/model/secret.js';
import type { Target } from '../../../src/model/target.js';
import type { Provider } from '../../../src/providers/types.js';
import { runMain } from '../../helpers/cli.js';
import { fakeProvider } from '../../helpers/fake-provider.js';

const hook = (id: string, url: string, extra: Partial<Hook> = {}): Hook => ({ id, url, events: ['push'], secret: new Secret(''), ...extra });

/** Codeup with `codeup:acme/*` = projects 1..3; discovery of project 3 waits for `release`. */
function codeupFleet(gate?: Promise<void>): Provider {
  const provider = fakeProvider('codeup', {
    hooks: {
      'codeup:acme/1': [hook('11', 'https://a.example.com/1', { sslVerify: false })],
      'codeup:acme/2': [hook('21', 'http://b.example.com/2')],
      'codeup:acme/3': [hook('31', 'https://hooks.internal.example/3', { secret: undefined })],
    },
  });
  return Object.assign(provider, {
    async *expand(): AsyncIterable<Target> {
      yield { provider: 'codeup', organizationId: 'acme', projectId: '1' };
      yield { provider: 'codeup', organizationId: 'acme', projectId: '2' };
      await gate;
      yield { provider: 'codeup', organizationId: 'acme', projectId: '3' };
    },
  });
}

describe('hooks list over a pattern', () => {
  it('prints the first hooks before discovery finishes (piped TSV), then the rest; a repeated target once', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let out = '';
    let beforeRelease = '';
    const stdout = {
      isTTY: false,
      write: (text: string) => {
        out += text;
        // Discovery of the third project goes on only once the first target's line is out.
        if (out.includes('codeup:acme/1\t')) {
          beforeRelease ||= out;
          release();
        }
      },
    };
    const provider = codeupFleet(gate);
    const run = await runMain(['hooks', 'list', 'codeup:acme/*', 'codeup:acme/1', '--concurrency', '1'], { deps: { provider: () => provider, stdout } });
    expect(run.code, run.stderr).toBe(0);
    expect(beforeRelease).toMatch(/^codeup:acme\/1\t11\thttps:\/\/a\.example\.com\/1\tpush\t\tfalse\tset\n$/);
    expect(
      out
        .trimEnd()
        .split('\n')
        .map((line) => line.split('\t')[0]),
    ).toEqual(['codeup:acme/1', 'codeup:acme/2', 'codeup:acme/3']);
    expect(out).toMatch(/^codeup:acme\/3\t31\t.*\tnone$/m);
    expect(run.stderr).toMatch(/^3 targets, 3 hooks in \d+\.\d s/m);
  });

  it('on a terminal: a progress line on stderr, replaced by the summary', async () => {
    const provider = codeupFleet();
    const run = await runMain(['hooks', 'list', 'codeup:acme/*'], { tty: true, env: { NO_COLOR: '1' }, deps: { provider: () => provider } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('\r\u001b[2Ktargets ');
    expect(run.stderr).toMatch(/\r\u001b\[2K3 targets, 3 hooks in \d+\.\d s \(\d+\.\d targets\/s\)\n$/);
  });

  it('a provider without discovery: exit 2 and one line', async () => {
    const provider = fakeProvider('codearts', { label: 'CodeArts Repo' });
    const run = await runMain(['hooks', 'list', 'codearts:project/0123456789abcdef0123456789abcdef/repos'], { deps: { provider: () => provider } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: "codearts:project\/0123456789abcdef0123456789abcdef\/repos": patterns are not supported for CodeArts Repo\n/);
  });

  it('json keeps the order the targets were given in, however the requests race', async () => {
    // The first target answers last: completion order would put it at the end.
    let releaseFirst: () => void = () => {};
    const firstDone = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const provider = codeupFleet();
    const list = provider.list.bind(provider);
    Object.assign(provider, {
      async *list(target: Target) {
        if (target.provider === 'codeup' && (target as { projectId?: string }).projectId === '1') await firstDone;
        else setTimeout(releaseFirst, 0);
        yield* list(target);
      },
    });
    const run = await runMain(['hooks', 'list', 'codeup:acme/1', 'codeup:acme/2', 'codeup:acme/3', '--concurrency', '3', '--json'], {
      deps: { provider: () => provider },
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).map((row: { target: string }) => row.target)).toEqual(['codeup:acme/1', 'codeup:acme/2', 'codeup:acme/3']);
  });
});

describe('audit', () => {
  it('--resolve judges host names by what the injected resolver answers, each name looked up once', async () => {
    const provider = codeupFleet();
    const asked: string[] = [];
    const resolveHost = async (name: string) => {
      asked.push(name);
      return name === 'hooks.internal.example' ? ['10.1.2.3'] : ['203.0.113.9'];
    };
    const run = await runMain(['audit', 'codeup:acme/*', '--resolve', '-o', 'json'], { deps: { provider: () => provider, resolveHost } });
    expect(run.code, run.stderr).toBe(0);
    const findings = JSON.parse(run.stdout) as { ruleId: string; target: string; message: string }[];
    expect(findings.map((f) => `${f.target} ${f.ruleId}`)).toEqual([
      'codeup:acme/2 insecure-url',
      'codeup:acme/1 tls-verify-disabled',
      'codeup:acme/3 no-secret',
      'codeup:acme/3 private-address',
    ]);
    expect(findings.at(-1)?.message).toBe('host hooks.internal.example resolves to 10.1.2.3: private network 10.0.0.0/8 (RFC 1918)');
    expect(asked.sort()).toEqual(['a.example.com', 'b.example.com', 'hooks.internal.example']);
    const without = await runMain(['audit', 'codeup:acme/*', '-o', 'json'], { deps: { provider: () => codeupFleet(), resolveHost } });
    expect((JSON.parse(without.stdout) as { ruleId: string }[]).some((f) => f.ruleId === 'private-address')).toBe(false);
  });

  it('-o csv on hooks list is refused; --fail-on takes low, medium or high only', async () => {
    const provider = codeupFleet();
    const csv = await runMain(['hooks', 'list', 'codeup:acme/1', '-o', 'csv'], { deps: { provider: () => provider } });
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/^error: --output csv: only audit, export and rotate write csv/);
    const info = await runMain(['audit', 'codeup:acme/1', '--fail-on', 'info'], { deps: { provider: () => provider } });
    expect(info.code).toBe(2);
    expect(info.stderr).toMatch(/--fail-on: must be one of low, medium, high/);
  });
});

describe('audit on a terminal', () => {
  it('groups findings by severity, most severe first, then the fix of each rule that fired', async () => {
    const run = await runMain(['audit', 'codeup:acme/*'], { tty: true, env: { NO_COLOR: '1' }, deps: { provider: () => codeupFleet() } });
    expect(run.code, run.stderr).toBe(0);
    const blocks = run.stdout.trimEnd().split('\n\n');
    expect(blocks.map((block) => block.split('\n')[0])).toEqual(['HIGH (1)', 'MEDIUM (2)', 'How to fix']);
    // TARGET leads: it is the column that becomes a heading line when the table is too narrow for it.
    expect(blocks[0]).toMatch(/^TARGET\s+RULE\s+HOOK\s+URL\s+MESSAGE$/m);
    expect(blocks[0]).toMatch(/^codeup:acme\/2\s+insecure-url\s+21\s+http:\/\/b\.example\.com\/2\s+the URL uses http/m);
    // One width for the whole table: every section has the same header line.
    expect(blocks[1]?.split('\n')[1]).toBe(blocks[0]?.split('\n')[1]);
    expect(blocks[2]).toContain('  tls-verify-disabled: Give the receiver a valid certificate');
    expect(run.stderr).toMatch(/3 targets, 3 hooks, 3 findings in /);
  });
});

describe('config keys for fleets', () => {
  it('a bad rateBudget or rules entry is a config error naming it (exit 2), before anything is sent', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'hookctl-fleet-config-'));
    for (const [text, field] of [
      ['rateBudget:\n  codeup: { burst: 0 }\n', /rateBudget\.codeup\.burst/],
      // The loader names the section; describeRulesConfigError (rules.no-secrets) is not wired into it yet.
      ['rules:\n  no-secrets: off\n', /rules: unknown rule; known rules: insecure-url/],
    ] as const) {
      const file = join(dir, 'config.yaml');
      writeFileSync(file, text);
      const provider = codeupFleet();
      const run = await runMain(['--config', file, 'audit', 'codeup:acme/1'], { deps: { provider: () => provider } });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(field);
    }
  });
});

describe('audit interrupted', () => {
  it('Ctrl-C on a terminal: the grouped table of the targets read is printed, then exit 130', async () => {
    const controller = new AbortController();
    const provider = fakeProvider('codeup', {
      hooks: {
        'codeup:acme/1': [hook('11', 'http://plain.example.com/1')],
        'codeup:acme/2': [hook('21', 'http://plain.example.com/2')],
      },
    });
    const list = provider.list.bind(provider);
    // Target 3 is being listed when Ctrl-C comes: it fails with the abort, as a real request would.
    provider.list = (target: Target) => {
      if (target.projectId !== '3') return list(target);
      return (async function* () {
        controller.abort();
        yield* [];
        throw new DOMException('aborted', 'AbortError');
      })();
    };
    const run = await runMain(['audit', 'codeup:acme/1', 'codeup:acme/2', 'codeup:acme/3', '--concurrency', '1'], {
      tty: true,
      env: { NO_COLOR: '1' },
      deps: { provider: () => provider, signal: controller.signal },
    });
    expect(run.code).toBe(130);
    expect(run.stdout).toContain('http://plain.example.com/1');
    expect(run.stdout).toContain('http://plain.example.com/2');
    expect(run.stdout).toContain('How to fix');
    expect(run.stderr).toContain('error: interrupted: 2 of 3 targets listed');
  });
});
