/**
 * What a developer would otherwise reach for, each with its defaults, over the same articles:
 *  - MiniSearch 7, default tokenizer and options, fields title + body;
 *  - Orama 3, default (English) tokenizer, schema { title: string, body: string };
 *  - a plain substring scan over all bodies: every whitespace-separated query word must occur,
 *    ranked by the total number of occurrences;
 *  - SQLite FTS5 with its trigram tokenizer (fts5.ts), in memory here, on disk in the bench.
 * Each returns ranked article ids. Build and search are kept apart so the bench can time them.
 */
import { create, insertMultiple, search } from "@orama/orama";
import MiniSearch from "minisearch";
import { buildFts5 } from "./fts5.ts";

export interface PeerDoc {
  id: string;
  title: string;
  body: string;
}

export type PeerName = "minisearch" | "orama" | "scan" | "fts5";
export const PEER_NAMES: readonly PeerName[] = ["minisearch", "orama", "scan", "fts5"];

export interface Peer {
  name: PeerName;
  /** Ranked ids, best first, at most `limit`. */
  search(query: string, limit: number): Promise<string[]>;
}

export function buildMiniSearch(docs: readonly PeerDoc[]): Peer {
  const engine = new MiniSearch<PeerDoc>({ fields: ["title", "body"] });
  engine.addAll(docs);
  return {
    name: "minisearch",
    search: async (query, limit) =>
      engine
        .search(query)
        .slice(0, limit)
        .map((r) => String(r.id)),
  };
}

export async function buildOrama(docs: readonly PeerDoc[]): Promise<Peer> {
  const db = create({ schema: { title: "string", body: "string" } as const });
  await insertMultiple(db, docs as PeerDoc[]);
  return {
    name: "orama",
    search: async (query, limit) => {
      const result = await search(db, { term: query, limit });
      return result.hits.map((hit) => String(hit.id));
    },
  };
}

function occurrences(haystack: string, needle: string): number {
  let count = 0;
  for (
    let at = haystack.indexOf(needle);
    at !== -1;
    at = haystack.indexOf(needle, at + needle.length)
  )
    count++;
  return count;
}

/** The substring scan. Bodies are lower-cased once up front (so "KOTRA" finds "kotra"). */
export function buildScan(docs: readonly PeerDoc[]): Peer {
  const ids = docs.map((d) => d.id);
  const bodies = docs.map((d) => d.body.toLowerCase());
  return {
    name: "scan",
    search: async (query, limit) => scanSearch(ids, bodies, query, limit),
  };
}

export function scanSearch(
  ids: readonly string[],
  bodies: readonly string[],
  query: string,
  limit: number,
): string[] {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) return [];
  const hits: { index: number; count: number }[] = [];
  for (let i = 0; i < bodies.length; i++) {
    const body = bodies[i] as string;
    let total = 0;
    for (const word of words) {
      const count = occurrences(body, word);
      if (count === 0) {
        total = 0;
        break;
      }
      total += count;
    }
    if (total > 0) hits.push({ index: i, count: total });
  }
  hits.sort((a, b) => b.count - a.count || a.index - b.index);
  return hits.slice(0, limit).map((h) => ids[h.index] as string);
}

export async function buildPeer(name: PeerName, docs: readonly PeerDoc[]): Promise<Peer> {
  if (name === "minisearch") return buildMiniSearch(docs);
  if (name === "orama") return buildOrama(docs);
  if (name === "fts5") return buildFts5(docs);
  return buildScan(docs);
}
