import type { TransportEvent } from '@dialtone/shared';

export interface ReceivedEvent {
  id: string | undefined;
  event: TransportEvent;
}

export interface EventsClient {
  next(match: (event: TransportEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  waitForHeartbeat(timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Reads a server-sent event stream with fetch, as a test needs it: one matching event at a time. */
export async function openEvents(
  url: string,
  lastEventId?: string,
  headers: Record<string, string> = {},
): Promise<EventsClient> {
  const controller = new AbortController();
  const response = await fetch(url, {
    signal: controller.signal,
    headers: { ...headers, ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) },
  });
  if (response.status !== 200 || !response.body) {
    throw new Error(`event stream answered ${response.status}: ${await response.text()}`);
  }
  const received: ReceivedEvent[] = [];
  let heartbeats = 0;
  const wakers = new Set<() => void>();
  let buffer = '';
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(': heartbeat')) heartbeats += 1;
          const id = /^id: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data) received.push({ id, event: JSON.parse(data) as TransportEvent });
          for (const wake of wakers) wake();
        }
      }
    } catch {
      // Aborted by close().
    }
  })();

  const waitFor = <T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const attempt = () => {
        const found = check();
        if (found === undefined) return;
        clearTimeout(timer);
        wakers.delete(attempt);
        resolve(found);
      };
      const timer = setTimeout(() => {
        wakers.delete(attempt);
        reject(new Error(`no ${what} within ${timeoutMs} ms; got ${JSON.stringify(received)}`));
      }, timeoutMs);
      wakers.add(attempt);
      attempt();
    });

  return {
    next(match, timeoutMs = 8_000) {
      return waitFor(
        () => {
          const index = received.findIndex((r) => match(r.event));
          if (index === -1) return undefined;
          return received.splice(0, index + 1).at(-1);
        },
        timeoutMs,
        'matching event',
      );
    },
    waitForHeartbeat(timeoutMs = 5_000) {
      const seen = heartbeats;
      return waitFor(() => (heartbeats > seen ? true : undefined), timeoutMs, 'heartbeat').then(
        () => undefined,
      );
    },
    close() {
      controller.abort();
    },
  };
}
