/**
 * Fuzz: config files. Random YAML and JSON documents, random values in the known keys, broken and
 * truncated files, invalid UTF-8, deep nesting and alias bombs — written to a temporary directory
 * and loaded through the CLI (`--config FILE`, or found by the search). Each run must end with a
 * documented exit code and, on failure, one line that names the file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { validate } from '../../src/config/load.js';
import { emulatorEnv } from '../../src/emulator/credentials.js';
import { ConfigError } from '../../src/errors.js';
import { SETTINGS_SECTIONS } from '../../src/providers/registry.js';
import { anyText, check, expectClean, PROPERTY_TIMEOUT_MS, RUNS, runCase } from './harness.js';
import { emulatorTransport, FAKE_ENDPOINT } from './transport.js';

const ENV = { ...emulatorEnv(FAKE_ENDPOINT), SET_VAR: 'from-env', EMPTY_VAR: '' };

/** A leaf where a config value goes: right types, wrong types, references, garbage. */
const leaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('https://ci.example.com', 'http://127.0.0.1:1', 'cn-north-4', 'json', 'yaml', 'v3', 'oapi', 'abc', '') },
  {
    weight: 2,
    arbitrary: fc.constantFrom('${env:SET_VAR}', '${env:UNSET_VAR}', '${env:EMPTY_VAR}', '${env:}', '${env:1BAD}', 'x${env:SET_VAR}y', '${env:SET_VAR'),
  },
  { weight: 2, arbitrary: anyText },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(600_001), fc.constant(-1)) },
  { weight: 1, arbitrary: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }) },
);

const section = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), leaf, { maxKeys: keys.length });

/** Profiles shaped like the schema, with random values (and sometimes an unknown key). */
const profile = fc.record(
  {
    codeup: section(['mode', 'endpoint', 'accessKeyId', 'accessKeySecret', 'securityToken', 'token', 'bogus']),
    huaweicloud: fc.oneof(
      section(['region', 'token', 'accessKey', 'secretKey', 'securityToken', 'projectId', 'iamEndpoint']),
      fc.record({ iam: fc.oneof(section(['user', 'password', 'domain', 'project']), leaf) }),
    ),
    codearts: section(['endpoint', 'projectId']),
    servicestage: section(['endpoint', 'repoAuth']),
  },
  { requiredKeys: [] },
);

const knownShape = fc.record(
  {
    defaultProfile: fc.oneof(fc.constantFrom('prod', 'default', 'missing'), leaf),
    output: leaf,
    timeout: leaf,
    retries: leaf,
    profiles: fc.oneof(
      {
        weight: 5,
        arbitrary: fc.dictionary(fc.constantFrom('prod', 'default', 'ci', '__proto__', 'constructor', ''), fc.oneof(profile, leaf), { maxKeys: 3 }),
      },
      leaf,
    ),
  },
  { requiredKeys: [] },
);

/** Files a user would write: right keys, right types, references that resolve. */
const validShape = fc.record(
  {
    defaultProfile: fc.constantFrom('prod', 'ci'),
    output: fc.constantFrom('table', 'json', 'yaml'),
    timeout: fc.integer({ min: 1, max: 600_000 }),
    retries: fc.integer({ min: 0, max: 10 }),
    profiles: fc.dictionary(
      fc.constantFrom('prod', 'ci', 'default'),
      fc.record(
        {
          codeup: fc.record(
            {
              accessKeyId: fc.constantFrom('LTAIfuzz', '${env:SET_VAR}'),
              accessKeySecret: fc.constantFrom('${env:SET_VAR}', 'literal'),
              mode: fc.constantFrom('v3', 'oapi'),
            },
            { requiredKeys: [] },
          ),
          huaweicloud: fc.record({ region: fc.constantFrom('cn-north-4', 'ap-southeast-1'), token: fc.constantFrom('${env:SET_VAR}') }, { requiredKeys: [] }),
          codearts: fc.record({ endpoint: fc.constantFrom(FAKE_ENDPOINT, 'https://codehub.example.com/prefix') }, { requiredKeys: [] }),
          servicestage: fc.record({ repoAuth: fc.string({ minLength: 1, maxLength: 10 }) }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
      { maxKeys: 3 },
    ),
  },
  { requiredKeys: [] },
);

/** cosmiconfig's `$import`: missing files, itself, a wrong type. */
const importDoc = fc.constantFrom(
  '$import: ./nope.yaml\n',
  '$import: 42\n',
  '$import: [custom.conf]\n',
  '$import: .hookctlrc.yaml\noutput: json\n',
  '$import: /\n',
);

/**
 * Nested `{"a":{"a":…}}` or `[[[…]]]`, deep enough to break naive recursion. Kept as a description
 * until the file is written, so a failure prints `{deep:…}` instead of 40 kB of braces.
 */
interface Deep {
  deep: number;
  under: 'x' | 'profiles' | 'output';
  arrays: boolean;
}
const deepDoc = fc.record<Deep>({ deep: fc.integer({ min: 33, max: 20_000 }), under: fc.constantFrom('x', 'profiles', 'output'), arrays: fc.boolean() });
const deepText = ({ deep, under, arrays }: Deep) =>
  `{"${under}":${arrays ? `${'['.repeat(deep)}${']'.repeat(deep)}` : `${'{"a":'.repeat(deep)}1${'}'.repeat(deep)}`}}`;

const aliasBomb = fc.constant(
  'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n',
);

type FileKind = '.hookctlrc.yaml' | '.hookctlrc.json' | '.hookctlrc' | 'package.json' | 'custom.conf';

/** A document: a value serialized as YAML or JSON (maybe mangled), or raw text or bytes. */
const serialize = ([value, as]: [unknown, 'yaml' | 'json']) => (as === 'yaml' ? YAML.stringify(value) : JSON.stringify(value));
const document = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(validShape, fc.constantFrom<'yaml' | 'json'>('yaml', 'json')).map(serialize) },
  { weight: 4, arbitrary: fc.tuple(knownShape, fc.constantFrom<'yaml' | 'json'>('yaml', 'json')).map(serialize) },
  { weight: 1, arbitrary: importDoc },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null') },
  {
    weight: 2,
    arbitrary: fc.tuple(knownShape, fc.nat(), fc.constantFrom('', '{', ':', '\n  - ', '"', '\t', '\u0000', '&x *y')).map(([value, cut, insert]) => {
      const text = YAML.stringify(value);
      const at = text.length === 0 ? 0 : cut % text.length;
      return text.slice(0, at) + insert + text.slice(at + 1);
    }),
  },
  { weight: 1, arbitrary: anyText },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 1, arbitrary: deepDoc },
  { weight: 1, arbitrary: aliasBomb },
);

const fileKind = fc.constantFrom<FileKind>('.hookctlrc.yaml', '.hookctlrc.json', '.hookctlrc', 'package.json', 'custom.conf');

function writeConfig(kind: FileKind, doc: string | Buffer | Deep): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hookctl-fuzz-'));
  const file = join(dir, kind);
  const content = typeof doc === 'string' || Buffer.isBuffer(doc) ? doc : deepText(doc);
  const text = kind === 'package.json' && typeof content === 'string' ? `{"name":"p","hookctl":${safeJson(content)}}` : content;
  writeFileSync(file, text, { mode: 0o600 });
  return { dir, file };
}

/** package.json wants JSON; a YAML document is embedded as a JSON string (a wrong type, still fuzz). */
function safeJson(content: string): string {
  try {
    JSON.parse(content);
    return content;
  } catch {
    return JSON.stringify(content);
  }
}

describe('fuzz: config files', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it(`validate(): ${RUNS * 3} random documents are a config or a ConfigError naming the file`, async () => {
    await check(
      fc.property(knownShape, fc.option(fc.constantFrom('prod', 'default', 'ci', 'missing'), { nil: undefined }), (raw, profileName) => {
        try {
          validate('/x/.hookctlrc.yaml', raw, { env: ENV, profile: profileName, sections: SETTINGS_SECTIONS });
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          if (!error.message.startsWith('/x/.hookctlrc.yaml: ')) throw new Error(`does not name the file: ${error.message}`);
        }
      }),
      RUNS * 3,
    );
  });

  it(`through the CLI: ${RUNS} config files end cleanly`, async () => {
    const transport = emulatorTransport();
    const codes = new Map<number, number>();
    const command = fc.constantFrom<string[]>(
      ['config', 'show'],
      ['config', 'show', '-o', 'json'],
      ['config', 'show', '-o', 'yaml'],
      ['hooks', 'list', 'codearts:1'],
      ['hooks', 'create', 'codeup:org/1', '--url', 'https://ci.example.com/h', '--dry-run'],
    );
    await check(
      fc.asyncProperty(
        document,
        fileKind,
        command,
        fc.boolean(),
        fc.option(fc.constantFrom('prod', 'ci', 'nope'), { nil: undefined }),
        async (content, kind, cmd, search, profileName) => {
          const { dir, file } = writeConfig(kind, content);
          const argv = [...cmd, ...(search && kind !== 'custom.conf' ? [] : ['--config', file]), ...(profileName ? ['--profile', profileName] : [])];
          const result = await runCase(argv, { cwd: dir, env: ENV, deps: { transport } });
          codes.set(result.code, (codes.get(result.code) ?? 0) + 1);
          expectClean(result, argv, { json: argv.includes('json') });
          if (result.code === 2 && result.stderr.includes('error: /') && !result.stderr.includes(file)) {
            throw new Error(`a config error that does not name ${file}: ${result.stderr}`);
          }
        },
      ),
    );
    // The generators reach both sides: files that load and files that are refused.
    expect(codes.get(0)).toBeGreaterThan(RUNS / 40);
    expect(codes.get(2)).toBeGreaterThan(RUNS / 40);
  });
});
