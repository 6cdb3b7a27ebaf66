/**
 * `POST /_emulator/events`: simulates a push, tag push, merge request or note on a target and
 * delivers it to every hook registered there that subscribes to the event, the way the provider
 * would (headers, body and the hook's secret from src/deliveries/samples.ts). Each CodeArts
 * delivery is recorded in the delivery-log API, each Codeup one sets the hook's LastTestResult.
 * Deliveries go to loopback addresses only: a hook pointing elsewhere is reported as refused.
 *
 * Body: `{ "target": "codeup:ORG/100", "event": "push", "ref"?: "main", "repository"?: "acme/web" }`;
 * `target` is any hookctl target, CodeArts repository hooks as `codearts:repo/<id>`.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { isIP } from 'node:net';
import { DELIVERY_EVENTS, type DeliveryEvent, GIT_HOST_DELIVERY, GITLAB_EVENT_NAMES } from '../deliveries/facts.js';
import { buildSample, type WireFormat, wireFormat } from '../deliveries/samples.js';
import { json } from './http.js';
import type { CodeartsDeliveryLog, EmulatorStore } from './store.js';

export interface DeliveryAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends one delivery; the default is node:http with a 10 s deadline. */
export type DeliverFn = (url: URL, headers: Record<string, string>, body: string) => Promise<DeliveryAnswer>;

export interface EventDelivery {
  hookId: string;
  url: string;
  /** HTTP status, or absent when refused or unanswered. */
  status?: number;
  error?: string;
  refused?: string;
  durationMs?: number;
  /** CodeArts: the delivery-log id. */
  logId?: number;
}

export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

export const nodeDeliver: DeliverFn = (url, headers, body) =>
  new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const out: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
        resolve({
          status: res.statusCode ?? 0,
          headers: out,
          body: Buffer.concat(chunks)
            .toString('utf8')
            .slice(0, 64 * 1024),
        });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', reject);
    req.end(body);
  });

interface Subscriber {
  id: string;
  url: string;
  secret: string;
  /** The headers this emulated provider sends (the server's side of each provider's delivery facts). */
  format: WireFormat;
  wants: boolean;
  record(delivery: {
    status?: number;
    headers: Record<string, string>;
    body: string;
    answer?: DeliveryAnswer;
    durationMs: number;
    uuid: string;
  }): number | undefined;
}

const flagFor = (event: DeliveryEvent, h: { pushEvents: boolean; tagPushEvents: boolean; mergeRequestsEvents: boolean; noteEvents: boolean }) =>
  ({ push: h.pushEvents, tag_push: h.tagPushEvents, merge_request: h.mergeRequestsEvents, note: h.noteEvents })[event];

function matchesBranch(filter: string, ref: string): boolean {
  if (filter === '') return true;
  try {
    return new RegExp(filter).test(ref);
  } catch {
    return false;
  }
}

function subscribers(store: EmulatorStore, provider: string, scope: string, event: DeliveryEvent, ref: string): Subscriber[] | undefined {
  const now = () => store.timestamp();
  switch (provider) {
    case 'codeup':
      return store.codeup.list(scope).map((hook) => ({
        id: String(hook.id),
        url: hook.url,
        secret: hook.secretToken,
        format: { style: 'gitlab', tokenHeader: 'X-Codeup-Token', eventHeader: 'X-Codeup-Event', eventNames: GITLAB_EVENT_NAMES },
        wants: flagFor(event, hook),
        record: ({ status }) => {
          // LastTestResult: ok / error (research-fleet §2b).
          store.codeup.replace(scope, { ...hook, lastTestResult: status !== undefined && status >= 200 && status < 300 ? 'ok' : 'error', updatedAt: now() });
          return undefined;
        },
      }));
    case 'codearts':
      return store.codearts.list(scope).map((hook) => ({
        id: String(hook.id),
        url: hook.url,
        secret: hook.token,
        // The token in the header the hook's token_type names; the event in X-Devcloud-Event, the body with its uuid.
        format: { style: 'gitlab', tokenHeader: hook.tokenType, eventHeader: 'X-Devcloud-Event', eventNames: GITLAB_EVENT_NAMES, uuidInBody: true },
        wants: flagFor(event, hook) && (event !== 'push' || matchesBranch(hook.pushEventsBranchRegexFilter, ref)),
        record: ({ status, headers, body, answer, durationMs, uuid }) => {
          const id = store.nextCodeartsLogId();
          const at = now();
          // The token and other credentials are hidden in the log, as the real API does (research-fleet §2a).
          const masked = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, k.toLowerCase() === hook.tokenType.toLowerCase() ? '******' : v]));
          let responseBody: unknown = answer?.body ?? '';
          try {
            responseBody = JSON.parse(answer?.body ?? '');
          } catch {
            // kept as text
          }
          const log: CodeartsDeliveryLog = {
            id,
            webHookId: hook.id,
            trigger: event,
            url: hook.url,
            responseStatus: status === undefined ? 'internal error' : String(status),
            executionDuration: Math.round(durationMs) / 1000,
            uuid,
            createdAt: at,
            updatedAt: at,
            ...(hook.groupId !== '' && { repository: { id: 1, namespace: `group-${hook.groupId}` } }),
            requestHeaders: masked,
            requestData: JSON.parse(body) as Record<string, unknown>,
            responseHeaders: answer?.headers ?? {},
            responseBody,
          };
          store.codeartsLogs.set(String(hook.id), [log, ...(store.codeartsLogs.get(String(hook.id)) ?? [])]);
          return id;
        },
      }));
    case 'servicestage':
      // ServiceStage hooks take every event; the format is the Git host's (the hook's type).
      return store.servicestage.list(scope).map((hook) => ({
        id: hook.id,
        url: hook.url,
        secret: hook.secret,
        format: wireFormat(/github/i.test(hook.type) ? GIT_HOST_DELIVERY.github : GIT_HOST_DELIVERY.gitlab),
        wants: true,
        record: () => undefined,
      }));
    default:
      return undefined;
  }
}

function defaultRepository(provider: string, scope: string): string {
  if (provider === 'servicestage') return scope.split('/').slice(1).join('/');
  if (provider === 'codearts') return scope.startsWith('repo/') ? `repo-${scope.slice(5)}/app` : `group-${scope}/app`;
  return scope;
}

export async function handleEvents(request: Request, store: EmulatorStore, deliver: DeliverFn): Promise<Response> {
  if (request.method !== 'POST') return json(405, { code: 'MethodNotAllowed', message: 'POST a JSON event to /_emulator/events' });
  let input: Record<string, unknown>;
  try {
    input = (await request.json()) as Record<string, unknown>;
  } catch {
    return json(400, { code: 'BadRequest', message: 'the body must be JSON: {"target": "codeup:ORG/100", "event": "push"}' });
  }
  const target = typeof input?.target === 'string' ? input.target : '';
  const event = typeof input?.event === 'string' ? input.event : 'push';
  if (!(DELIVERY_EVENTS as readonly string[]).includes(event))
    return json(400, { code: 'BadRequest', message: `event must be one of ${DELIVERY_EVENTS.join(', ')}` });
  const colon = target.indexOf(':');
  const provider = target.slice(0, colon);
  const scope = target.slice(colon + 1);
  const ref = typeof input.ref === 'string' && input.ref !== '' ? input.ref : event === 'tag_push' ? 'v1.0.0' : 'main';
  const hooks = colon > 0 ? subscribers(store, provider, scope, event as DeliveryEvent, ref) : undefined;
  if (!hooks)
    return json(400, {
      code: 'BadRequest',
      message: 'target must be a hookctl target such as codeup:ORG/100, codearts:77, codearts:repo/5 or servicestage:PID/ns/repo',
    });
  const repository = typeof input.repository === 'string' && input.repository !== '' ? input.repository : defaultRepository(provider, scope);
  const deliveries: EventDelivery[] = [];
  for (const hook of hooks.filter((h) => h.wants)) {
    let url: URL;
    try {
      url = new URL(hook.url);
    } catch {
      deliveries.push({ hookId: hook.id, url: hook.url, refused: 'not a URL' });
      continue;
    }
    if (!isLoopbackUrl(url)) {
      deliveries.push({ hookId: hook.id, url: hook.url, refused: 'the emulator delivers to loopback addresses only' });
      continue;
    }
    const uuid = randomUUID();
    const sample = buildSample(hook.format, { event: event as DeliveryEvent, repository, ref, secret: hook.secret, time: store.timestamp(), uuid });
    const started = performance.now();
    let answer: DeliveryAnswer | undefined;
    let error: string | undefined;
    try {
      answer = await deliver(url, sample.headers, sample.body);
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    const durationMs = Math.round(performance.now() - started);
    const logId = hook.record({ status: answer?.status, headers: sample.headers, body: sample.body, answer, durationMs, uuid });
    deliveries.push({ hookId: hook.id, url: hook.url, ...(answer ? { status: answer.status } : { error }), durationMs, ...(logId !== undefined && { logId }) });
  }
  return json(200, { target, event, ref, deliveries });
}
