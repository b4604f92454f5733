import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import MiniSearch from "minisearch";
import { hashSources, resolveSourceFiles } from "../ingest/sources.ts";
import type { AnalyzedArticle } from "../types.ts";
import { buildIndex } from "./build.ts";
import { loadRecordEngine, saveRecordEngine } from "./record-engine.ts";
import { type IndexMeta, SearchIndex } from "./search-index.ts";
import { TEXT_ENGINE_OPTIONS, type TextDocument } from "./text-engine.ts";

/** Bump when the snapshot file's own layout changes. */
export const SNAPSHOT_VERSION = 2;

const SRC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CODE_DIRS = ["ingest", "analysis", "extract", "index", "types.ts"];

/**
 * A hash of the code that decides what is in an index (ingestion, analysis, extraction, engines):
 * a snapshot built by other code is rebuilt, never trusted, without anyone remembering to bump a
 * version number.
 */
export const codeFingerprint: () => string = (() => {
  let cached: string | null = null;
  return () => {
    if (cached) return cached;
    const hash = createHash("sha256");
    const visit = (path: string) => {
      if (statSync(path).isDirectory()) {
        for (const name of readdirSync(path).sort()) visit(join(path, name));
      } else if (/\.(ts|json)$/.test(path)) {
        hash.update(path.slice(SRC_DIR.length)).update(readFileSync(path));
      }
    };
    for (const entry of CODE_DIRS) visit(join(SRC_DIR, entry));
    cached = hash.digest("hex").slice(0, 16);
    return cached;
  };
})();
const FORMAT = "jiwon-index-snapshot";

export const DEFAULT_SNAPSHOT_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  "../../index-data",
);

interface SnapshotFile {
  format: typeof FORMAT;
  version: number;
  code: string;
  meta: IndexMeta;
  articles: AnalyzedArticle[];
  text: unknown;
  records: unknown;
}

/** One snapshot per set of data paths, so `--data` elsewhere never overwrites the shipped one. */
export function snapshotPathFor(dataPaths: string[], dir = DEFAULT_SNAPSHOT_DIR): string {
  const key = createHash("sha256")
    .update(
      dataPaths
        .map((p) => resolve(p))
        .sort()
        .join("\n"),
    )
    .digest("hex")
    .slice(0, 12);
  return join(dir, `.snapshot-${key}.json`);
}

export function saveSnapshot(index: SearchIndex, path: string): number {
  const file: SnapshotFile = {
    format: FORMAT,
    version: SNAPSHOT_VERSION,
    code: codeFingerprint(),
    meta: index.meta,
    articles: [...index.articles],
    text: index.text.toJSON(),
    records: saveRecordEngine(index.records),
  };
  const json = JSON.stringify(file);
  mkdirSync(dirname(path), { recursive: true });
  // Temporary file then rename: a reader never sees half a snapshot, even after a crash.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, json);
  renameSync(temporary, path);
  return Buffer.byteLength(json);
}

export class SnapshotRejected extends Error {}

/** Loads a snapshot, refusing one that is corrupt, of another version or of other sources. */
export function loadSnapshot(path: string, expectedSourceHash: string | null): SearchIndex {
  let file: SnapshotFile;
  try {
    file = JSON.parse(readFileSync(path, "utf8")) as SnapshotFile;
  } catch (error) {
    throw new SnapshotRejected(`snapshot unreadable: ${(error as Error).message.slice(0, 100)}`);
  }
  if (file?.format !== FORMAT) throw new SnapshotRejected("snapshot has an unknown format");
  if (file.version !== SNAPSHOT_VERSION) {
    throw new SnapshotRejected(`snapshot version ${file.version} ≠ ${SNAPSHOT_VERSION}`);
  }
  if (file.code !== codeFingerprint())
    throw new SnapshotRejected("snapshot was built by other code");
  if (expectedSourceHash !== null && file.meta?.sourceHash !== expectedSourceHash) {
    throw new SnapshotRejected("sources changed since the snapshot was built");
  }
  if (!Array.isArray(file.articles) || file.articles.length === 0) {
    throw new SnapshotRejected("snapshot holds no articles");
  }
  try {
    const text = MiniSearch.loadJS<TextDocument>(file.text as never, TEXT_ENGINE_OPTIONS);
    // biome-ignore lint/suspicious/noExplicitAny: raw Orama data is opaque by design.
    const records = loadRecordEngine(file.records as any);
    if (text.documentCount !== file.articles.length)
      throw new Error("engine and articles disagree");
    return new SearchIndex(file.articles, text, records, file.meta);
  } catch (error) {
    throw new SnapshotRejected(`snapshot damaged: ${(error as Error).message.slice(0, 100)}`);
  }
}

export interface LoadedIndex {
  index: SearchIndex;
  origin: "snapshot" | "build";
  /** Why the snapshot was not used, when it was not. */
  rebuildReason: string | null;
  snapshotPath: string;
}

/** The snapshot while the sources are unchanged; otherwise a fresh build, saved for next time. */
export async function loadOrBuildIndex(
  dataPaths: string[],
  options: { snapshotDir?: string; save?: boolean } = {},
): Promise<LoadedIndex> {
  const snapshotPath = snapshotPathFor(dataPaths, options.snapshotDir);
  const sourceHash = hashSources(resolveSourceFiles(dataPaths).files);
  let rebuildReason: string;
  try {
    const index = loadSnapshot(snapshotPath, sourceHash);
    return { index, origin: "snapshot", rebuildReason: null, snapshotPath };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    rebuildReason = code === "ENOENT" ? "no snapshot yet" : (error as Error).message;
    if (code !== "ENOENT" && !(error instanceof SnapshotRejected)) throw error;
  }
  const index = await buildIndex(dataPaths);
  if (options.save !== false) {
    try {
      saveSnapshot(index, snapshotPath);
    } catch {
      // A read-only checkout still serves: the snapshot is a cache, not the source of truth.
    }
  }
  return { index, origin: "build", rebuildReason, snapshotPath };
}
