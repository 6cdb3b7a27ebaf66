import { SEGMENT, type Target, type TargetGrammar } from '../../model/target.js';

/** One Codeup repository: `codeup:<organizationId>/<projectId>` (both Codeup APIs). */
export interface CodeupTarget extends Target {
  readonly provider: 'codeup';
  readonly organizationId: string;
  readonly projectId: string;
}

export const codeupTarget: TargetGrammar<CodeupTarget> = {
  provider: 'codeup',
  form: 'codeup:<organizationId>/<projectId>',
  parse(parts, bad) {
    const [organizationId = '', projectId = ''] = parts;
    if (parts.length !== 2 || !SEGMENT.plain.test(organizationId)) throw bad('needs an organization id and a project id');
    if (!SEGMENT.numericId.test(projectId)) throw bad('the project id must be a positive number');
    return { provider: 'codeup', organizationId, projectId };
  },
  format: (target) => `${target.organizationId}/${target.projectId}`,
};

export const formatCodeupTarget = (target: CodeupTarget): string => `codeup:${codeupTarget.format(target)}`;
