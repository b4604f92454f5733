import { ddayLabel } from "../time/calendar.ts";

/** " (D-3)" after a date still to come (D-day included), nothing after one that has passed. */
export function ddaySuffix(asOf: string, date: string): string {
  return date >= asOf ? ` (${ddayLabel(asOf, date)})` : "";
}
