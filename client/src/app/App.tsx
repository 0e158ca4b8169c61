import { useEffect, useMemo, useState } from 'react';
import {
  Header,
  HelpDialog,
  listRoute,
  SignIn,
  signInNeed,
  Toasts,
  useClusters,
  useRoute,
  useSession,
  useShortcuts,
  useTheme,
} from '../features/shell';
import { usePageFocus } from './usePageFocus';
import { Views } from './Views';
import { TABLE_ID } from '../features/transports';

function focusSearch() {
  requestAnimationFrame(() => document.getElementById('transport-search')?.focus());
}

/** Skip links move focus themselves: their href would otherwise change the hash route. */
function SkipLink({ target, children }: { target: () => HTMLElement | null; children: string }) {
  return (
    <a
      className="skip-link"
      href="#main"
      onClick={(e) => {
        e.preventDefault();
        target()?.focus();
      }}
    >
      {children}
    </a>
  );
}

/** The first transport's link, or the table itself while it is empty. */
function transportsTarget(): HTMLElement | null {
  const table = document.getElementById(TABLE_ID);
  return table?.querySelector<HTMLElement>('[data-testid="transport-row"] a') ?? table;
}

export function App() {
  const [route, go] = useRoute();
  const session = useSession();
  const clusters = useClusters();
  const [theme, setTheme] = useTheme();
  const [help, setHelp] = useState(false);

  useEffect(() => {
    if (route.view !== 'home' || !clusters.data) return;
    // A token login belongs to one cluster: open that one, not the server's default.
    const first = session.data?.cluster ?? clusters.data.defaultCluster ?? clusters.data.clusters[0]?.name;
    if (first) go(listRoute(first, []), { replace: true });
  }, [route.view, clusters.data, session.data?.cluster, go]);

  const cluster = route.view === 'home' ? undefined : route.cluster;
  const needSignIn = signInNeed(session.data, cluster);
  const signedOut = needSignIn !== undefined;
  const namespaces = useMemo(() => (route.view === 'home' ? [] : route.namespaces), [route]);

  const shortcuts = useMemo(
    () => ({
      '/': () => {
        if (route.view !== 'list' && cluster) go(listRoute(cluster, namespaces));
        focusSearch();
      },
      '?': () => setHelp(true),
      n: () => {
        if (cluster) go({ view: 'new', cluster, namespaces, template: 'tls', tab: 'form' });
      },
    }),
    [route.view, cluster, namespaces, go],
  );
  useShortcuts(shortcuts);
  usePageFocus(route);

  return (
    <>
      {route.view === 'list' && !signedOut && (
        <SkipLink target={transportsTarget}>Skip to transports</SkipLink>
      )}
      <SkipLink target={() => document.getElementById('main')}>Skip to content</SkipLink>
      <Header
        cluster={cluster}
        namespaces={namespaces}
        onCluster={(name) => go(listRoute(name, []))}
        onNamespaces={(next) => {
          if (route.view !== 'home') go({ ...route, namespaces: next }, { replace: true });
        }}
        theme={theme}
        onTheme={setTheme}
        onHelp={() => setHelp(true)}
      />
      <main id="main" tabIndex={-1}>
        {signedOut ? (
          <SignIn
            key={needSignIn.cluster}
            {...(needSignIn.cluster === undefined ? {} : { cluster: needSignIn.cluster })}
            {...(needSignIn.message === undefined ? {} : { message: needSignIn.message })}
          />
        ) : (
          <Views
            route={route}
            go={go}
            homeMessage={
              clusters.isError
                ? `The clusters could not be loaded: ${clusters.error.message}`
                : 'Loading clusters…'
            }
          />
        )}
      </main>
      <HelpDialog open={help} onClose={() => setHelp(false)} />
      <Toasts />
    </>
  );
}
