import { useEffect, useState } from 'react';

/** Re-renders once a minute, so "open for 12 minutes" keeps counting. */
export function useMinuteTick(): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick(t => t + 1), 60_000);
    return () => clearInterval(timer);
  }, []);
  return tick;
}
