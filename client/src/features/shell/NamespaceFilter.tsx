import { useEffect, useRef } from 'react';
import { useNamespaces } from './queries';

interface Props {
  cluster: string;
  selected: string[];
  onChange(namespaces: string[]): void;
}

/** Several namespaces at once; none checked means all of them. */
export function NamespaceFilter({ cluster, selected, onChange }: Props) {
  const namespaces = useNamespaces(cluster);
  const ref = useRef<HTMLDetailsElement>(null);
  // A dropdown closes on a click elsewhere or on Escape, as people expect from one.
  useEffect(() => {
    const close = (event: Event) => {
      const details = ref.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !details.contains(event.target as Node)) {
        details.open = false;
      }
    };
    document.addEventListener('click', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('click', close);
      document.removeEventListener('keydown', close);
    };
  }, []);
  const summary = selected.length === 0 ? 'All namespaces' : selected.join(', ');
  const toggle = (name: string, on: boolean) =>
    onChange(on ? [...selected, name].sort() : selected.filter((n) => n !== name));
  return (
    <details className="namespace-filter" ref={ref}>
      <summary aria-label={`Namespaces: ${summary}`}>
        <span className="muted">Namespaces:</span> {summary}
      </summary>
      <fieldset>
        <legend className="visually-hidden">Namespaces to show</legend>
        {namespaces.isPending && <p>Loading namespaces…</p>}
        {namespaces.isError && <p role="alert">{namespaces.error.message}</p>}
        <button type="button" className="link" onClick={() => onChange([])} disabled={selected.length === 0}>
          Show all namespaces
        </button>
        {namespaces.data?.map((name) => (
          <label key={name} className="check">
            <input
              type="checkbox"
              checked={selected.includes(name)}
              onChange={(e) => toggle(name, e.target.checked)}
            />
            {name}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
