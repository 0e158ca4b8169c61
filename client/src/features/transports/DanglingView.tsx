import type { DanglingReference, TransportListResponse } from '@dialtone/shared';
import { formatRoute, SafeText } from '../shell';

export type { DanglingReference };

export function danglingOf(list: TransportListResponse): DanglingReference[] | undefined {
  return list.dangling;
}

/** The name to create for a reference, when Traefik resolves it in the route's own namespace. */
export function missingTransportName(d: DanglingReference): string | undefined {
  return d.reference !== '' && !d.reference.includes('@') ? d.reference : undefined;
}

function RouteDetails({ d }: { d: DanglingReference }) {
  const { namespace, name } = d.route;
  return (
    <details className="route-details">
      <summary>Open the route</summary>
      <p>
        IngressRouteTCP <SafeText text={`${namespace}/${name}`} /> names serversTransport{' '}
        <code>
          <SafeText text={d.reference} />
        </code>
        , which Traefik resolves to{' '}
        <code>
          <SafeText text={d.resolvesTo} />
        </code>
        . No transport has that ID, so Traefik does not serve this route. Edit it with
      </p>
      <pre>
        <code>
          kubectl -n <SafeText text={namespace} /> edit ingressroutetcp <SafeText text={name} />
        </code>
      </pre>
    </details>
  );
}

export function DanglingView({
  list,
  cluster,
  namespaces,
}: {
  list: TransportListResponse;
  cluster: string;
  namespaces: string[];
}) {
  const all = danglingOf(list);
  if (!all) {
    return (
      <p className="empty" data-testid="dangling-view">
        This server does not report dangling references yet. Run <code>dialtone lint</code> on your manifests
        to find routes that name a missing transport.
      </p>
    );
  }
  const shown = namespaces.length > 0 ? all.filter((d) => namespaces.includes(d.route.namespace)) : all;
  if (shown.length === 0) return <p className="empty">Every route names a transport that exists.</p>;
  return (
    <table className="grid-table dangling-table" aria-label="Dangling references" data-testid="dangling-view">
      <thead>
        <tr>
          <th scope="col">IngressRouteTCP</th>
          <th scope="col">serversTransport</th>
          <th scope="col">Resolves to (missing)</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((d) => {
          const missing = missingTransportName(d);
          return (
            <tr key={`${d.route.namespace}/${d.route.name}/${d.reference}`}>
              <th scope="row">
                <SafeText text={`${d.route.namespace}/${d.route.name}`} />
              </th>
              <td>
                <code>
                  <SafeText text={d.reference} />
                </code>
              </td>
              <td>
                <code>
                  <SafeText text={d.resolvesTo} />
                </code>
              </td>
              <td className="actions">
                <RouteDetails d={d} />
                {missing ? (
                  <a
                    href={formatRoute({
                      view: 'new',
                      cluster,
                      namespaces: [d.route.namespace],
                      template: 'tcp',
                      tab: 'form',
                      name: missing,
                    })}
                  >
                    Create <SafeText text={`${d.route.namespace}/${missing}`} /> from a template
                  </a>
                ) : (
                  <span className="muted">
                    Named by its Traefik ID: create the transport that ID stands for, or name a transport of
                    the route&apos;s namespace.
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
