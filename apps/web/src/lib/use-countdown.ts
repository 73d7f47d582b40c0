/**
 * Seconds left of a wait the server asked for (`Retry-After`), counting down once a second to 0.
 * A new wait needs a new component (give it a `key`): the count starts when it mounts.
 */
import { useEffect, useState } from 'react';

export function useCountdown(seconds: number | undefined): number {
  const [left, setLeft] = useState(seconds ?? 0);
  useEffect(() => {
    if (seconds === undefined || seconds <= 0) return undefined;
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = Math.max(0, seconds - Math.floor((Date.now() - started) / 1000));
      setLeft(remaining);
      if (remaining === 0) clearInterval(timer);
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, [seconds]);
  return left;
}
