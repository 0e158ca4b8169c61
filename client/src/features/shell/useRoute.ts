import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { formatRoute, parseRoute, type Route } from './route';

export interface NavigateOptions {
  replace?: boolean;
  /** Skip the unsaved-changes guards: the work was just saved or deliberately thrown away. */
  force?: boolean;
}

export type Go = (route: Route, options?: NavigateOptions) => boolean;

/** Guards registered by views with unsaved work; any that returns false cancels navigation. */
const leaveGuards = new Set<() => boolean>();
const listeners = new Set<() => void>();
/** The hash the app shows; it lags window.location.hash only while a guard is being asked. */
let shown: string | undefined;

function publish(): void {
  shown = window.location.hash;
  for (const listener of listeners) listener();
}

function mayLeave(): boolean {
  return [...leaveGuards].every((guard) => guard());
}

// Back/forward and typed URLs change the hash without asking; when a guard refuses, the old
// address is put back so the URL keeps matching what is on screen.
function onHashChange(): void {
  if (window.location.hash === shown) return;
  if (!mayLeave()) {
    window.history.pushState(null, '', shown || '#/');
    return;
  }
  publish();
}

export function addLeaveGuard(guard: () => boolean): () => void {
  leaveGuards.add(guard);
  return () => leaveGuards.delete(guard);
}

export function navigate(route: Route, options: NavigateOptions = {}): boolean {
  const hash = formatRoute(route);
  if (hash === window.location.hash) return true;
  if (!options.force && !mayLeave()) return false;
  if (options.replace) window.history.replaceState(null, '', hash);
  else window.history.pushState(null, '', hash);
  publish();
  return true;
}

function subscribe(onChange: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('hashchange', onHashChange);
  listeners.add(onChange);
  return () => {
    listeners.delete(onChange);
    if (listeners.size === 0) window.removeEventListener('hashchange', onHashChange);
  };
}

const snapshot = () => (shown ??= window.location.hash);

/** In-app links go through navigate(), so the unsaved-changes guards see them too. */
function useLinkInterception(): void {
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
        return;
      const link = event.target instanceof Element ? event.target.closest('a') : null;
      const href = link?.getAttribute('href');
      if (!href?.startsWith('#/') || link?.target) return;
      event.preventDefault();
      navigate(parseRoute(href));
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, []);
}

export function useRoute(): [Route, Go] {
  useLinkInterception();
  const hash = useSyncExternalStore(subscribe, snapshot);
  const route = useMemo(() => parseRoute(hash), [hash]);
  const go = useCallback<Go>((next, options) => navigate(next, options), []);
  return [route, go];
}
