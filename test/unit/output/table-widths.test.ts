import { describe, expect, it } from 'vitest';
import { AUDIT_COLUMNS } from '../../../src/commands/audit.js';
import { DELIVERY_COLUMNS } from '../../../src/commands/hooks/deliveries.js';
import { Secret } from '../../../src/model/secret.js';
import { createIo } from '../../../src/output/io.js';
import { type HookRow, printHooks, printTable } from '../../../src/output/render.js';
import { displayWidth, truncateUrl } from '../../../src/output/table.js';
import { isoInZone, relativeTime, showTime } from '../../../src/output/time.js';

const NOW = new Date('2026-12-07T12:00:00Z');
const LONG_URL = `https://hooks.example.com/${'deep/'.repeat(34)}tail-42?x=1`;
const TARGETS = ['codeup:demo-org/100', 'codearts:77', 'servicestage:0123456789abcdef/ns/app'];

/** A terminal of `columns` cells (via COLUMNS), capturing stdout and stderr. */
function terminal(columns: number) {
  let out = '';
  let err = '';
  const io = createIo({
    stdout: { write: (s: string) => (out += s), isTTY: true, columns: 300 },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    env: { NO_COLOR: '1', COLUMNS: String(columns) },
    now: () => NOW,
    timeZone: 'Asia/Shanghai',
  });
  return { io, out: () => out, err: () => err };
}

const hooks: HookRow[] = [
  {
    target: TARGETS[0] as string,
    hook: { id: '10018', url: LONG_URL, events: ['push', 'tag_push'], secret: new Secret(''), sslVerify: false, createdAt: '2026-12-04T10:00:00+08:00' },
  },
  { target: TARGETS[0] as string, hook: { id: '10019', url: LONG_URL.replace('tail-42', 'tail-43'), events: ['push'], sslVerify: true } },
  {
    target: TARGETS[1] as string,
    hook: {
      id: '20021',
      url: 'https://ci.example.com/部署/通知',
      name: '张三的钩子🚀'.repeat(12),
      events: ['push', 'merge_request', 'note'],
      secret: new Secret(''),
    },
  },
  { target: TARGETS[2] as string, hook: { id: '30012', url: 'http://ci.example.com/👍🏽/servicestage', events: ['push'], secret: new Secret('') } },
];

function expectFits(text: string, width: number) {
  for (const line of text.trimEnd().split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
}

describe.each([60, 80, 120, 200])('tables at %i columns', (width) => {
  it('hooks list: no line longer than the width; every target and id whole; two URLs on one host stay apart', async () => {
    const t = terminal(width);
    await printHooks(t.io, 'table', hooks);
    expectFits(t.out(), width);
    for (const target of TARGETS) expect(t.out()).toContain(target);
    for (const { hook } of hooks) expect(t.out()).toMatch(new RegExp(`(^|\\s)${hook.id}(\\s|$)`, 'm'));
    expect(t.out()).toContain('tail-42?x=1');
    expect(t.out()).toContain('tail-43?x=1');
    // Secret and TLS state as words, not colour: set/none, on/off.
    expect(t.out()).toMatch(/\bset\b/);
    expect(t.out()).toMatch(/\bnone\b/);
    expect(t.out()).toMatch(/\boff\b/);
  });

  it('audit: every severity section has the same header (one width), rules and hooks whole', async () => {
    const t = terminal(width);
    const row = (target: string, rule: string, hook: string, url: string, message: string) => [target, rule, hook, url, message];
    await printTable(t.io, AUDIT_COLUMNS, [
      { title: 'HIGH (2)', rows: [row(TARGETS[0] as string, 'credentials-in-url', '10018', LONG_URL, 'the URL carries a credential 密码')] },
      { title: 'LOW (1)', rows: [row(TARGETS[2] as string, 'duplicate-url', '30012', 'https://x.example.com/😀', 'same URL as hook 30013 '.repeat(8))] },
    ]);
    expectFits(t.out(), width);
    const headers = t
      .out()
      .split('\n')
      .filter((line) => line.startsWith('RULE') || line.startsWith('TARGET'));
    expect(headers).toHaveLength(2);
    expect(headers[0]).toBe(headers[1]);
    for (const id of ['credentials-in-url', 'duplicate-url', '10018', '30012', ...[TARGETS[0], TARGETS[2]]]) expect(t.out()).toContain(id);
  });

  it('deliveries: the log id is whole, no line longer than the width', async () => {
    const t = terminal(width);
    const uuid = 'c79f9eac-2880-4ca4-ad09-d89ee43ffb7d';
    await printTable(t.io, DELIVERY_COLUMNS, [
      { rows: [['40001', t.io.time('2026-12-07T11:00:00+08:00'), 'internal error', '19 ms', '推送 push 🚀'.repeat(10), uuid]] },
    ]);
    expectFits(t.out(), width);
    expect(t.out()).toMatch(/^40001 /m);
  });

  it('auth status (plain headers): fits', async () => {
    const t = terminal(width);
    await printTable(
      t.io,
      ['PROVIDER', 'MODE', 'CREDENTIAL', 'VALUE', 'SOURCE'],
      [{ rows: [['codearts', 'ak/sk', 'HUAWEICLOUD_SDK_AK', 'AKID…1234', `profile ${'测试'.repeat(60)}`]] }],
    );
    expectFits(t.out(), width);
  });
});

describe('fitting', () => {
  it('drops the least important columns rather than wrap, and says which on stderr', async () => {
    const t = terminal(40);
    await printHooks(t.io, 'table', hooks.slice(0, 1));
    expectFits(t.out(), 40);
    expect(t.out()).toContain('10018');
    expect(t.err()).toMatch(/^note: .*CREATED.* hidden to fit 40 columns/);
  });

  it('a target wider than the table goes to a heading line above its rows instead of being cut', async () => {
    const t = terminal(60);
    const long = 'servicestage:0123456789abcdef0123456789abcdef/fleet-ns/svc-0001';
    await printHooks(t.io, 'table', [...hooks.slice(0, 1), { target: long, hook: { id: '30001', url: 'https://a.example.com/h', events: ['push'] } }]);
    expect(t.out().split('\n')).toContain(long);
    expect(t.out()).not.toMatch(/servicest…/);
  });

  it('COLUMNS beats the terminal width; a terminal that gives none gets 80', () => {
    const make = (env: Record<string, string>, columns?: number) =>
      createIo({ stdout: { write: () => {}, isTTY: true, columns }, stderr: { write: () => {} }, env: { NO_COLOR: '1', ...env } }).stdoutColumns;
    expect(make({ COLUMNS: '64' }, 200)).toBe(64);
    expect(make({}, 200)).toBe(200);
    expect(make({})).toBe(80);
    expect(make({ COLUMNS: 'wide' }, 100)).toBe(100);
  });

  it('truncateUrl keeps the host and the tail, drops https:// first, keeps http://', () => {
    expect(truncateUrl(LONG_URL, 40)).toMatch(/^hooks\.example\.com.*….*tail-42\?x=1$/);
    expect(displayWidth(truncateUrl(LONG_URL, 40))).toBeLessThanOrEqual(40);
    expect(truncateUrl(`http://h.example.com/${'x'.repeat(100)}/end`, 30)).toMatch(/^http:\/\/h\.exampl.*…x*\/end$/);
    expect(truncateUrl('https://a.example.com/b', 30)).toBe('https://a.example.com/b');
  });
});

describe('times', () => {
  it('relative on a terminal, ISO 8601 with the user offset piped, zoneless times as given', () => {
    expect(relativeTime(new Date('2026-12-04T12:00:00Z'), NOW)).toBe('3 days ago');
    expect(relativeTime(new Date('2026-12-07T11:55:00Z'), NOW)).toBe('5 minutes ago');
    expect(isoInZone(new Date('2026-12-04T02:00:00Z'), 'Europe/Berlin')).toBe('2026-12-04T03:00:00+01:00');
    expect(isoInZone(new Date('2026-12-04T02:00:00Z'), 'UTC')).toBe('2026-12-04T02:00:00+00:00');
    const opts = { now: () => NOW, timeZone: 'Europe/Berlin' };
    expect(showTime('2026-12-04T20:00:00+08:00', true, opts)).toBe('3 days ago');
    expect(showTime('2026-12-04T20:00:00+08:00', false, opts)).toBe('2026-12-04T13:00:00+01:00');
    expect(showTime('2022-03-18 14:24:54', false, opts)).toBe('2022-03-18 14:24:54');
  });
});
