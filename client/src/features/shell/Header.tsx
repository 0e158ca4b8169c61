import { useQueryClient } from '@tanstack/react-query';
import type { ClusterInfo } from '@dialtone/shared';
import { signOut } from '../../api';
import { forgetUserData } from '../../storage';
import { NamespaceFilter } from './NamespaceFilter';
import { useClusters, useSession } from './queries';
import { SafeText } from './SafeText';
import { ThemePicker } from './ThemePicker';
import type { ThemeChoice } from './theme';

interface Props {
  cluster: string | undefined;
  namespaces: string[];
  onCluster(name: string): void;
  onNamespaces(namespaces: string[]): void;
  theme: ThemeChoice;
  onTheme(theme: ThemeChoice): void;
  onHelp(): void;
}

function SourceBadge({ info, description }: { info: ClusterInfo; description: string | undefined }) {
  if (info.source === 'demo') {
    return (
      <span
        className="badge badge-demo"
        title={description ?? 'The embedded demo cluster: sample data, kept in memory only'}
      >
        Demo cluster
      </span>
    );
  }
  return (
    <span className="badge" title={description}>
      {info.source === 'in-cluster' ? 'In-cluster' : 'kubeconfig'}
    </span>
  );
}

export function Header(props: Props) {
  const session = useSession();
  const clusters = useClusters();
  const queryClient = useQueryClient();
  const current = clusters.data?.clusters.find((c) => c.name === props.cluster);
  const who =
    session.data?.user?.name ?? (session.data?.authMode === 'local' ? 'your kubeconfig user' : undefined);
  return (
    <header className="app-header">
      <h1>
        <a href="#/">Dialtone</a>
      </h1>
      <label className="inline-field">
        Cluster
        <select
          value={props.cluster ?? ''}
          onChange={(e) => props.onCluster(e.target.value)}
          disabled={!clusters.data}
        >
          {!props.cluster && <option value="">Choose a cluster</option>}
          {clusters.data?.clusters.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
              {c.reachable ? '' : ' (unreachable)'}
            </option>
          ))}
        </select>
      </label>
      {current && <SourceBadge info={current} description={session.data?.clusterSource} />}
      {props.cluster && (
        <NamespaceFilter cluster={props.cluster} selected={props.namespaces} onChange={props.onNamespaces} />
      )}
      <span className="spacer" />
      <span className="who" data-testid="who" title={who ? `Signed in as ${who}` : undefined}>
        {who ? (
          <>
            Signed in as <SafeText text={who} />
          </>
        ) : (
          'Not signed in'
        )}
      </span>
      {session.data?.authMode === 'token' && session.data.authenticated && (
        <button
          type="button"
          onClick={() =>
            void signOut().then((next) => {
              forgetUserData();
              queryClient.setQueryData(['session'], next);
              queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
            })
          }
        >
          Sign out
        </button>
      )}
      <ThemePicker value={props.theme} onChange={props.onTheme} />
      <button type="button" onClick={props.onHelp} aria-keyshortcuts="?" title="Keyboard shortcuts (?)">
        Help
      </button>
      {current && !current.reachable && (
        <p role="alert" className="banner banner-error">
          Cluster <SafeText text={current.name} /> cannot be reached:{' '}
          <SafeText text={current.unreachableReason ?? 'no answer'} />
        </p>
      )}
    </header>
  );
}
