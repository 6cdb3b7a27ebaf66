/**
 * Sample deliveries, shaped as each provider sends them (facts.ts), for `hooks test` and the
 * emulator's simulated events. Field names follow the sources named in facts.ts: GitLab-style
 * bodies for Codeup and CodeArts (CodeArts adds `uuid`), GitHub's or GitLab's own for ServiceStage.
 * Values are made up, deterministic apart from what the caller passes in.
 */
import { createHmac } from 'node:crypto';
import type { ProviderId } from '../model/target.js';
import { CODEARTS_DELIVERY, CODEUP_DELIVERY, type DeliveryEvent, SERVICESTAGE_DELIVERY } from './facts.js';

export type ServicestageStyle = 'github' | 'gitlab';

export interface SampleOptions {
  provider: ProviderId;
  event: DeliveryEvent;
  /** Repository path, e.g. `acme/web`. */
  repository?: string;
  /** Branch (push, merge_request target) or tag name (tag_push). */
  ref?: string;
  secret?: string | undefined;
  /** CodeArts: the hook's token_type (default X-Repo-Token). */
  tokenHeader?: string | undefined;
  /** ServiceStage: the Git host's format (default github). */
  style?: ServicestageStyle | undefined;
  /** ISO time stamped into the body. */
  time: string;
  /** CodeArts `uuid`; GitHub `X-GitHub-Delivery`. */
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

export function sampleDelivery(options: SampleOptions): SampleDelivery {
  const repository = options.repository ?? 'demo/app';
  if (options.provider === 'servicestage' && (options.style ?? 'github') === 'github') return githubSample(options, repository);
  const facts = options.provider === 'codeup' ? CODEUP_DELIVERY : options.provider === 'codearts' ? CODEARTS_DELIVERY : SERVICESTAGE_DELIVERY.gitlab;
  const body: Record<string, unknown> = gitlabBody(options, repository);
  if (options.provider === 'codearts') body.uuid = options.uuid;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    [facts.eventHeaders.value[0] ?? 'X-Gitlab-Event']: facts.eventNames.value[options.event],
  };
  if (options.secret !== undefined && options.secret !== '') {
    const tokenHeader = options.provider === 'codearts' ? (options.tokenHeader ?? CODEARTS_DELIVERY.tokenTypes.value[0]) : facts.tokenHeaders.value[0];
    headers[tokenHeader ?? 'X-Gitlab-Token'] = options.secret;
  }
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

function githubSample(options: SampleOptions, repository: string): SampleDelivery {
  const facts = SERVICESTAGE_DELIVERY.github;
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
    [facts.eventHeader.value]: facts.eventNames.value[options.event],
    'X-GitHub-Delivery': options.uuid,
  };
  if (options.secret !== undefined && options.secret !== '') headers[facts.signatureHeader.value] = githubSignature(options.secret, text);
  return { headers, body: text };
}

export function githubSignature(secret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
