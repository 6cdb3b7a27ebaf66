import { SEGMENT, type Target, type TargetGrammar } from '../../model/target.js';

/** One Codeup repository: `codeup:<organizationId>/<projectId>` (both Codeup APIs). */
export interface CodeupTarget extends Target {
  readonly provider: 'codeup';
  readonly organizationId: string;
  readonly projectId: string;
}

/** `codeup:<organizationId>/*`: every repository of the organization (both APIs list them). */
export interface CodeupPattern {
  organizationId: string;
}

export const codeupTarget: TargetGrammar<CodeupTarget, CodeupPattern> = {
  provider: 'codeup',
  form: 'codeup:<organizationId>/<projectId>',
  parse(parts, bad) {
    const [organizationId = '', projectId = ''] = parts;
    if (parts.length !== 2 || !SEGMENT.plain.test(organizationId)) throw bad('needs an organization id and a project id');
    if (!SEGMENT.numericId.test(projectId)) throw bad('the project id must be a positive number');
    return { provider: 'codeup', organizationId, projectId };
  },
  format: (target) => `${target.organizationId}/${target.projectId}`,
  patterns: {
    forms: [{ form: 'codeup:<organizationId>/*', expands: 'every repository of the organization' }],
    // An organization id never holds a `*`: any one makes the text a pattern.
    matches: (parts) => parts.some((part) => part.includes('*')),
    parse(parts, bad) {
      const [organizationId = '', star] = parts;
      if (parts.length !== 2 || star !== '*') throw bad('the only Codeup pattern is <organizationId>/*');
      if (!SEGMENT.plain.test(organizationId) || organizationId.includes('*')) throw bad('the organization id must be given in full (no *)');
      return { organizationId };
    },
  },
};

export const formatCodeupTarget = (target: CodeupTarget): string => `codeup:${codeupTarget.format(target)}`;
