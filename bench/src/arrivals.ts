/** When each object's event arrived on a stream, by name, so a create can wait for its own event. */
export class Arrivals {
  private readonly times = new Map<string, number>();
  private wake: (() => void) | undefined;

  /** An event for `name` arrived now. */
  record(name: string): void {
    this.times.set(name, performance.now());
    this.wake?.();
  }

  /** The stream moved (or ended) without an event of interest. */
  poke(): void {
    this.wake?.();
  }

  /**
   * Creates `changes` objects one after the other with `create`, each timed from just before it is
   * sent until its event arrives; with each create's own round trip.
   */
  async timeCreates(
    changes: number,
    prefix: string,
    create: (name: string) => Promise<unknown>,
  ): Promise<{ latencies: number[]; writes: number[] }> {
    const latencies: number[] = [];
    const writes: number[] = [];
    for (let i = 0; i < changes; i++) {
      const name = `${prefix}-${i}`;
      const started = performance.now();
      await create(name);
      writes.push(performance.now() - started);
      while (!this.times.has(name)) await new Promise<void>((resolve) => (this.wake = resolve));
      latencies.push(this.times.get(name)! - started);
    }
    return { latencies, writes };
  }
}
