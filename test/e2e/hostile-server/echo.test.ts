/**
 * A hostile server that echoes every credential and hook secret it receives back into the hooks it
 * answers with: in names, descriptions and URLs, as is and in escaped spellings (JSON `\/` and
 * `\uXXXX`, percent-encoding). Whatever the output format (piped TSV, -o table/json/yaml, a
 * terminal table) and with --debug, nothing that was sent may come back raw, on stdout or stderr.
 * Real binary (needs `npm run build`), plus an in-process run for the terminal table.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunResult, runBin, runMain } from '../../helpers/cli.js';

const plant = (label: string) => `${label}/${randomBytes(9).toString('base64url')}+Z=`;
const CODEARTS_TOKEN = plant('iam-token');
const CODEUP_TOKEN = plant('pt-codeup');
const HOOK_SECRET = plant('hook-secret');
const URL_PASSWORD = plant('url-pw');
const PLANTED = [CODEARTS_TOKEN, CODEUP_TOKEN, HOOK_SECRET, URL_PASSWORD];

const jsonSlashes = (s: string) => JSON.stringify(s).slice(1, -1).replaceAll('/', '\\/');
const unicodeEscapes = (s: string) => [...Array(s.length).keys()].map((i) => `\\u${s.charCodeAt(i).toString(16).padStart(4, '0')}`).join('');

/** Everything the request carried that is a credential: headers, query, body fields, URL userinfo. */
function credentialsIn(req: IncomingMessage, url: URL, body: string): string[] {
  const found: string[] = [];
  const token = req.headers['x-auth-token'];
  if (typeof token === 'string') found.push(token);
  const query = url.searchParams.get('AccessToken');
  if (query) found.push(query);
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    for (const key of ['token', 'SecretToken', 'secret_token']) if (typeof json[key] === 'string') found.push(json[key] as string);
    for (const key of ['url', 'Url']) {
      const password = typeof json[key] === 'string' ? URL.parse(json[key] as string)?.password : undefined;
      if (password) found.push(decodeURIComponent(password));
    }
  } catch {
    // No body.
  }
  return found;
}

/** Raw JSON text of one hook whose fields carry the credentials in every spelling. */
function echoedHook(id: number, credentials: string[], provider: 'codearts' | 'codeup'): string {
  const all = credentials.join(' ');
  const name = `echo ${all}`;
  const description = `pct ${credentials.map(encodeURIComponent).join(' ')}`;
  const url = `https://u:${encodeURIComponent(credentials[0] ?? 'x')}@ci.example.com/hook?t=${credentials.map(encodeURIComponent).join('&t=')}`;
  // The `\/` and `\uXXXX` spellings are written into the raw JSON text: they decode to the secret.
  const escapedName = `"${jsonSlashes(name)}"`;
  const escapedDescription = `"${description} ${credentials.map(unicodeEscapes).join(' ')}"`;
  if (provider === 'codearts') {
    return `{"id":${id},"url":${JSON.stringify(url)},"name":${escapedName},"description":${escapedDescription},"push_events":true,"token":"******"}`;
  }
  return `{"Id":${id},"ProjectId":1,"Url":${JSON.stringify(url)},"Description":${escapedDescription},"PushEvents":true,"SecretToken":${escapedName}}`;
}

let server: Server;
let endpoint = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const credentials = credentialsIn(req, url, body);
      const codeup = url.pathname.startsWith('/api/v3/');
      const hook = (id: number) => echoedHook(id, credentials, codeup ? 'codeup' : 'codearts');
      const single = req.method === 'POST' || /\/hooks\/\d+$/.test(url.pathname);
      const text = codeup
        ? `{"Success":true,"RequestId":"r-1","Total":2,"Result":${single ? hook(11) : `[${hook(11)},${hook(12)}]`}}`
        : single
          ? hook(11)
          : `[${hook(11)},${hook(12)}]`;
      res.writeHead(200, { 'content-type': 'application/json', 'x-total': single ? '1' : '2' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const ENV = {
  codearts: () => ({ HOOKCTL_ENDPOINT: endpoint, HUAWEICLOUD_TOKEN: CODEARTS_TOKEN, HOOK_SECRET }),
  codeup: () => ({
    HOOKCTL_ENDPOINT: endpoint,
    ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tEchoTestKey0001',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'echo-test-access-key-secret',
    CODEUP_TOKEN,
    HOOK_SECRET,
  }),
};
const TARGET = { codearts: 'codearts:7', codeup: 'codeup:org/1' };
const FORMATS: string[][] = [[], ['-o', 'table'], ['-o', 'json'], ['-o', 'yaml']];
const hookUrl = `https://deploy:${encodeURIComponent(URL_PASSWORD)}@ci.example.com/hook`;

/** No planted secret, nor any 10-character piece of one, nor a known escaped spelling. */
function expectNoLeak(out: RunResult, what: string): void {
  for (const secret of PLANTED) {
    for (const stream of ['stdout', 'stderr'] as const) {
      const text = out[stream];
      for (const form of [secret, jsonSlashes(secret), encodeURIComponent(secret), unicodeEscapes(secret)]) {
        expect(text.includes(form), `${what}: ${stream} holds ${form}\n${text}`).toBe(false);
      }
      for (let i = 0; i + 10 <= secret.length; i++) {
        const piece = secret.slice(i, i + 10);
        expect(text.includes(piece), `${what}: ${stream} holds "${piece}" of ${secret}\n${text}`).toBe(false);
      }
    }
  }
}

describe.each(['codearts', 'codeup'] as const)('a server echoing credentials (%s)', { timeout: 120_000 }, (provider) => {
  const commands = [
    ['hooks', 'list', TARGET[provider]],
    ...(provider === 'codearts' ? [['hooks', 'get', TARGET[provider], '11']] : []),
    ['hooks', 'create', TARGET[provider], '--url', hookUrl, '--secret-env', 'HOOK_SECRET', ...(provider === 'codearts' ? ['--name', 'n'] : [])],
  ];

  it('the real binary: every output format, with and without --debug', async () => {
    const argvs = commands.flatMap((command) => FORMATS.flatMap((format) => [[], ['--debug']].map((debug) => [...command, ...format, ...debug])));
    // A few at a time: the machine may be busy, and a bin that times out proves nothing.
    for (let i = 0; i < argvs.length; i += 4) {
      await Promise.all(
        argvs.slice(i, i + 4).map(async (argv) => {
          const out = await runBin(argv, { env: ENV[provider](), timeoutMs: 60_000 });
          expect(out.code, `${argv.join(' ')}\n${out.stderr}`).toBe(0);
          expect(out.stdout, argv.join(' ')).toContain('******');
          expectNoLeak(out, argv.join(' '));
        }),
      );
    }
  });

  it('a terminal table (cut to the terminal width) and the key/value view', async () => {
    for (const command of commands) {
      for (const debug of [[], ['--debug']]) {
        const argv = [...command, ...debug];
        const out = await runMain(argv, { env: { ...ENV[provider](), NO_COLOR: '1' }, tty: true });
        expect(out.code, `${argv.join(' ')}\n${out.stderr}`).toBe(0);
        expectNoLeak(out, `${argv.join(' ')} (tty)`);
      }
    }
  });
});
