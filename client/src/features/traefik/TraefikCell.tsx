import type { TraefikOverviewResponse } from '@dialtone/shared';

type Instance = TraefikOverviewResponse['instances'][number];

/** Header of an instance's column in the list. */
export function traefikColumnLabel(instance: Instance): string {
  return `Traefik ${instance.instance.id}`;
}

/** The list's cell for one transport and one instance: loaded, in error (with routers in error), or not used. */
export function TraefikCell({ instance, traefikId }: { instance: Instance | undefined; traefikId: string }) {
  if (!instance) return <span className="muted">…</span>;
  if (instance.state === 'error')
    return (
      <span className="muted" title={instance.error}>
        unreadable
      </span>
    );
  const summary = instance.transports[traefikId];
  if (!summary || summary.verdict === 'not-used') return <span className="muted">not used</span>;
  if (summary.verdict === 'loaded')
    return (
      <span className="pill pill-ok" title={`${summary.routers} router(s) enabled`}>
        loaded
      </span>
    );
  return (
    <span className="pill pill-error" title="Open the transport to read Traefik's errors">
      in error ({summary.routersInError} of {summary.routers} router{summary.routers === 1 ? '' : 's'})
    </span>
  );
}
