import { parseArgs } from "node:util";
import { isYmd } from "../time/calendar.ts";

export class UsageError extends Error {}

export const COMMON_OPTIONS = {
  data: { type: "string", multiple: true },
  "as-of": { type: "string" },
  json: { type: "boolean", default: false },
  limit: { type: "string" },
  days: { type: "string" },
  region: { type: "string" },
  category: { type: "string" },
  events: { type: "boolean", default: false },
  open: { type: "boolean", default: false },
  state: { type: "string" },
  sources: { type: "string" },
  only: { type: "string", multiple: true },
  help: { type: "boolean", short: "h", default: false },
} as const;

export function parseCli(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: COMMON_OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`--${name} must be a positive whole number, got "${value}"`);
  }
  return Number(value);
}

export function asOfDate(value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!isYmd(value)) throw new UsageError(`--as-of must be a date YYYY-MM-DD, got "${value}"`);
  return value;
}
