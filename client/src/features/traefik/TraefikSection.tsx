import { useEffect, useState } from 'react';
import type { TraefikOrigin, TraefikStatus, TraefikVerdict, TransportTraefikView } from '@dialtone/shared';
import { SafeText } from '../shell';
import { useTransportTraefik } from './queries';

/** The last Test connection of the transport in this browser, to set beside Traefik's verdict. */
export interface LastProbe {
  at: string;
  passed: boolean;
}

interface Props {
  cluster: string;
  namespace: string;
  name: string;
  resourceVersion: string;
  lastProbe?: LastProbe;
}

const VERDICT: Record<TraefikVerdict, string> = {
  loaded: 'loaded',
  'in-error': 'in error',
  'not-used': 'not used',
};

const PREDICTION: Record<TraefikVerdict, string> = {
  loaded: 'loads it without errors',
  'in-error': 'reports errors for it',
  'not-used': 'uses it from no route',
};

// Traefik's providers throttle is 2 s by default; past these, a saved change should show.
const THROTTLE_MS = 2_500;
const WATCH_LIMIT_MS = 20_000;
const WATCH_POLL_MS = 2_000;

/** Versions seen per transport in this tab, so a detail shown after Save knows the version changed. */
const seenVersions = new Map<string, string>();

interface Watch {
  version: string;
  since: number;
}

function useSavedVersionWatch(key: string, version: string): Watch | undefined {
  const [watch, setWatch] = useState<Watch>();
  useEffect(() => {
    const before = seenVersions.get(key);
    seenVersions.set(key, version);
    if (before !== undefined && before !== version) setWatch({ version, since: Date.now() });
  }, [key, version]);
  return watch;
}

function watchOutcome(watch: Watch | undefined, views: TransportTraefikView[] | undefined) {
  if (!watch || !views) return undefined;
  const read = Math.min(...views.map((v) => Date.parse(v.readAt)));
  const agree = views.every((v) => v.state === 'ok' && v.disagreements.length === 0);
  if (read >= watch.since + THROTTLE_MS && agree) return { done: true, agree: true };
  if (read >= watch.since + WATCH_LIMIT_MS) return { done: true, agree: false };
  return { done: false, agree };
}

/** Traefik's statuses and errors for the routes using the transport, beside Dialtone's prediction. */
export function TraefikSection({ cluster, namespace, name, resourceVersion, lastProbe }: Props) {
  const watch = useSavedVersionWatch(`${cluster}/${namespace}/${name}`, resourceVersion);
  const [settled, setSettled] = useState<string>();
  const watching = watch !== undefined && settled !== watch.version;
  const query = useTransportTraefik(cluster, namespace, name, watching ? WATCH_POLL_MS : undefined);
  const outcome = watchOutcome(watch, query.data?.instances);
  useEffect(() => {
    if (watch && outcome?.done) setSettled(watch.version);
  }, [watch, outcome?.done]);

  return (
    <section aria-labelledby="traefik-title" className="panel" data-testid="traefik-view">
      <h3 id="traefik-title">Traefik's view</h3>
      {watch && (
        <p role="status" className={outcome?.done && !outcome.agree ? 'banner banner-warning' : 'muted'}>
          {!outcome?.done
            ? `Waiting for Traefik to load version ${watch.version}: it applies changes after a throttle of a few seconds…`
            : outcome.agree
              ? `Traefik has loaded version ${watch.version}: its view agrees with the saved transport.`
              : `${Math.round(WATCH_LIMIT_MS / 1000)} s after saving version ${watch.version}, Traefik's view still differs from the prediction; see below.`}
        </p>
      )}
      {query.isPending && <p className="muted">Reading Traefik's API…</p>}
      {query.isError && (
        <p role="alert" className="banner banner-error">
          Traefik's view could not be read: {query.error.message}
        </p>
      )}
      {query.data && query.data.instances.length === 0 && (
        <p className="muted">
          No Traefik instance is configured for this cluster. Start Dialtone with{' '}
          <code>--traefik-api {cluster}=URL</code> or{' '}
          <code>--traefik-api {cluster}=service:NAMESPACE/NAME:PORT</code> to see what Traefik loaded.
        </p>
      )}
      {query.data?.instances.map((view) => (
        <InstanceView key={view.instance.id} view={view} lastProbe={lastProbe} />
      ))}
    </section>
  );
}

function InstanceView({ view, lastProbe }: { view: TransportTraefikView; lastProbe: LastProbe | undefined }) {
  const title = `Traefik ${view.instance.id}`;
  return (
    <article className="traefik-instance" aria-label={title}>
      <h4>
        <SafeText text={title} />
        {view.version && (
          <span className="muted">
            {' '}
            · version <SafeText text={view.version} />
          </span>
        )}
        <span className="muted"> · read {new Date(view.readAt).toLocaleTimeString()}</span>
      </h4>
      {view.state === 'error' ? (
        <p role="alert" className="banner banner-error">
          <SafeText text={view.error ?? 'Traefik could not be read.'} />
        </p>
      ) : (
        <>
          <p>
            Traefik: <Verdict verdict={view.verdict ?? 'not-used'} />. Dialtone predicted that Traefik{' '}
            {PREDICTION[view.prediction.verdict]}
            {view.prediction.reasons.length > 0 && (
              <>
                {' '}
                (<SafeText text={view.prediction.reasons.join('; ')} />)
              </>
            )}
            .
          </p>
          {view.prediction.notes && view.prediction.notes.length > 0 && (
            <div className="muted">
              Dialtone's warnings, which do not stop Traefik loading it:
              <ul>
                {view.prediction.notes.map((note) => (
                  <li key={note}>
                    <SafeText text={note} />
                  </li>
                ))}
              </ul>
            </div>
          )}
          {lastProbe && <ProbeNote lastProbe={lastProbe} verdict={view.verdict} />}
          {view.disagreements.length === 0 ? (
            <p className="muted" data-testid="traefik-agrees">
              Traefik agrees with Dialtone's prediction.
            </p>
          ) : (
            <div className="banner banner-warning" data-testid="traefik-disagrees">
              <strong>Traefik and Dialtone disagree.</strong> Either Dialtone is wrong, or Traefik has a
              setting Dialtone does not know.
              {view.disagreements.map((d, i) => (
                <div key={i}>
                  <p>
                    <SafeText text={`${d.traefik}; ${d.dialtone}.`} />
                  </p>
                  <p>Settings that could explain it:</p>
                  <ul>
                    {d.explanations.map((e) => (
                      <li key={e}>
                        <SafeText text={e} />
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          )}
          {view.truncated && (
            <p className="muted">Traefik lists more routers than Dialtone reads; some may be left out.</p>
          )}
          <Items
            caption="Routers"
            items={view.routers.map((r) => ({ ...r, extra: r.entryPoints.join(', ') }))}
          />
          <Items
            caption="Services"
            items={view.services.map((s) => ({
              ...s,
              extra: Object.entries(s.serverStatus ?? {})
                .map(([address, state]) => `${address} ${state}`)
                .join(', '),
            }))}
          />
          {view.missingRouters.length > 0 && (
            <p>
              Routers Dialtone expects that Traefik does not have:{' '}
              {view.missingRouters.map((m) => (
                <code key={m.name}>
                  <SafeText text={m.name} />{' '}
                </code>
              ))}
            </p>
          )}
        </>
      )}
    </article>
  );
}

function Verdict({ verdict }: { verdict: TraefikVerdict }) {
  const tone = verdict === 'loaded' ? 'pill-ok' : verdict === 'in-error' ? 'pill-error' : 'pill-default';
  return <span className={`pill ${tone}`}>{VERDICT[verdict]}</span>;
}

function ProbeNote({ lastProbe, verdict }: { lastProbe: LastProbe; verdict: TraefikVerdict | undefined }) {
  const when = new Date(lastProbe.at).toLocaleString();
  const conflict =
    (lastProbe.passed && verdict === 'in-error') || (!lastProbe.passed && verdict === 'loaded');
  return (
    <p className={conflict ? 'banner banner-info' : 'muted'}>
      The last Test connection ({when}) {lastProbe.passed ? 'passed' : 'failed'}.
      {conflict &&
        (lastProbe.passed
          ? ' Traefik refuses the configuration before it dials: Test connection checks the backends, not what Traefik loads.'
          : " Traefik loaded the configuration; whether its backends answer shows in the services' server status.")}
    </p>
  );
}

interface Item {
  name: string;
  status: TraefikStatus;
  errors: string[];
  origin?: TraefikOrigin;
  extra: string;
}

function Items({ caption, items }: { caption: string; items: Item[] }) {
  if (items.length === 0) return null;
  return (
    <table className="kv traefik-items">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Traefik name</th>
          <th scope="col">From</th>
          <th scope="col">Status</th>
          <th scope="col">Errors</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.name}>
            <td>
              <code>
                <SafeText text={item.name} />
              </code>
              {item.extra && (
                <div className="muted">
                  <SafeText text={item.extra} />
                </div>
              )}
            </td>
            <td>
              {item.origin ? (
                <SafeText text={`${item.origin.namespace}/${item.origin.name}`} />
              ) : (
                <span className="muted">unknown to Dialtone</span>
              )}
            </td>
            <td>
              <span
                className={`pill ${item.status === 'enabled' ? 'pill-ok' : item.status === 'warning' ? 'pill-warning' : 'pill-error'}`}
              >
                {item.status}
              </span>
            </td>
            <td>
              {item.errors.length === 0 ? (
                <span className="muted">none</span>
              ) : (
                <ul>
                  {item.errors.map((e) => (
                    <li key={e}>
                      <SafeText text={e} />
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
