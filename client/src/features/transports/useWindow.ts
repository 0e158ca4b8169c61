import { useEffect, useState, type RefObject } from 'react';

export interface WindowRange {
  start: number;
  end: number;
}

/** Which rows of a fixed-height list are in view, plus an overscan, so the DOM holds only those. */
export function windowRange(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  count: number,
  overscan = 10,
): WindowRange {
  const first = Math.floor(scrollTop / rowHeight);
  const visible = Math.ceil(viewport / rowHeight);
  const end = Math.min(count, first + visible + overscan);
  // Scrolled past the end (the list shrank under the user): still show the last screenful.
  return { start: Math.max(0, Math.min(first - overscan, end - visible - 2 * overscan)), end };
}

export function useWindow(ref: RefObject<HTMLElement | null>, rowHeight: number, count: number): WindowRange {
  const [scroll, setScroll] = useState({ top: 0, height: 800 });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let frame = 0;
    const measure = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() =>
        setScroll({ top: element.scrollTop, height: element.clientHeight || 800 }),
      );
    };
    measure();
    element.addEventListener('scroll', measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      element.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, [ref]);
  return windowRange(scroll.top, scroll.height, rowHeight, count);
}
