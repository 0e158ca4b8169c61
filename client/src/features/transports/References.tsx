import type { ReferenceState, TransportUsage } from '@dialtone/shared';
import { SafeText } from '../shell';

const STATE_TEXT: Record<ReferenceState['state'], string> = {
  ok: 'found',
  missing: 'missing',
  forbidden: 'you may not read it',
  'no-usable-key': 'no usable key',
  'invisible-to-traefik': 'invisible to Traefik',
};

function expiry(notAfter: string, expired: boolean): string {
  const days = Math.floor((Date.parse(notAfter) - Date.now()) / 86_400_000);
  if (expired || days < 0) return `expired ${notAfter.slice(0, 10)}`;
  return `expires ${notAfter.slice(0, 10)} (in ${String(days)} days)`;
}

export function References({ references }: { references: ReferenceState[] }) {
  if (references.length === 0) return <p className="muted">No Secret or ConfigMap is referenced.</p>;
  return (
    <table className="grid-table" aria-label="Referenced Secrets and ConfigMaps">
      <thead>
        <tr>
          <th scope="col">Object</th>
          <th scope="col">Used by</th>
          <th scope="col">State</th>
          <th scope="col">Certificates</th>
        </tr>
      </thead>
      <tbody>
        {references.map((ref) => (
          <tr key={`${ref.kind}/${ref.name}/${ref.usedBy}`}>
            <td>
              {ref.kind} <SafeText text={ref.name} />
              {ref.key && (
                <span className="muted">
                  {' '}
                  key <code>{ref.key}</code>
                </span>
              )}
            </td>
            <td>
              <code>{ref.usedBy}</code>
            </td>
            <td>
              <span className={`pill ${ref.state === 'ok' ? 'pill-ok' : 'pill-error'}`}>
                {STATE_TEXT[ref.state]}
              </span>
              {ref.message && (
                <div className="muted">
                  <SafeText text={ref.message} />
                </div>
              )}
            </td>
            <td>
              {ref.certificates?.map((cert) => (
                <div key={cert.fingerprintSha256} className={cert.expired ? 'text-error' : undefined}>
                  <SafeText text={cert.subject} /> — {expiry(cert.notAfter, cert.expired)}
                </div>
              )) ?? <span className="muted">—</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Usage({ usage }: { usage: TransportUsage[] }) {
  if (usage.length === 0) return <p className="muted">No IngressRouteTCP uses this transport.</p>;
  return (
    <table className="grid-table" aria-label="Routes using this transport">
      <thead>
        <tr>
          <th scope="col">IngressRouteTCP</th>
          <th scope="col">Backend</th>
          <th scope="col">TLS to backend</th>
          <th scope="col">Reference</th>
        </tr>
      </thead>
      <tbody>
        {usage.map((u) => (
          <tr key={`${u.route.namespace}/${u.route.name}/${String(u.routeIndex)}/${String(u.serviceIndex)}`}>
            <td>
              <SafeText text={`${u.route.namespace}/${u.route.name}`} />
            </td>
            <td>
              <SafeText text={`${u.service.namespace}/${u.service.name}:${String(u.service.port)}`} />
            </td>
            <td>{u.tls ? 'yes' : 'no'}</td>
            <td>
              <code>
                <SafeText text={u.reference} />
              </code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
