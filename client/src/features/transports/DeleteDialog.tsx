import { useEffect, useRef, useState } from 'react';
import { apiPaths, type TransportUsage } from '@dialtone/shared';
import { write } from '../../api';
import { announce, SafeText } from '../shell';

interface Props {
  cluster: string;
  namespace: string;
  name: string;
  resourceVersion: string;
  /** The routes using it, which Traefik stops serving once it is gone. */
  usage: TransportUsage[];
  onDone(): void;
  onClose(): void;
}

/** Delete asks for the name typed out, and sends the version the user saw as a precondition. */
export function DeleteDialog(props: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => ref.current?.showModal(), []);
  const routes = [...new Set(props.usage.map((u) => `${u.route.namespace}/${u.route.name}`))];
  const remove = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const url = `${apiPaths.transport(props.cluster, props.namespace, props.name)}?resourceVersion=${encodeURIComponent(props.resourceVersion)}`;
      await write('DELETE', url, undefined);
      announce(`Deleted ${props.namespace}/${props.name}`);
      props.onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} onClose={props.onClose} aria-labelledby="delete-title">
      <h2 id="delete-title">Delete this transport?</h2>
      {routes.length === 0 ? (
        <p data-testid="delete-routes">
          No route uses{' '}
          <strong>
            <SafeText text={`${props.namespace}/${props.name}`} />
          </strong>
          : deleting it stops nothing that Traefik serves now.
        </p>
      ) : (
        <div data-testid="delete-routes">
          <p>
            Traefik stops serving{' '}
            {routes.length === 1 ? 'this route' : `these ${String(routes.length)} routes`}, which fail with
            &quot;no transport configuration found&quot;:
          </p>
          <ul>
            {routes.map((route) => (
              <li key={route}>
                IngressRouteTCP <SafeText text={route} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <p>
        This is the same as{' '}
        <code>
          kubectl delete serverstransporttcp -n <SafeText text={props.namespace} />{' '}
          <SafeText text={props.name} />
        </code>
        .
      </p>
      <label className="field">
        Type the name to confirm
        <input
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      {error && (
        <p role="alert" className="banner banner-error">
          <SafeText text={error} />
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={typed !== props.name || busy}
          onClick={() => void remove()}
        >
          Delete
        </button>
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
