import { useQuery } from '@tanstack/react-query';
import type { HealthResponse } from '@dialtone/shared';

async function fetchHealth(): Promise<HealthResponse> {
  const response = await fetch('/healthz');
  if (!response.ok) throw new Error(`The server answered ${response.status} to /healthz.`);
  return (await response.json()) as HealthResponse;
}

export function App() {
  const health = useQuery({ queryKey: ['healthz'], queryFn: fetchHealth });
  return (
    <main>
      <header>
        <h1>Dialtone</h1>
        <p>Traefik ServersTransportTCP dashboard</p>
      </header>
      <section aria-label="Server status">
        {health.isPending && <p>Connecting to the Dialtone server…</p>}
        {health.isError && <p role="alert">The Dialtone server cannot be reached: {health.error.message}</p>}
        {health.isSuccess && (
          <p>
            Server <strong data-testid="server-status">{health.data.status}</strong>, version{' '}
            {health.data.version}
          </p>
        )}
      </section>
    </main>
  );
}
