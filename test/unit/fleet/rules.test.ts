import { describe, expect, it } from 'vitest';
import { deliveryStatusFromLog } from '../../../src/fleet/delivery.js';
import {
  type AuditHook,
  type AuditOptions,
  type AuditTarget,
  auditTarget,
  cachedResolver,
  compareFindings,
  countBySeverity,
  declaredIdentities,
  type Finding,
  RULE_IDS,
  RULES,
  type RuleId,
  severityAtLeast,
} from '../../../src/fleet/rules.js';
import type { Hook } from '../../../src/model/hook.js';
import { Secret } from '../../../src/model/secret.js';
import type { ProviderId } from '../../../src/model/target.js';
import { codeupDeliveryStatus } from '../../../src/providers/codeup/delivery.js';

/** A hook that trips nothing: https, verified, a secret, a narrow branch filter. */
const clean = (over: Partial<Hook> = {}): Hook => ({
  id: '1',
  url: 'https://ci.example.com/hook',
  events: ['push'],
  branchFilter: '^main$',
  secret: new Secret(''),
  sslVerify: true,
  ...over,
});

const TARGET = 'codeup:org/101';

function target(hooks: (Hook | AuditHook)[], provider: ProviderId = 'codeup', extra: Partial<AuditTarget> = {}): AuditTarget {
  return { target: TARGET, provider, hooks: hooks.map((h) => ('hook' in h ? h : { hook: h })), ...extra };
}

const ruleIds = (findings: Finding[]) => findings.map((f) => f.ruleId);

interface Case {
  rule: RuleId;
  /** A target where the rule fires exactly once, on hook `bad`. */
  fires: () => AuditTarget;
  options?: AuditOptions;
  /** The same situation made clean: the rule stays silent. */
  quiet: () => AuditTarget;
  message: RegExp;
}

const DECLARED = declaredIdentities([{ target: TARGET, url: 'https://ci.example.com/hook' }]);

const CASES: Case[] = [
  {
    rule: 'insecure-url',
    fires: () => target([clean({ id: 'bad', url: 'http://ci.example.com/hook', sslVerify: undefined })]),
    quiet: () => target([clean()]),
    message: /uses http:\/\//,
  },
  {
    rule: 'tls-verify-disabled',
    fires: () => target([clean({ id: 'bad', sslVerify: false })]),
    quiet: () => target([clean({ sslVerify: true }), clean({ id: '2', url: 'https://b.example.com/', sslVerify: undefined })]),
    message: /TLS certificate verification is off/,
  },
  {
    rule: 'no-secret',
    fires: () => target([clean({ id: 'bad', secret: undefined })], 'codearts'),
    quiet: () => target([clean()], 'codearts'),
    message: /no secret is set/,
  },
  {
    rule: 'duplicate-url',
    // Same URL once the parser normalizes it: host case, default port, fragment.
    fires: () => target([clean({ id: 'first' }), clean({ id: 'bad', url: 'https://CI.example.com:443/hook#x' })]),
    quiet: () => target([clean({ id: 'first' }), clean({ id: '2', url: 'https://ci.example.com/hook/' })]),
    message: /same URL as hook first/,
  },
  {
    rule: 'private-address',
    fires: () => target([clean({ id: 'bad', url: 'https://10.1.2.3/hook' })]),
    quiet: () => target([clean({ url: 'https://8.8.8.8/hook' })]),
    message: /host 10\.1\.2\.3: private network 10\.0\.0\.0\/8/,
  },
  {
    rule: 'credentials-in-url',
    fires: () => target([clean({ id: 'bad', url: 'https://bob:hunter22@ci.example.com/hook?access_token=abcd1234&x=1' })]),
    quiet: () => target([clean({ url: 'https://ci.example.com/hook?monkey=1&sortkey=2&token=' })]),
    message: /user:password@.*query parameters: access_token/,
  },
  {
    rule: 'delivery-failing',
    fires: () => target([{ hook: clean({ id: 'bad' }), delivery: codeupDeliveryStatus('error') }]),
    quiet: () => target([{ hook: clean(), delivery: codeupDeliveryStatus('ok') }, { hook: clean({ id: '2', url: 'https://b.example.com/' }) }]),
    message: /last test result: error/,
  },
  {
    rule: 'all-branches',
    fires: () => target([clean({ id: 'bad', branchFilter: '.*' })], 'codearts'),
    // Tag pushes only: the branch filter does not apply; and a real filter.
    quiet: () =>
      target([clean({ branchFilter: 'release/.*' }), clean({ id: '2', url: 'https://b.example.com/', events: ['tag_push'], branchFilter: '.*' })], 'codearts'),
    message: /every branch \(branch filter \.\*\)/,
  },
  {
    rule: 'unmanaged',
    fires: () => target([clean(), clean({ id: 'bad', url: 'https://other.example.com/' })]),
    options: { declared: DECLARED },
    quiet: () => target([clean()]),
    message: /not declared in the hooks file/,
  },
];

describe('audit rules', () => {
  it('has a case for every rule, and every rule has an id, a severity, a title and a fix', () => {
    expect(CASES.map((c) => c.rule).sort()).toEqual([...RULE_IDS].sort());
    for (const rule of RULES) {
      expect(rule.title.length, rule.id).toBeGreaterThan(5);
      expect(rule.fix, rule.id).toMatch(/^[A-Z].*\.$/);
      expect(rule.fix, rule.id).not.toMatch(/\n/);
    }
  });

  for (const c of CASES) {
    it(`${c.rule} fires on the crafted hook and only there`, async () => {
      const findings = await auditTarget(c.fires(), c.options ?? {});
      expect(findings.map((f) => `${f.ruleId}@${f.hookId}`)).toEqual([`${c.rule}@bad`]);
      const [finding] = findings as [Finding];
      expect(finding.target).toBe(TARGET);
      expect(finding.severity).toBe(RULES.find((r) => r.id === c.rule)?.severity);
      expect(finding.message).toMatch(c.message);
      expect(finding.fix).toBe(RULES.find((r) => r.id === c.rule)?.fix);
    });

    it(`${c.rule} stays silent on the clean version`, async () => {
      expect(ruleIds(await auditTarget(c.quiet(), c.options ?? {}))).toEqual([]);
    });
  }

  it('a hook can trip several rules; findings come in hook order, then rule order', async () => {
    const findings = await auditTarget(
      target([clean({ id: 'a' }), clean({ id: 'b', url: 'http://u:p4ss@127.0.0.1/h', sslVerify: false, secret: undefined, branchFilter: '.*' })]),
    );
    expect(ruleIds(findings)).toEqual(['insecure-url', 'tls-verify-disabled', 'no-secret', 'private-address', 'credentials-in-url', 'all-branches']);
    expect(countBySeverity(findings)).toEqual({ info: 1, low: 0, medium: 3, high: 2 });
    expect(findings[1]?.message).toMatch(/takes effect once the URL moves to https/);
  });

  it('never puts a URL password or a token value in a finding; the url is masked and the caller redaction applied', async () => {
    const url = 'https://deploy:S3cretPassw0rd@ci.example.com/hook?sig=abcdef123456&team=ops#frag';
    const findings = await auditTarget(target([clean({ id: 'x', url, secret: undefined }), clean({ id: 'y', url })]), {
      redact: (text) => text.replaceAll('ops', '******'),
    });
    expect(findings.length).toBeGreaterThan(2);
    for (const finding of findings) {
      const text = JSON.stringify(finding);
      expect(text).not.toContain('S3cretPassw0rd');
      expect(text).not.toContain('abcdef123456');
      expect(finding.url).toBe('https://deploy:***@ci.example.com/hook?sig=***&team=******#frag');
    }
  });

  it('no-secret skips a target whose provider does not say whether a secret is set', async () => {
    const hooks = [clean({ secret: undefined })];
    expect(ruleIds(await auditTarget(target(hooks, 'codeup', { secretReported: false })))).toEqual([]);
    expect(ruleIds(await auditTarget(target(hooks, 'codeup', { secretReported: true })))).toEqual(['no-secret']);
  });

  it('unmanaged runs only with a hooks file, and matches on target + normalized URL', async () => {
    const hooks = [clean({ url: 'https://CI.example.com:443/hook' })];
    expect(ruleIds(await auditTarget(target(hooks)))).toEqual([]);
    expect(ruleIds(await auditTarget(target(hooks), { declared: DECLARED }))).toEqual([]);
    const elsewhere = { ...target(hooks), target: 'codeup:org/102' };
    expect(ruleIds(await auditTarget(elsewhere, { declared: DECLARED }))).toEqual(['unmanaged']);
  });

  it('duplicate-url reports every repeat after the first, naming the first', async () => {
    const findings = await auditTarget(target([clean({ id: 'a' }), clean({ id: 'b' }), clean({ id: 'c' })]));
    expect(findings.map((f) => `${f.hookId}: ${f.message}`)).toEqual(['b: same URL as hook a on this target', 'c: same URL as hook a on this target']);
  });

  it('delivery-failing reads a delivery log: fires when the latest delivery failed', async () => {
    const failing = deliveryStatusFromLog([
      { status: '200', ok: true, time: '2026-11-30T10:00:00Z' },
      { status: 'internal error', ok: false, time: '2026-11-30T11:00:00Z' },
    ]);
    const recovered = deliveryStatusFromLog([
      { status: '500', ok: false, time: '2026-11-30 10:00:00' },
      { status: '204', ok: true, time: '2026-11-30 11:00:00' },
    ]);
    const findings = await auditTarget(
      target(
        [
          { hook: clean({ id: 'a' }), delivery: failing },
          { hook: clean({ id: 'b', url: 'https://b.example.com/' }), delivery: recovered },
        ],
        'codearts',
      ),
    );
    expect(findings.map((f) => `${f.hookId}: ${f.message}`)).toEqual(['a: deliveries fail (last delivery: internal error; 1 of the last 2 deliveries failed)']);
    expect(deliveryStatusFromLog([]).state).toBe('unknown');
    // The newest outcome not known: no finding is made up.
    expect(
      deliveryStatusFromLog([
        { status: '', ok: undefined },
        { status: '500', ok: false },
      ]).state,
    ).toBe('unknown');
    // Undated entries follow the dated ones, in the order given (logs list newest first).
    expect(
      deliveryStatusFromLog([
        { status: '500', ok: false },
        { status: '200', ok: true, time: '2026-11-30T11:00:00Z' },
      ]).state,
    ).toBe('ok');
    expect(codeupDeliveryStatus('')).toBeUndefined();
    expect(codeupDeliveryStatus(null)).toBeUndefined();
  });

  it('private-address resolves names only when asked, through the injected resolver', async () => {
    const asked: string[] = [];
    const resolver = async (name: string) => {
      asked.push(name);
      if (name === 'gone.example.com') throw new Error('ENOTFOUND');
      return name === 'intranet.example.com' ? ['93.184.216.34', '::ffff:192.168.1.9'] : ['93.184.216.34'];
    };
    const hooks = target([
      clean({ id: 'in', url: 'https://intranet.example.com./hook' }),
      clean({ id: 'out', url: 'https://public.example.com/hook' }),
      clean({ id: 'gone', url: 'https://gone.example.com/hook' }),
      clean({ id: 'ip', url: 'https://9.9.9.9/hook' }),
    ]);
    expect(ruleIds(await auditTarget(hooks, { resolver }))).toEqual([]);
    expect(asked).toEqual([]);
    const findings = await auditTarget(hooks, { resolve: true, resolver });
    expect(findings.map((f) => `${f.hookId}: ${f.message}`)).toEqual([
      'in: host intranet.example.com resolves to ::ffff:192.168.1.9: private network 192.168.0.0/16 (RFC 1918), inside an IPv6 address',
    ]);
    expect(asked).toEqual(['intranet.example.com', 'public.example.com', 'gone.example.com']);
  });

  it('cachedResolver looks each name up once', async () => {
    let calls = 0;
    const resolver = cachedResolver(async () => {
      calls++;
      return ['10.0.0.1'];
    });
    const hooks = target([clean({ id: 'a', url: 'https://x.example.com/1' }), clean({ id: 'b', url: 'https://X.example.com/2' })]);
    expect(ruleIds(await auditTarget(hooks, { resolve: true, resolver }))).toEqual(['private-address', 'private-address']);
    expect(calls).toBe(1);
  });

  it('a URL that does not parse trips no URL rule and does not throw', async () => {
    expect(ruleIds(await auditTarget(target([clean({ url: 'not a url' })])))).toEqual([]);
  });
});

describe('severityAtLeast (--fail-on)', () => {
  it.each([
    ['low', ['low', 'medium', 'high']],
    ['medium', ['medium', 'high']],
    ['high', ['high']],
    ['info', ['info', 'low', 'medium', 'high']],
  ] as const)('--fail-on %s counts %j', (level, counted) => {
    const at = severityAtLeast(level);
    expect((['info', 'low', 'medium', 'high'] as const).filter(at)).toEqual(counted);
  });
});

describe('compareFindings', () => {
  it('orders most severe first, then target, hook, rule', () => {
    const f = (severity: Finding['severity'], target: string, hookId: string, ruleId: RuleId): Finding => ({
      severity,
      target,
      hookId,
      ruleId,
      url: '',
      message: '',
      fix: '',
    });
    const sorted = [
      f('low', 'a', '1', 'unmanaged'),
      f('high', 'b', '1', 'insecure-url'),
      f('low', 'a', '1', 'duplicate-url'),
      f('high', 'a', '2', 'credentials-in-url'),
    ].sort(compareFindings);
    expect(sorted.map((x) => `${x.severity} ${x.target} ${x.hookId} ${x.ruleId}`)).toEqual([
      'high a 2 credentials-in-url',
      'high b 1 insecure-url',
      'low a 1 duplicate-url',
      'low a 1 unmanaged',
    ]);
  });
});
