/** HTTP_PROXY / HTTPS_PROXY / NO_PROXY are honoured: a loopback forward proxy sees (or does not see) the calls. */
import { createServer, request, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { emulatorEnv } from '../../src/emulator/credentials.js';
import { runBin } from '../helpers/cli.js';
import { type StartedEmulator, startEmulator } from '../helpers/emulator.js';

let emu: StartedEmulator;
let proxy: Server;
let proxyUrl: string;
const seen: string[] = [];

beforeAll(async () => {
  emu = await startEmulator();
  // A plain-HTTP forward proxy: the client sends the absolute URL in the request line.
  proxy = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '/');
    const upstream = request(target, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  // undici's proxy agent tunnels with CONNECT, for http targets too.
  proxy.on('connect', (req, client, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host = '', port = '80'] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await emu.close();
  await new Promise((resolve) => proxy.close(resolve));
});

it('sends requests through HTTP_PROXY, and around it for hosts in NO_PROXY', async () => {
  const env = emulatorEnv(emu.url);
  const via = await runBin(['hooks', 'list', 'codearts:1'], { env: { ...env, HTTP_PROXY: proxyUrl } });
  expect(via.code).toBe(0);
  expect(seen).toEqual([`CONNECT ${new URL(emu.url).host}`]);

  const around = await runBin(['hooks', 'list', 'codearts:1'], { env: { ...env, HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' } });
  expect(around.code).toBe(0);
  expect(seen).toHaveLength(1);
});
