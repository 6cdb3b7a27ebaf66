import { UsageError } from '../errors.js';

/** Where a hook lives (design §3). One string on the command line and in files. */
export type Target =
  | { provider: 'codeup'; organizationId: string; projectId: string }
  | { provider: 'codearts'; groupId: string }
  | { provider: 'servicestage'; projectId: string; namespace: string; project: string };

export type ProviderId = Target['provider'];

export const PROVIDER_IDS: readonly ProviderId[] = ['codeup', 'codearts', 'servicestage'];

export const TARGET_FORMS: Record<ProviderId, string> = {
  codeup: 'codeup:<organizationId>/<projectId>',
  codearts: 'codearts:<groupId>',
  servicestage: 'servicestage:<projectId>/<namespace>/<project>',
};

const NUMERIC_ID = /^[1-9][0-9]{0,18}$/;
// Organization, IAM project and namespace ids: no slashes, no whitespace, no control characters.
const PLAIN_SEGMENT = /^[^\s/:?#%\\]{1,128}$/;
// A ServiceStage project may be a nested path (GitLab subgroups), sent with ':' instead of '/'.
const PROJECT_PATH = /^[^\s:?#%\\]{1,255}$/;
// "." and ".." (also percent-encoded, any case) would move the request to another API path.
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

export function isProviderId(value: string): value is ProviderId {
  return (PROVIDER_IDS as readonly string[]).includes(value);
}

export function parseTarget(input: string): Target {
  const colon = input.indexOf(':');
  const provider = colon < 0 ? '' : input.slice(0, colon);
  const rest = colon < 0 ? '' : input.slice(colon + 1);
  if (!isProviderId(provider)) {
    throw new UsageError(`target "${printable(input)}": unknown provider "${printable(provider)}"`, {
      hint: `expected one of ${Object.values(TARGET_FORMS).join(', ')}`,
    });
  }
  const parts = rest.split('/');
  const bad = (why: string): UsageError =>
    new UsageError(`target "${printable(input)}": ${why}`, { hint: `expected ${TARGET_FORMS[provider]}` });
  if (parts.some((part) => DOT_SEGMENT.test(part))) throw bad('a segment may not be "." or ".." (nor %2e, %2e%2e)');

  switch (provider) {
    case 'codeup': {
      const [organizationId = '', projectId = ''] = parts;
      if (parts.length !== 2 || !PLAIN_SEGMENT.test(organizationId)) throw bad('needs an organization id and a project id');
      if (!NUMERIC_ID.test(projectId)) throw bad('the project id must be a positive number');
      return { provider, organizationId, projectId };
    }
    case 'codearts': {
      const [groupId = ''] = parts;
      if (parts.length !== 1 || !NUMERIC_ID.test(groupId)) throw bad('the group id must be a positive number');
      return { provider, groupId };
    }
    case 'servicestage': {
      const [projectId = '', namespace = '', ...projectParts] = parts;
      const project = projectParts.join('/');
      if (!PLAIN_SEGMENT.test(projectId) || !PLAIN_SEGMENT.test(namespace) || project === '') {
        throw bad('needs a project id, a namespace and a repository');
      }
      if (!PROJECT_PATH.test(project) || projectParts.some((p) => p === '')) throw bad('the repository path is not valid');
      return { provider, projectId, namespace, project };
    }
  }
}

export function formatTarget(target: Target): string {
  switch (target.provider) {
    case 'codeup':
      return `codeup:${target.organizationId}/${target.projectId}`;
    case 'codearts':
      return `codearts:${target.groupId}`;
    case 'servicestage':
      return `servicestage:${target.projectId}/${target.namespace}/${target.project}`;
  }
}

/** Keeps user input printable in one line of an error message. */
function printable(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 77)}...` : clean;
}

export type TargetOf<P extends ProviderId> = Extract<Target, { provider: P }>;

/** Narrows a target for an adapter; a mismatch is a bug in hookctl (the registry routes by provider). */
export function targetOf<P extends ProviderId>(target: Target, provider: P): TargetOf<P> {
  if (target.provider !== provider) throw new Error(`${provider} adapter given a ${target.provider} target`);
  return target as TargetOf<P>;
}
