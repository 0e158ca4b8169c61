import type { TransportEvent } from '@dialtone/shared';

export interface EventStreamHandlers {
  onEvent(event: TransportEvent): void;
  onStatus(status: 'connecting' | 'live' | 'retrying'): void;
}

function isTransportEvent(value: unknown): value is TransportEvent {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** Opens the SSE stream; EventSource resumes with Last-Event-ID by itself after a drop. Returns a closer. */
export function openEventStream(url: string, handlers: EventStreamHandlers): () => void {
  handlers.onStatus('connecting');
  const source = new EventSource(url, { withCredentials: true });
  source.onopen = () => handlers.onStatus('live');
  source.onerror = () => handlers.onStatus('retrying');
  source.onmessage = (message: MessageEvent<string>) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.data);
    } catch {
      return;
    }
    if (isTransportEvent(parsed)) handlers.onEvent(parsed);
  };
  return () => source.close();
}
