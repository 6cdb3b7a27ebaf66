import { describe, expect, it } from 'vitest';
import { auditTarget, RULES } from '../../../src/fleet/rules.js';
import { applyRulesConfig, describeRulesConfigError, fleetSettingsSchemas } from '../../../src/fleet/rules-config.js';

const { RulesConfigSchema } = fleetSettingsSchemas();

const parse = (input: unknown) => RulesConfigSchema.parse(input);

const errors = (input: unknown): string[] => {
  const result = RulesConfigSchema.safeParse(input);
  if (result.success) throw new Error('expected an error');
  return describeRulesConfigError(result.error);
};

/** A hook that trips insecure-url (high), no-secret (medium) and all-branches (info). */
const audit = (config: unknown) =>
  auditTarget(
    { target: 'codearts:9', provider: 'codearts', hooks: [{ hook: { id: '1', url: 'http://ci.example.com/', events: ['push'], branchFilter: '.*' } }] },
    { rules: applyRulesConfig(parse(config)) },
  );

describe('rules: section', () => {
  it('no section: every rule at its default severity', async () => {
    expect(applyRulesConfig(undefined)).toEqual(RULES);
    expect((await audit({})).map((f) => `${f.ruleId}=${f.severity}`)).toEqual(['insecure-url=high', 'no-secret=medium', 'all-branches=info']);
  });

  it('turns rules off, in either spelling', async () => {
    const findings = await audit({ 'all-branches': 'off', 'no-secret': { enabled: false } });
    expect(findings.map((f) => f.ruleId)).toEqual(['insecure-url']);
    expect(applyRulesConfig(parse({ 'all-branches': 'off' })).map((r) => r.id)).not.toContain('all-branches');
  });

  it('re-levels rules, in either spelling, without touching the defaults', async () => {
    const findings = await audit({ 'insecure-url': 'low', 'all-branches': { severity: 'high' }, 'no-secret': { enabled: true } });
    expect(findings.map((f) => `${f.ruleId}=${f.severity}`)).toEqual(['insecure-url=low', 'no-secret=medium', 'all-branches=high']);
    expect(RULES.find((r) => r.id === 'insecure-url')?.severity).toBe('high');
  });

  it('names an unknown rule and lists the known ones', () => {
    const [line, ...rest] = errors({ 'no-secrets': 'off', typo: 'high' });
    expect(line).toMatch(/^rules\.no-secrets: unknown rule; known rules: insecure-url, .*no-secret, .*unmanaged$/);
    expect(rest).toEqual([expect.stringMatching(/^rules\.typo: unknown rule/)]);
  });

  it('names the rule whose setting is not valid', () => {
    expect(errors({ 'no-secret': 'critical' })).toEqual(['rules.no-secret: must be "off", a severity (info, low, medium, high) or { enabled, severity }']);
    expect(errors({ 'no-secret': { severity: 'urgent' } })[0]).toMatch(/^rules\.no-secret: must be/);
    expect(errors({ 'no-secret': { enabled: false, extra: 1 } })).toEqual(['rules.no-secret.extra: Unrecognized key: "extra"']);
    expect(errors(['no-secret'])).toEqual(['rules: must map rule ids to "off", a severity or { enabled, severity }']);
  });
});
