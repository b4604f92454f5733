import type { Clock } from "../types.ts";

/** Noon in Seoul on the given day (`--as-of`): every Seoul-date computation lands on that day. */
export function fixedClock(date: string): Clock {
  const instant = new Date(`${date}T12:00:00+09:00`);
  return () => instant;
}

/**
 * A clock that starts at `start` and runs at the speed of the wall clock: what a process started
 * at that instant would see (`jiwon console --as-of 2026-05-01T09:00:00+09:00`).
 */
export function runningClock(start: Date, wall: Clock = () => new Date()): Clock {
  const offset = start.getTime() - wall().getTime();
  return () => new Date(wall().getTime() + offset);
}

/** An instant written with its offset (`2026-05-01T09:00:00+09:00`, `…Z`), or null. */
export function parseInstant(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text))
    return null;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? null : instant;
}
