import type { Clock } from "../types.ts";

/** Noon in Seoul on the given day (`--as-of`): every Seoul-date computation lands on that day. */
export function fixedClock(date: string): Clock {
  const instant = new Date(`${date}T12:00:00+09:00`);
  return () => instant;
}
