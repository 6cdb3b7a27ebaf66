/**
 * A fake clock for the fleet tests: `now()` and `sleep()` are virtual, and `run(promise)` advances
 * time from timer to timer until the promise settles. No real timers, so the tests are exact.
 */
export class FakeClock {
  time = 0;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  private seq = 0;

  now = (): number => this.time;

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve) => {
      const timer = { at: this.time + Math.max(0, ms), seq: this.seq++, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          resolve();
        },
        { once: true },
      );
    });

  /** Lets every pending promise chain run (macrotask turns, not time). */
  async flush(): Promise<void> {
    for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Advances virtual time until `promise` settles; fails on a deadlock (nothing left to wake). */
  async run<T>(promise: Promise<T>): Promise<T> {
    let settled = false;
    const watched = promise.finally(() => {
      settled = true;
    });
    watched.catch(() => {});
    while (true) {
      await this.flush();
      if (settled) return watched;
      if (this.timers.length === 0) throw new Error(`deadlock at t=${this.time}: nothing pending on the fake clock`);
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      this.time = Math.max(this.time, next.at);
      next.resolve();
    }
  }
}
