/**
 * The registry is a list of definitions: every provider brings its target grammar, settings
 * sections, capabilities and auth description, and the generic machinery takes any new one.
 */
import { describe, expect, it } from 'vitest';
import { validate } from '../../../src/config/load.js';
import { resolveSettings } from '../../../src/config/resolve.js';
import { UsageError } from '../../../src/errors.js';
import { Secret } from '../../../src/model/secret.js';
import { formatTargetWith, parseTargetWith, SEGMENT, type Target, type TargetGrammar } from '../../../src/model/target.js';
import { PROVIDER_CATALOG } from '../../../src/providers/catalog.js';
import { formatTarget, PROVIDER_IDS, PROVIDERS, parseTarget, SETTINGS_SECTIONS, TARGET_FORMS } from '../../../src/providers/registry.js';
import { checkSpec } from '../../../src/providers/validate.js';

const settings = (env: Record<string, string | undefined> = {}) =>
  resolveSettings(validate(undefined, {}, { env, sections: SETTINGS_SECTIONS }), {}, env, SETTINGS_SECTIONS);

describe('provider definitions', () => {
  it('lists every provider once, each with its target form', () => {
    expect(PROVIDER_IDS).toEqual(['codeup', 'codearts', 'servicestage']);
    expect(Object.values(TARGET_FORMS)).toEqual([
      'codeup:<organizationId>/<projectId>',
      'codearts:<groupId> | codearts:repo/<repositoryId>',
      'servicestage:<projectId>/<namespace>/<project>',
    ]);
  });

  it('the catalog (what --help and target parsing load) lists the same providers in the same order, with the same facts', () => {
    expect(PROVIDER_CATALOG.map((p) => p.id)).toEqual(PROVIDERS.map((p) => p.id));
    PROVIDERS.forEach((definition, i) => {
      const about = PROVIDER_CATALOG[i];
      expect([about?.name, about?.help, about?.target, about?.delivery]).toEqual([definition.name, definition.help, definition.target, definition.delivery]);
    });
  });

  it.each(PROVIDERS.map((p) => [p.id, p] as const))('%s: its demo target round-trips through its own grammar', (_id, definition) => {
    const target = parseTarget(definition.demo.target);
    expect(target.provider).toBe(definition.id);
    expect(formatTarget(target)).toBe(definition.demo.target);
  });

  it.each(PROVIDERS.map((p) => [p.id, p] as const))('%s: its demo hook passes its own capabilities', (_id, definition) => {
    const spec = { ...definition.demo.spec, events: definition.demo.spec.events ? [...definition.demo.spec.events] : undefined, secret: new Secret('s') };
    expect(() => checkSpec(definition.name, definition.capabilities(settings()), spec)).not.toThrow();
  });

  it('settings sections: shared ones once, in resolution order (the Huawei section before the providers that use it)', () => {
    expect(SETTINGS_SECTIONS.map((s) => s.profileKey)).toEqual(['codeup', 'huaweicloud', 'codearts', 'servicestage']);
  });

  it('auth status without credentials: every provider says it is not configured, with its default endpoint', () => {
    const s = settings();
    expect(PROVIDERS.map((p) => [p.id, p.describeAuth(s).configured, p.describeAuth(s).endpoint.source])).toEqual([
      ['codeup', false, 'default'],
      ['codearts', false, 'default'],
      ['servicestage', false, 'default'],
    ]);
  });

  it('one Huawei credential order for both Huawei providers: a token beats AK/SK', () => {
    const s = settings({ HUAWEICLOUD_TOKEN: 'tok', HUAWEICLOUD_SDK_AK: 'AKAKAKAKAKAK', HUAWEICLOUD_SDK_SK: 'sk', SERVICESTAGE_REPO_AUTH: 'ra' });
    const modes = PROVIDERS.filter((p) => p.id !== 'codeup').map((p) => p.describeAuth(s).mode);
    expect(modes).toEqual(['IAM token', 'IAM token']);
  });
});

describe('generic targets (model/target.ts knows no provider)', () => {
  interface GiteaTarget extends Target {
    readonly provider: 'gitea';
    readonly owner: string;
    readonly repo: string;
  }
  const gitea: TargetGrammar<GiteaTarget> = {
    provider: 'gitea',
    form: 'gitea:<owner>/<repo>',
    parse(parts, bad) {
      const [owner = '', repo = ''] = parts;
      if (parts.length !== 2 || !SEGMENT.plain.test(owner) || !SEGMENT.plain.test(repo)) throw bad('needs an owner and a repository');
      return { provider: 'gitea', owner, repo };
    },
    format: (t) => `${t.owner}/${t.repo}`,
  };

  it('a fourth grammar parses and prints with the same machinery', () => {
    const target = parseTargetWith('gitea:me/app', [gitea]);
    expect(target).toEqual({ provider: 'gitea', owner: 'me', repo: 'app' });
    expect(formatTargetWith(target, [gitea])).toBe('gitea:me/app');
  });

  it('keeps the generic rules: dot segments and unknown providers are usage errors showing the forms', () => {
    expect(() => parseTargetWith('gitea:../app', [gitea])).toThrow(UsageError);
    expect(() => parseTargetWith('gitea:me', [gitea])).toThrow('needs an owner and a repository');
    expect(() => parseTargetWith('gitlab:1', [gitea])).toThrow('unknown provider "gitlab"');
  });
});
