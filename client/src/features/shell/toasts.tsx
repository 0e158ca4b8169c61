import { useEffect, useState } from 'react';

interface Toast {
  id: number;
  text: string;
}

const listeners = new Set<(toasts: Toast[]) => void>();
let shown: Toast[] = [];
let next = 1;

function publish(toasts: Toast[]) {
  shown = toasts;
  for (const listener of listeners) listener(shown);
}

/** Says that something happened ("Saved, version 22"), wherever the page goes next. */
export function announce(text: string): void {
  const toast = { id: next++, text };
  publish([...shown.slice(-2), toast]);
  setTimeout(() => publish(shown.filter((t) => t.id !== toast.id)), 6_000);
}

/** Where announcements appear and are read out: one polite live region, present from the start. */
export function Toasts() {
  const [toasts, setToasts] = useState(shown);
  useEffect(() => {
    listeners.add(setToasts);
    return () => {
      listeners.delete(setToasts);
    };
  }, []);
  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {toasts.map((toast) => (
        <p key={toast.id} className="toast">
          {toast.text}
        </p>
      ))}
    </div>
  );
}
