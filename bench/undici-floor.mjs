// The floor under `hookctl hooks list` set by its HTTP stack alone: one GET with the same undici
// modules hookctl loads (Agent and the request API, wasm kept at baseline tier), bundled by
// bench/run.mjs the way scripts/bundle.mjs bundles hookctl, the flag set after the modules load as
// src/http/undici-parts.ts sets it. No CLI, config, validation or output.
import 'node:tls';
import v8 from 'node:v8';
import request from 'undici/lib/api/api-request.js';
import Agent from 'undici/lib/dispatcher/agent.js';

v8.setFlagsFromString('--wasm-tiering-budget=2147483647');
const url = new URL('/v4/groups/1/hooks', process.env.HOOKCTL_ENDPOINT);
const res = await request.call(new Agent(), {
  origin: url.origin,
  path: url.pathname,
  method: 'GET',
  headers: { 'x-auth-token': process.env.HUAWEICLOUD_TOKEN ?? '' },
});
process.stdout.write(`${await res.body.text()}\n`);
