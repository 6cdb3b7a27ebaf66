/** The exit-code contract (design §6). Scripts depend on these numbers: never renumber. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  auth: 4,
  partial: 5,
  network: 6,
  changesPending: 10,
  /** `audit --fail-on LEVEL`: a finding at or above that severity exists. */
  findings: 11,
  interrupted: 130,
  /** SIGTERM (a CI job cancelled, `kill`): 128 + 15, like a process the signal killed. */
  terminated: 143,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
