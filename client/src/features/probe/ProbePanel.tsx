import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import {
  apiPaths,
  type ProbeRequest,
  type ProbeResponse,
  type ProbeTargetResult,
  type ProbeTransport,
  type ServersTransportTCPSpec,
  type TransportUsage,
} from '@dialtone/shared';
import { write } from '../../api';
import { SafeText } from '../shell';
import { addHistory, readHistory, type ProbeRecord } from './history';
import { ProbeResult } from './ProbeResult';
import { targetLabel, VERDICT_LOOK } from './probeText';
import { backendsOf, parseTypedTarget, routesOf } from './targets';

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

/** "2 of 3 backends failing": the answer before the details. */
export function probeSummary(results: readonly ProbeTargetResult[]): string {
  const total = results.length;
  const failing = results.filter((r) => r.verdict === 'fail' || r.verdict === 'blocked').length;
  const unsure = results.filter((r) => r.verdict === 'inconclusive').length;
  const what = total === 1 ? 'backend' : 'backends';
  if (failing > 0) return `${String(failing)} of ${String(total)} ${what} failing`;
  if (unsure > 0) return `${String(unsure)} of ${String(total)} ${what} inconclusive, none failing`;
  return total === 1 ? 'The backend passes' : `All ${String(total)} backends pass`;
}

/** Test connection: every backend of the routes, one of them, or a typed target, never saving first. */
export function ProbePanel(props: Props) {
  const [typed, setTyped] = useState('');
  const [tls, setTls] = useState(true);
  const [history, setHistory] = useState<ProbeRecord[]>(() =>
    readHistory(props.cluster, props.namespace, props.name),
  );
  const summary = useRef<HTMLParagraphElement>(null);
  const parsed = parseTypedTarget(typed, tls);
  const typedTarget = parsed && 'target' in parsed ? parsed.target : undefined;
  const typedError = parsed && 'error' in parsed ? parsed.error : undefined;
  const draft = 'spec' in props.transport;
  const backends = backendsOf(props.usage);
  const routes = routesOf(props.usage);

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
  // The answer takes the focus, so a keyboard or screen reader user lands on it.
  useEffect(() => {
    if (probe.data) summary.current?.focus();
  }, [probe.data]);

  // A saved transport lets the server find its routes' backends itself; a draft names them.
  const allTargets: ProbeRequest['targets'] = draft ? backends.map((b) => b.target) : 'usage';
  const reason = typedError
    ? 'Fix the target first, or clear it to test every backend.'
    : !typedTarget && props.usage.length === 0
      ? 'No route uses this transport; type a target.'
      : undefined;
  const results = probe.data?.results ?? [];
  const failing = results.some((r) => r.verdict === 'fail' || r.verdict === 'blocked');

  return (
    <section className="panel probe-panel" aria-labelledby="probe-title">
      <h3 id="probe-title">Test connection</h3>
      <p className="muted">
        {draft ? 'Tests the draft as it is now, without saving it. ' : ''}
        {typedTarget
          ? `Target: ${typed.trim()}.`
          : props.usage.length > 0
            ? `Tests the ${String(backends.length)} backend${backends.length === 1 ? '' : 's'} of the routes that use it, one of them, or a target you type.`
            : ''}
      </p>
      <div className="toolbar probe-form">
        <div className="field">
          <label htmlFor="probe-target">Target</label>
          <input
            id="probe-target"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder="demo/backend:443 or host:port"
            aria-invalid={typedError !== undefined}
            aria-describedby={typedError ? 'probe-target-error' : undefined}
            spellCheck={false}
            autoComplete="off"
          />
          {typedError && (
            <p id="probe-target-error" className="field-error" role="alert">
              <SafeText text={typedError} />
            </p>
          )}
        </div>
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
          onClick={() => probe.mutate(typedTarget ? [typedTarget] : allTargets)}
        >
          {typedTarget ? 'Test connection' : 'Test all backends'}
        </button>
      </div>
      {reason && !typedError && <p className="muted">{reason}</p>}
      {backends.length > 1 && (
        <div className="chips" role="group" aria-label="Test one backend">
          {backends.map((backend) => (
            <button
              key={`${backend.label}/${String(backend.target.tls)}`}
              type="button"
              className="chip"
              disabled={probe.isPending}
              onClick={() => probe.mutate([backend.target])}
            >
              <span className="visually-hidden">Test </span>
              <SafeText text={backend.label} />
            </button>
          ))}
        </div>
      )}
      {probe.isPending && <p role="status">Testing… this can take up to the dial timeout.</p>}
      {probe.isError && (
        <p role="alert" className="banner banner-error">
          <SafeText text={probe.error.message} />
        </p>
      )}
      {probe.data && (
        <div className="probe-results">
          <p
            ref={summary}
            tabIndex={-1}
            className={`probe-summary ${failing ? 'text-error' : 'ok-text'}`}
            data-testid="probe-summary"
            role="status"
          >
            {probeSummary(results)}
          </p>
          {results.map((result, i) => (
            <ProbeResult
              key={`${result.address}-${String(i)}`}
              result={result}
              spec={props.spec}
              routes={routes}
            />
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
