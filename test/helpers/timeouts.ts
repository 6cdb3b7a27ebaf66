/**
 * Time limits for the suite. They stop a hang; they are not assertions. A healthy test takes a
 * small part of them on an idle 2-core machine, and still fits when other work keeps both cores
 * busy. A spawned hookctl uses only ~0.2 s of CPU, but it blocks ~1300 times on its way (module
 * reads and the like) and waits for a free core after each, so on a saturated machine it takes up
 * to ~20 s; the slowest e2e test, five spawns in a row, took 109 s at load average 18 on 2 cores.
 * A hung child is caught sooner, by runBin's own limit.
 *
 * HOOKCTL_TEST_SLOWDOWN=N multiplies them all, for a machine slower still.
 */
const slowdown = Math.max(1, Number(process.env.HOOKCTL_TEST_SLOWDOWN) || 1);

/** Per test and per hook (vitest.config.ts). */
export const TEST_TIMEOUT_MS = 240_000 * slowdown;
/** A hookctl subprocess (runBin) still running after this is killed: a hang, not a slow start. */
export const CHILD_TIMEOUT_MS = 90_000 * slowdown;
