import type { EffectiveDuration, EffectiveValues as Values } from '@dialtone/shared';
import { SafeText } from '../shell';

function DurationRow({ label, value }: { label: string; value: EffectiveDuration }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        <strong>{value.display}</strong>{' '}
        {value.origin === 'default' && <span className="pill pill-default">Traefik default</span>}
        {value.origin === 'explicit' && value.raw !== undefined && String(value.raw) !== value.display && (
          <span className="muted">
            written as <code>{JSON.stringify(value.raw)}</code>
          </span>
        )}
        {value.origin === 'parse-error' && (
          <span className="pill pill-error" title={value.error}>
            unreadable: Traefik uses 0
          </span>
        )}
      </td>
    </tr>
  );
}

/** What Traefik will really use, with its defaults marked as such. */
export function EffectiveValues({ values }: { values: Values }) {
  return (
    <table className="kv" aria-label="Effective values">
      <tbody>
        <DurationRow label="Dial timeout" value={values.dialTimeout} />
        <DurationRow label="Dial keep-alive" value={values.dialKeepAlive} />
        <DurationRow label="Termination delay" value={values.terminationDelay} />
        <tr>
          <th scope="row">TLS mode</th>
          <td>{values.tlsMode}</td>
        </tr>
        <tr>
          <th scope="row">Server name</th>
          <td>
            {values.serverName ? (
              <SafeText text={values.serverName} />
            ) : (
              <span className="muted">not set</span>
            )}
          </td>
        </tr>
        <tr>
          <th scope="row">PROXY protocol</th>
          <td>
            {values.proxyProtocolVersion === undefined ? (
              <span className="muted">off</span>
            ) : (
              `version ${String(values.proxyProtocolVersion || 2)}${values.proxyProtocolVersion === 0 ? ' (unset, Traefik sends v2)' : ''}`
            )}
          </td>
        </tr>
        <tr>
          <th scope="row">Skip certificate checks</th>
          <td>{values.insecureSkipVerify ? <span className="pill pill-warning">yes</span> : 'no'}</td>
        </tr>
      </tbody>
    </table>
  );
}
