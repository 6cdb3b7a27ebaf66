import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvModule from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { auditTarget, type Finding, RULES } from '../../../src/fleet/rules.js';
import { applyRulesConfig } from '../../../src/fleet/rules-config.js';
import { findingFingerprint, hookUri, sarifLevel, toSarif } from '../../../src/output/sarif.js';
import { codeupDeliveryStatus } from '../../../src/providers/codeup/delivery.js';

// The SARIF 2.1.0 JSON schema (OASIS, draft-04) as shipped by @microsoft/jest-sarif.
const schemaPath = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;

// A CommonJS module: its class is module.exports, which TypeScript sees as the namespace's default.
const Ajv = AjvModule.default;
// unicodeRegExp off: one language pattern in the schema ("…{2}]?$") is valid only without the u flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
// The three formats the schema uses, checked rather than ignored.
ajv.addFormat('uri', /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/);
ajv.addFormat('uri-reference', /^[^\s]*$/);
ajv.addFormat('date-time', (text: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text)));
const validate = ajv.compile(schema);

const valid = (log: unknown): boolean => {
  const ok = validate(log) as boolean;
  if (!ok) console.error(JSON.stringify(validate.errors, null, 2));
  return ok;
};

async function seededFindings(): Promise<Finding[]> {
  const codeup = await auditTarget({
    target: 'codeup:org-1/101',
    provider: 'codeup',
    hooks: [
      {
        hook: { id: '7', url: 'http://deploy:Hunter2Secret@10.0.0.5/hook?token=abc123', events: ['push'], sslVerify: false },
        delivery: codeupDeliveryStatus('error'),
      },
      { hook: { id: '8', url: 'http://10.0.0.5/hook', events: ['push'] } },
    ],
  });
  const servicestage = await auditTarget({
    target: 'servicestage:proj/ns/group/my repo',
    provider: 'servicestage',
    hooks: [{ hook: { id: 'a b', url: 'https://localhost/x', events: ['push'] } }],
  });
  const codearts = await auditTarget(
    { target: 'codearts:55', provider: 'codearts', hooks: [{ hook: { id: '1', url: 'https://ci.example.com/', events: ['push'], branchFilter: '.*' } }] },
    { declared: new Set() },
  );
  return [...codeup, ...servicestage, ...codearts];
}

describe('SARIF 2.1.0', () => {
  it('the log for findings of every kind validates against the official schema', async () => {
    const findings = await seededFindings();
    expect(new Set(findings.map((f) => f.ruleId)).size).toBeGreaterThanOrEqual(8);
    const log = toSarif(findings, { version: '0.1.0', rules: RULES });
    expect(valid(log)).toBe(true);
    expect(valid(toSarif([], { version: '0.1.0', rules: RULES }))).toBe(true);
  });

  it('the validator does catch a broken log', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
    const log = toSarif(
      [{ ruleId: 'no-secret', severity: 'medium', target: 'codearts:1', hookId: '2', url: 'https://x.example.com/', message: 'm', fix: 'f' }],
      {
        version: '0.1.0',
        rules: RULES,
      },
    ) as { runs: { results: Record<string, unknown>[] }[] };
    expect(validate(log)).toBe(true);
    (log.runs[0]?.results[0] as Record<string, unknown>).level = 'critical';
    expect(validate(log)).toBe(false);
  });

  it('driver: hookctl, version, every rule with its title, fix and level', () => {
    const log = toSarif([], { version: '1.2.3', rules: RULES }) as { runs: { tool: { driver: Record<string, unknown> } }[] };
    const driver = log.runs[0]?.tool.driver as { name: string; version: string; rules: Record<string, unknown>[] };
    expect(driver.name).toBe('hookctl');
    expect(driver.version).toBe('1.2.3');
    expect(driver.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    const insecure = driver.rules[0] as { shortDescription: { text: string }; help: { text: string }; defaultConfiguration: { level: string } };
    expect(insecure.shortDescription.text).toBe('Hook URL uses plain http');
    expect(insecure.help.text).toBe(RULES[0]?.fix);
    expect(driver.rules.map((r) => (r as { defaultConfiguration: { level: string } }).defaultConfiguration.level)).toEqual(
      RULES.map((r) => ({ high: 'error', medium: 'warning', low: 'note', info: 'note' })[r.severity]),
    );
  });

  it('maps severities to levels', () => {
    expect([sarifLevel('high'), sarifLevel('medium'), sarifLevel('low'), sarifLevel('info')]).toEqual(['error', 'warning', 'note', 'note']);
  });

  it('results: rule, level of the (re-levelled) finding, a location naming target + hook, no secret', async () => {
    const rules = applyRulesConfig({ 'insecure-url': 'low', 'all-branches': 'off' });
    const findings = await auditTarget(
      {
        target: 'codeup:org-1/101',
        provider: 'codeup',
        hooks: [{ hook: { id: '7', url: 'http://u:Hunter2Secret@ci.example.com/?sig=zz9', events: ['push'] } }],
      },
      { rules },
    );
    const log = toSarif(findings, { version: '0.1.0', rules });
    expect(valid(log)).toBe(true);
    const text = JSON.stringify(log);
    expect(text).not.toContain('Hunter2Secret');
    expect(text).not.toContain('zz9');
    const results = (log as { runs: { results: Record<string, unknown>[] }[] }).runs[0]?.results ?? [];
    const first = results[0] as {
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string } }; logicalLocations: { fullyQualifiedName: string }[] }[];
    };
    expect(first.ruleId).toBe('insecure-url');
    expect(first.level).toBe('note');
    expect(rules[first.ruleIndex]?.id).toBe('insecure-url');
    expect(first.locations[0]?.physicalLocation.artifactLocation.uri).toBe('codeup:org-1/101/hooks/7');
    expect(first.locations[0]?.logicalLocations[0]?.fullyQualifiedName).toBe('codeup:org-1/101/hooks/7');
    expect(results.map((r) => r.ruleId)).toEqual(['insecure-url', 'no-secret', 'credentials-in-url']);
  });

  it('fingerprints are stable per (rule, target, hook, url) and differ when any of them changes', async () => {
    const base = { ruleId: 'no-secret', target: 'codearts:1', hookId: '2', url: 'https://x.example.com/' } as const;
    const print = findingFingerprint(base);
    expect(findingFingerprint({ ...base })).toBe(print);
    expect(print).toMatch(/^[0-9a-f]{64}$/);
    for (const change of [{ ruleId: 'unmanaged' as const }, { target: 'codearts:10' }, { hookId: '3' }, { url: 'https://y.example.com/' }]) {
      expect(findingFingerprint({ ...base, ...change })).not.toBe(print);
    }
    // Two runs over the same hooks give the same fingerprints.
    const once = JSON.stringify(toSarif(await seededFindings(), { version: '0.1.0', rules: RULES }));
    const twice = JSON.stringify(toSarif(await seededFindings(), { version: '0.1.0', rules: RULES }));
    expect(once).toBe(twice);
  });

  it('hook URIs percent-encode what a URI cannot hold', () => {
    expect(hookUri('servicestage:proj/ns/group/my repo', 'a b')).toBe('servicestage:proj/ns/group/my%20repo/hooks/a%20b');
  });
});
