import { existsSync, readFileSync } from "node:fs";
import { normalizeInline } from "./normalize.ts";
import { parsePublishedAt } from "./record.ts";
import { parseHttpUrl } from "./safe-url.ts";

/** Defaults for every article of one dump, from `NAME.meta.json` beside `NAME.txt`. */
export interface Sidecar {
  source: string | null;
  url: string | null;
  publishedAt: string | null;
}

export const NO_SIDECAR: Sidecar = { source: null, url: null, publishedAt: null };

export function sidecarPathFor(dumpPath: string): string {
  return dumpPath.replace(/\.txt$/i, ".meta.json");
}

/** Reads a sidecar; a broken one is reported and ignored rather than failing the dump. */
export interface SidecarOutcome {
  sidecar: Sidecar;
  /** Why the sidecar was ignored, or null. */
  problem: string | null;
  /** Why its URL was refused (its articles then have no link), or null. */
  droppedUrl: string | null;
}

export function readSidecar(dumpPath: string): SidecarOutcome {
  const path = sidecarPathFor(dumpPath);
  if (!existsSync(path)) return { sidecar: NO_SIDECAR, problem: null, droppedUrl: null };
  try {
    const json: unknown = JSON.parse(readFileSync(path, "utf8"));
    if (typeof json !== "object" || json === null) {
      return {
        sidecar: NO_SIDECAR,
        problem: `sidecar ${path} is not a JSON object; ignored`,
        droppedUrl: null,
      };
    }
    const o = json as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === "string" && v.trim() ? normalizeInline(v) : null);
    const rawUrl = text(o.url);
    const url = rawUrl === null ? null : parseHttpUrl(rawUrl);
    return {
      sidecar: {
        source: text(o.source),
        url: url?.ok ? url.url : null,
        publishedAt: parsePublishedAt(o.publishedAt),
      },
      problem: null,
      droppedUrl: url && !url.ok ? url.reason : null,
    };
  } catch (error) {
    return {
      sidecar: NO_SIDECAR,
      problem: `sidecar ${path} unreadable (${(error as Error).message}); ignored`,
      droppedUrl: null,
    };
  }
}
