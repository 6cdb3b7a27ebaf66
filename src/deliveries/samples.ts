/**
 * Sample deliveries, shaped as a provider sends them (its delivery facts, facts.ts shapes), for
 * `hooks test` and the emulator's simulated events: GitLab-style bodies (plus `uuid` where the
 * format says so) or GitHub's own. Values are made up, deterministic apart from what the caller
 * passes in.
 */
import { createHmac } from 'node:crypto';
import type { DeliveryEvent, DeliveryFormat } from './facts.js';

/** What a sender puts on the wire: the one header of each kind it sends. */
export type WireFormat =
  | { style: 'gitlab'; tokenHeader: string; eventHeader: string; eventNames: Readonly<Record<DeliveryEvent, string>>; uuidInBody?: boolean | undefined }
  | { style: 'github'; signatureHeader: string; eventHeader: string; eventNames: Readonly<Record<DeliveryEvent, string>> };

/** The headers a format's facts say are sent (`tokenHeader`: the hook's own pick, where it has one). */
export function wireFormat(format: DeliveryFormat, tokenHeader?: string | undefined): WireFormat {
  if (format.style === 'github')
    return { style: 'github', signatureHeader: format.signatureHeader.value, eventHeader: format.eventHeader.value, eventNames: format.eventNames.value };
  return {
    style: 'gitlab',
    tokenHeader: (format.tokenTypes ? tokenHeader : undefined) ?? format.tokenTypes?.value[0] ?? format.tokenHeaders.value[0] ?? 'X-Gitlab-Token',
    eventHeader: format.eventHeaders.value[0] ?? 'X-Gitlab-Event',
    eventNames: format.eventNames.value,
    uuidInBody: format.uuidInBody,
  };
}

export interface SampleOptions {
  event: DeliveryEvent;
  /** Repository path, e.g. `acme/web`. */
  repository?: string;
  /** Branch (push, merge_request target) or tag name (tag_push). */
  ref?: string;
  secret?: string | undefined;
  /** ISO time stamped into the body. */
  time: string;
  /** A GitLab-style body's `uuid` (where the format carries one); GitHub `X-GitHub-Delivery`. */
  uuid: string;
}

export interface SampleDelivery {
  /** Header names as the provider spells them. */
  headers: Record<string, string>;
  /** The exact JSON text sent (a signature covers these bytes). */
  body: string;
}

const COMMITS = ['9f2c1d7e5b4a39c0a1f2e3d4c5b6a7980f1e2d3c', '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d'];
const BEFORE = '0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d';

export function buildSample(format: WireFormat, options: SampleOptions): SampleDelivery {
  const repository = options.repository ?? 'demo/app';
  if (format.style === 'github') return githubSample(format, options, repository);
  const body: Record<string, unknown> = gitlabBody(options, repository);
  if (format.uuidInBody) body.uuid = options.uuid;
  const headers: Record<string, string> = { 'Content-Type': 'application/json', [format.eventHeader]: format.eventNames[options.event] };
  if (options.secret !== undefined && options.secret !== '') headers[format.tokenHeader] = options.secret;
  return { headers, body: JSON.stringify(body) };
}

function gitlabBody(options: SampleOptions, repository: string): Record<string, unknown> {
  const name = repository.split('/').pop() ?? repository;
  const project = {
    name,
    path_with_namespace: repository,
    web_url: `https://code.example.com/${repository}`,
    git_http_url: `https://code.example.com/${repository}.git`,
    git_ssh_url: `git@code.example.com:${repository}.git`,
  };
  const user = { user_id: 1, user_name: 'Demo User', user_username: 'demo', user_email: 'demo@example.com' };
  const repo = {
    name,
    url: project.git_ssh_url,
    homepage: project.web_url,
    git_http_url: project.git_http_url,
    git_ssh_url: project.git_ssh_url,
    visibility_level: 0,
  };
  const commits = COMMITS.map((id, i) => ({
    id,
    message: i === 0 ? 'Fix the build\n' : 'Add a test\n',
    timestamp: options.time,
    url: `${project.web_url}/commit/${id}`,
    author: { name: 'Demo User', email: 'demo@example.com' },
  }));
  switch (options.event) {
    case 'push':
    case 'tag_push': {
      const tag = options.event === 'tag_push';
      return {
        object_kind: options.event,
        event_name: options.event,
        before: BEFORE,
        after: COMMITS[0],
        ref: tag ? `refs/tags/${options.ref ?? 'v1.0.0'}` : `refs/heads/${options.ref ?? 'main'}`,
        checkout_sha: COMMITS[0],
        ...user,
        project_id: 100,
        project,
        repository: repo,
        commits: tag ? [] : commits,
        total_commits_count: tag ? 0 : commits.length,
      };
    }
    case 'merge_request':
      return {
        object_kind: 'merge_request',
        event_type: 'merge_request',
        user: { name: user.user_name, username: user.user_username, email: user.user_email },
        project,
        repository: repo,
        object_attributes: {
          iid: 7,
          title: 'Fix the build',
          state: 'opened',
          action: 'open',
          source_branch: 'fix/build',
          target_branch: options.ref ?? 'main',
          last_commit: commits[0],
          created_at: options.time,
        },
      };
    case 'note':
      return {
        object_kind: 'note',
        event_type: 'note',
        user: { name: user.user_name, username: user.user_username, email: user.user_email },
        project,
        repository: repo,
        object_attributes: { id: 1, note: 'Looks good', noteable_type: 'MergeRequest', created_at: options.time },
        merge_request: { iid: 7, source_branch: 'fix/build', target_branch: options.ref ?? 'main' },
      };
  }
}

function githubSample(format: Extract<WireFormat, { style: 'github' }>, options: SampleOptions, repository: string): SampleDelivery {
  const repo = { full_name: repository, name: repository.split('/').pop(), html_url: `https://github.example.com/${repository}` };
  let body: Record<string, unknown>;
  if (options.event === 'push' || options.event === 'tag_push') {
    const tag = options.event === 'tag_push';
    body = {
      ref: tag ? `refs/tags/${options.ref ?? 'v1.0.0'}` : `refs/heads/${options.ref ?? 'main'}`,
      before: BEFORE,
      after: COMMITS[0],
      repository: repo,
      pusher: { name: 'demo', email: 'demo@example.com' },
      commits: tag ? [] : COMMITS.map((id) => ({ id, message: 'Fix the build', timestamp: options.time })),
    };
  } else if (options.event === 'merge_request') {
    body = {
      action: 'opened',
      number: 7,
      pull_request: { number: 7, title: 'Fix the build', head: { ref: 'fix/build', sha: COMMITS[0] }, base: { ref: options.ref ?? 'main' } },
      repository: repo,
    };
  } else {
    body = { action: 'created', issue: { number: 7 }, comment: { id: 1, body: 'Looks good' }, repository: repo };
  }
  const text = JSON.stringify(body);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    [format.eventHeader]: format.eventNames[options.event],
    'X-GitHub-Delivery': options.uuid,
  };
  if (options.secret !== undefined && options.secret !== '') headers[format.signatureHeader] = githubSignature(options.secret, text);
  return { headers, body: text };
}

export function githubSignature(secret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
