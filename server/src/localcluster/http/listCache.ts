/**
 * Encoded list responses for the current resourceVersion. A dashboard polls the same lists while
 * nothing changes; any write moves the resourceVersion on and empties the cache.
 */
export class ListCache {
  private rv = -1;
  private readonly entries = new Map<string, Buffer>();

  constructor(private readonly maxEntries = 16) {}

  get(rv: number, key: string): Buffer | undefined {
    if (rv !== this.rv) return undefined;
    return this.entries.get(key);
  }

  set(rv: number, key: string, body: Buffer): void {
    if (rv !== this.rv) {
      this.entries.clear();
      this.rv = rv;
    }
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, body);
  }
}
