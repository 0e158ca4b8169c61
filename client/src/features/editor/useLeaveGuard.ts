import { useEffect, useRef } from 'react';
import { addLeaveGuard } from '../shell';

const QUESTION = 'You have unsaved changes. Leave anyway? (A draft is kept in this browser.)';

/** Asks before in-app navigation or closing the tab while there is unsaved work. */
export function useLeaveGuard(dirty: boolean): void {
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  useEffect(() => {
    const remove = addLeaveGuard(() => !dirtyRef.current || window.confirm(QUESTION));
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      remove();
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, []);
}
