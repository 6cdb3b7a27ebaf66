/**
 * Time limits for the suite. They stop a hang; they are not assertions. A healthy test takes a
 * small part of them on an idle 2-core machine, and still fits when the machine is loaded ten
 * times over by other work (a spawned hookctl then takes seconds to start instead of 0.3 s).
 *
 * HOOKCTL_TEST_SLOWDOWN=N multiplies them all, for a machine slower still.
 */
const slowdown = Math.max(1, Number(process.env.HOOKCTL_TEST_SLOWDOWN) || 1);

/** Per test and per hook (vitest.config.ts). */
export const TEST_TIMEOUT_MS = 120_000 * slowdown;
/** A hookctl subprocess (runBin) still running after this is killed: a hang, not a slow start. */
export const CHILD_TIMEOUT_MS = 90_000 * slowdown;
