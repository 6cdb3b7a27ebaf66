import { bool, type FlagValues, list, text } from '../../runtime/flags.js';

/** The spec flags shared by create and update, declared once (cheap: no zod, for --help). */
export const specFlags = {
  url: text('--url <url>', 'delivery URL (http or https)'),
  events: text('--events <list>', 'comma-separated: push,tag_push,merge_request,note (default push)'),
  name: text('--name <name>', 'label (CodeArts requires it)'),
  description: text('--description <text>', 'free text'),
  secretEnv: text('--secret-env <var>', 'read the hook secret from this environment variable'),
  secretStdin: bool('--secret-stdin', 'read the hook secret from standard input'),
  branchFilter: text('--branch-filter <regex>', 'only pushes to matching branches (CodeArts)'),
  noteFilter: list('--note-filter <regex>', 'only comments matching (CodeArts; repeatable)'),
  sslVerify: bool('--no-ssl-verify', 'do not verify TLS when delivering (Codeup)'),
} as const;

export type SpecFlags = FlagValues<typeof specFlags> & {
  /** update only: --clear-branch-filter / --clear-note-filters. */
  clearBranchFilter?: boolean;
  clearNoteFilters?: boolean;
};
