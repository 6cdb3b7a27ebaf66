/**
 * Fuzz: targets and hook ids. Thousands of strings through parseTarget/parseHookId directly (a
 * target either round-trips or is a one-line UsageError), and a sample through the whole CLI
 * (`hooks list|get|delete`) against the in-process emulator.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHookId } from '../../src/commands/hooks/get.js';
import { emulatorEnv } from '../../src/emulator/credentials.js';
import { UsageError } from '../../src/errors.js';
import { formatTarget, parseTarget } from '../../src/providers/registry.js';
import { emptyDir } from '../helpers/cli.js';
import { anyText, check, expectClean, PROPERTY_TIMEOUT_MS, RUNS, runCase } from './harness.js';
import { emulatorTransport, FAKE_ENDPOINT } from './transport.js';

const segment = fc.oneof(
  fc.stringMatching(/^[1-9][0-9]{0,20}$/),
  fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/),
  fc.constantFrom('', '0', '-1', '007', '1e3', '..', '.', ' ', '%2F', '１２３', '9'.repeat(19), '9'.repeat(30)),
  anyText,
);

const plain = fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/).filter((s) => s !== '.' && s !== '..');
const number = fc.stringMatching(/^[1-9][0-9]{0,8}$/);

/** Targets of the documented forms. */
const validTarget = fc.oneof(
  fc.tuple(plain, number).map(([org, project]) => `codeup:${org}/${project}`),
  number.map((group) => `codearts:${group}`),
  fc.tuple(plain, plain, fc.array(plain, { minLength: 1, maxLength: 3 })).map(([p, ns, repo]) => `servicestage:${p}/${ns}/${repo.join('/')}`),
);

/** Valid targets, near-valid ones (a known provider, plausible segments) and noise. */
const targetText = fc.oneof(
  { weight: 3, arbitrary: validTarget },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom('codeup', 'codearts', 'servicestage', 'CodeArts', 'gitlab', ''),
        fc.constantFrom(':', '', '::', ': '),
        fc.array(segment, { maxLength: 5 }),
      )
      .map(([provider, colon, parts]) => `${provider}${colon}${parts.join('/')}`),
  },
  { weight: 1, arbitrary: anyText },
);

function assertOneLineUsage(error: unknown, input: string): void {
  if (!(error instanceof UsageError)) throw new Error(`parseTarget(${JSON.stringify(input)}) threw ${String(error)}, not a UsageError`);
  if (/[\u0000-\u001f\u007f]/.test(error.message)) throw new Error(`control characters in ${JSON.stringify(error.message)}`);
  if (!error.hint?.startsWith('expected ')) throw new Error(`no "expected …" hint for ${JSON.stringify(input)}: ${error.hint}`);
}

describe('fuzz: targets', { timeout: PROPERTY_TIMEOUT_MS }, () => {
  it(`parseTarget: ${RUNS * 5} strings either round-trip or are a one-line usage error with the expected form`, async () => {
    await check(
      fc.property(targetText, (input) => {
        let target: ReturnType<typeof parseTarget>;
        try {
          target = parseTarget(input);
        } catch (error) {
          assertOneLineUsage(error, input);
          return;
        }
        const again = parseTarget(formatTarget(target));
        if (JSON.stringify(again) !== JSON.stringify(target)) throw new Error(`${JSON.stringify(input)} does not round-trip`);
      }),
      RUNS * 5,
    );
  });

  it(`parseHookId: ${RUNS * 2} ids are accepted as given or refused`, async () => {
    await check(
      fc.property(fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,70}$/), anyText), (id) => {
        try {
          if (parseHookId(id) !== id) throw new Error('changed the id');
        } catch (error) {
          if (!(error instanceof UsageError)) throw error;
        }
      }),
      RUNS * 2,
    );
  });

  it(`through the CLI: ${RUNS} hooks list|get|delete runs end cleanly`, async () => {
    const cwd = emptyDir();
    const env = emulatorEnv(FAKE_ENDPOINT);
    const transport = emulatorTransport();
    const verb = fc.constantFrom(
      (t: string, _id: string) => ['hooks', 'list', t],
      (t: string, id: string) => ['hooks', 'get', t, id],
      (t: string, id: string) => ['hooks', 'delete', t, id, '--yes'],
      (t: string, id: string) => ['hooks', 'delete', t, id, '--dry-run', '-o', 'json'],
    );
    const codes = new Map<number, number>();
    await check(
      fc.asyncProperty(verb, targetText, fc.oneof(fc.stringMatching(/^[0-9]{1,6}$/), anyText), async (make, target, id) => {
        const argv = make(target, id);
        const result = await runCase(argv, { cwd, env, deps: { transport } });
        codes.set(result.code, (codes.get(result.code) ?? 0) + 1);
        expectClean(result, argv, { json: argv.includes('json') });
      }),
    );
    // Both sides are reached: targets that are listed and targets refused before any request.
    expect(codes.get(0)).toBeGreaterThan(RUNS / 20);
    expect(codes.get(2)).toBeGreaterThan(RUNS / 20);
  });
});
