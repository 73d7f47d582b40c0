/**
 * Renders its children once their place on the page comes into view, and a placeholder of the
 * same size until then: code that only a scrolled-to part of a page needs (a chart and its
 * library) is fetched when it is seen, not with the page. Without IntersectionObserver the
 * children render at once.
 */
import { useCallback, useState, type ReactNode } from 'react';

function useNearViewport(): [(node: HTMLElement | null) => (() => void) | undefined, boolean] {
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  const observe = useCallback((node: HTMLElement | null) => {
    if (node === null || typeof IntersectionObserver === 'undefined') return undefined;
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      setNear(true);
      observer.disconnect();
    });
    observer.observe(node);
    return () => {
      observer.disconnect();
    };
  }, []);
  return [observe, near];
}

export function WhenNearViewport({
  placeholder,
  children,
}: {
  placeholder: ReactNode;
  children: ReactNode;
}) {
  const [observe, near] = useNearViewport();
  return <div ref={near ? undefined : observe}>{near ? children : placeholder}</div>;
}
