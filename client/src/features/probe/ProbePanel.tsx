import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import {
  apiPaths,
  type ProbeRequest,
  type ProbeResponse,
  type ProbeTarget,
  type ProbeTransport,
  type ServersTransportTCPSpec,
  type TransportUsage,
} from '@dialtone/shared';
import { write } from '../../api';
import { SafeText } from '../shell';
import { addHistory, readHistory, type ProbeRecord } from './history';
import { ProbeResult } from './ProbeResult';
import { parseTarget, targetLabel, VERDICT_LOOK } from './probeText';

interface Props {
  cluster: string;
  namespace: string;
  name: string;
  /** What to test: the saved object, or the draft being edited. */
  transport: ProbeTransport;
  /** The spec shown, for the equivalent command. */
  spec: ServersTransportTCPSpec | undefined;
  usage: TransportUsage[];
}

function usageTargets(usage: TransportUsage[]): ProbeTarget[] {
  return usage.map((u) => ({
    service: { namespace: u.service.namespace, name: u.service.name, port: u.service.port },
    tls: u.tls,
  }));
}

/** Test connection: from the routes' backends or a typed host:port, never saving first. */
export function ProbePanel(props: Props) {
  const [typed, setTyped] = useState('');
  const [tls, setTls] = useState(true);
  const [history, setHistory] = useState<ProbeRecord[]>(() =>
    readHistory(props.cluster, props.namespace, props.name),
  );
  const typedTarget = parseTarget(typed);
  const draft = 'spec' in props.transport;

  const probe = useMutation({
    mutationFn: (targets: ProbeRequest['targets']) =>
      write<ProbeResponse>('POST', apiPaths.probe(props.cluster), {
        json: { transport: props.transport, targets } satisfies ProbeRequest,
      }),
    onSuccess: (response) => {
      const at = new Date().toISOString();
      setHistory(
        addHistory(
          props.cluster,
          props.namespace,
          props.name,
          response.results.map((result) => ({ at, draft, result })),
        ),
      );
    },
  });

  // A saved transport lets the server find its routes' backends itself; a draft names them.
  const targets: ProbeRequest['targets'] = typedTarget
    ? [{ address: typedTarget, tls }]
    : draft
      ? usageTargets(props.usage)
      : 'usage';
  const reason =
    !typedTarget && props.usage.length === 0 ? 'No route uses this transport; type a host:port.' : undefined;

  return (
    <section className="panel" aria-labelledby="probe-title">
      <h3 id="probe-title">Test connection</h3>
      <p className="muted">
        {draft ? 'Tests the draft as it is now, without saving it. ' : ''}
        {typedTarget
          ? `Target: ${typedTarget}.`
          : props.usage.length > 0
            ? `Targets: the ${String(props.usage.length)} backend${props.usage.length > 1 ? 's' : ''} of the routes that use it, or type one.`
            : ''}
      </p>
      <div className="toolbar">
        <label className="field">
          Target (host:port)
          <input
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder="backend.namespace.svc:443"
            aria-invalid={typed !== '' && !typedTarget}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={tls}
            onChange={(e) => setTls(e.target.checked)}
            disabled={!typedTarget}
          />
          Speak TLS
        </label>
        <button
          type="button"
          className="primary"
          disabled={probe.isPending || reason !== undefined}
          title={reason}
          onClick={() => probe.mutate(targets)}
        >
          Test connection
        </button>
      </div>
      {reason && <p className="muted">{reason}</p>}
      {probe.isPending && <p role="status">Testing… this can take up to the dial timeout.</p>}
      {probe.isError && (
        <p role="alert" className="banner banner-error">
          <SafeText text={probe.error.message} />
        </p>
      )}
      {probe.data && (
        <div className="probe-results">
          {probe.data.results.map((result, i) => (
            <ProbeResult key={`${result.address}-${String(i)}`} result={result} spec={props.spec} />
          ))}
          {probe.data.notes.map((note) => (
            <p key={note} className="muted">
              <SafeText text={note} />
            </p>
          ))}
        </div>
      )}
      {history.length > 0 && (
        <details>
          <summary>Recent tests in this browser ({history.length})</summary>
          <ul className="history">
            {history.map((record, i) => (
              <li key={`${record.at}-${String(i)}`}>
                <time dateTime={record.at}>{new Date(record.at).toLocaleString()}</time>{' '}
                {VERDICT_LOOK[record.result.verdict].history}:{' '}
                <SafeText text={`${targetLabel(record.result)} — ${record.result.title}`} />
                {record.draft ? ' (draft)' : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
