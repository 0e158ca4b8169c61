import type { DanglingReference, TransportListResponse } from '@dialtone/shared';
import { SafeText } from '../shell';

export type { DanglingReference };

export function danglingOf(list: TransportListResponse): DanglingReference[] | undefined {
  return list.dangling;
}

export function DanglingView({ list, namespaces }: { list: TransportListResponse; namespaces: string[] }) {
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
    <table className="grid-table" aria-label="Dangling references" data-testid="dangling-view">
      <thead>
        <tr>
          <th scope="col">IngressRouteTCP</th>
          <th scope="col">serversTransport</th>
          <th scope="col">Resolves to (missing)</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((d) => (
          <tr key={`${d.route.namespace}/${d.route.name}/${d.reference}`}>
            <td>
              <SafeText text={`${d.route.namespace}/${d.route.name}`} />
            </td>
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
          </tr>
        ))}
      </tbody>
    </table>
  );
}
