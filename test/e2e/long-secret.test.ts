/**
 * The real bin/hookctl.js listing a Codeup v3 hook (AccessKey pair) whose secret_token is 10,000
 * characters holding `%` and `\`, on a hook URL holding `%`. The v3 API returns the secret in
 * clear; the listing must exit 0, print the hook with the secret masked, and no spelling of the
 * secret (as is, JSON-escaped, percent-encoded) nor any 40-character piece of one may show.
 */
import { describe, expect, it } from 'vitest';
import { emulatorEnv } from '../../src/emulator/credentials.js';
import { runBin } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

// Deterministic and non-repeating, so a 40-character piece names one place in the secret.
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789%\\"/+= ';
let state = 0x5eed;
const SECRET = Array.from({ length: 10_000 }, (_, i) => {
  state = (state * 1103515245 + 12345) & 0x7fffffff;
  return i % 97 === 0 ? '%' : i % 89 === 0 ? '\\' : ALPHABET[state % ALPHABET.length];
}).join('');
const HOOK_URL = 'https://ci.example.com/hooks/a%20b%2Fc?x=100%25';
const TARGET = 'codeup:ORG/100';

const emu = useEmulator({
  fleet: {
    spec: { codeup: [{ organization: 'ORG', repositories: [{ id: 100, name: 'repo', hooks: [{ url: HOOK_URL, secretToken: SECRET }] }] }] },
  },
});

const SPELLINGS = [SECRET, JSON.stringify(SECRET).slice(1, -1), encodeURIComponent(SECRET), encodeURI(SECRET)];

function expectNoPieceOfSecret(text: string): void {
  for (const spelling of SPELLINGS) {
    for (let at = 0; at + 40 <= spelling.length; at += 20) {
      const piece = spelling.slice(at, at + 40);
      if (text.includes(piece)) throw new Error(`a piece of the secret at ${at} is in the output`);
    }
  }
}

describe('a 10,000-character Codeup v3 secret with % and \\', () => {
  it.each([
    ['-o json', ['-o', 'json']],
    ['a table', []],
  ])('hooks list %s: exit 0, the hook shown, the secret masked and never printed', async (_name, args) => {
    const out = await runBin(['hooks', 'list', TARGET, ...args], { env: emulatorEnv(emu.url) });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    // The v3 API answered, with the secret in clear.
    expect(emu.server.requests.map((r) => new URL(r.url).pathname)).toEqual(['/api/v3/projects/100/hooks']);
    expect(emu.emulator.store.codeup.list('ORG/100')[0]?.secretToken).toBe(SECRET);
    if (args.length > 0) {
      expect(JSON.parse(out.stdout)).toEqual([expect.objectContaining({ target: TARGET, url: HOOK_URL, secret: '******' })]);
    } else {
      // Piped, the table is tab-separated; its secret column says only whether one is set.
      expect(out.stdout.trim().split('\t')).toEqual([TARGET, expect.any(String), HOOK_URL, 'push', '', 'true', 'set']);
    }
    expectNoPieceOfSecret(out.stdout + out.stderr);
  });
});
