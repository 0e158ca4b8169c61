import { useEffect, useRef } from 'react';
import type { Route } from '../features/shell';

/** The page a route names, leaving out what changes within a page (list state, editor tab). */
function pageOf(route: Route): string {
  if (route.view === 'home') return 'home';
  const scope = `${route.cluster}|${route.namespaces.join(',')}`;
  switch (route.view) {
    case 'list':
      return `list|${scope}`;
    case 'detail':
    case 'edit':
      return `${route.view}|${scope}|${route.namespace}|${route.name}`;
    case 'new':
      return `new|${scope}|${route.template}|${route.name ?? ''}`;
    case 'import':
      return `import|${scope}`;
  }
}

const HEADING = 'main h2';
const GIVE_UP_MS = 5_000;

/**
 * After a navigation, focus goes to the new page's heading, so a keyboard or screen-reader user
 * starts at the top of what changed instead of on a link that no longer exists. A page still
 * loading gets its heading focused when it appears; focus the user has since put elsewhere (the
 * search after `/`, a field) is left alone.
 */
export function usePageFocus(route: Route): void {
  const page = pageOf(route);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const before = document.activeElement;
    const stillOurs = () => {
      const active = document.activeElement;
      return active === null || active === document.body || active === before || !active.isConnected;
    };
    const tryFocus = () => {
      const heading = document.querySelector<HTMLElement>(HEADING);
      if (!heading) return false;
      if (stillOurs()) {
        if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
        heading.focus();
      }
      return true;
    };
    let frame = requestAnimationFrame(function poll() {
      if (!tryFocus()) frame = requestAnimationFrame(poll);
    });
    const stop = setTimeout(() => cancelAnimationFrame(frame), GIVE_UP_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(stop);
    };
  }, [page]);
}
