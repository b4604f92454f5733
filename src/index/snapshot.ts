import { createHash } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type ExtraRecords,
  hashSources,
  resolveSourceFiles,
  stampSources,
} from "../ingest/sources.ts";
import { buildIndex } from "./build.ts";
import { DocStore } from "./doc-store.ts";
import { type IndexMeta, SearchIndex } from "./search-index.ts";
import { readSnapshotFile, type SnapshotContents, writeSnapshotFile } from "./snapshot-file.ts";
import {
  type LayoutMeta,
  postingsSections,
  readPostings,
  readStore,
  readWordLists,
  storeSections,
  wordListSections,
} from "./snapshot-layout.ts";
import { TextEngine } from "./text-engine.ts";

/** Bump when the snapshot file's own layout changes. */
export const SNAPSHOT_VERSION = 7;

const SRC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CODE_DIRS = ["ingest", "analysis", "extract", "index", "time", "data", "types.ts"];

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

interface SnapshotMeta {
  format: typeof FORMAT;
  version: number;
  code: string;
  index: IndexMeta;
  layout: LayoutMeta;
  /** stampSources of the sources, taken before the build read them; null when not known. */
  sourceStamp?: string | null;
}

/**
 * What a snapshot must have been built from: the sources' stat stamp (null when withheld), and
 * their content hash, computed only when the stamps differ (a copied or touched file whose
 * content is the same, or a fresh checkout).
 */
export interface SourceCheck {
  stamp: string | null;
  hash: () => string;
}

/**
 * One snapshot per set of data paths (and article store, when one is read), so `--data` elsewhere
 * never overwrites the shipped one.
 */
export function snapshotPathFor(
  dataPaths: string[],
  dir = DEFAULT_SNAPSHOT_DIR,
  extra?: Pick<ExtraRecords, "label">,
): string {
  const key = createHash("sha256")
    .update(
      dataPaths
        .map((p) => resolve(p))
        .sort()
        .join("\n"),
    )
    .update(extra ? `\n${extra.label}` : "")
    .digest("hex")
    .slice(0, 12);
  return join(dir, `.snapshot-${key}.bin`);
}

/** How many snapshots a directory keeps: the newest, for the data sets used last. */
export const KEEP_SNAPSHOTS = 3;
const SNAPSHOT_NAME = /^\.snapshot-[0-9a-f]{12}\.bin$/;
const TEMPORARY_NAME = /^\.snapshot-[0-9a-f]{12}\.bin\.(\d+)\.tmp$/;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Housekeeping after a save: every `--data` set leaves its own snapshot, and a save cut short
 * leaves its temporary file. Keeps the `keep` newest snapshots (and `current`, the one just
 * written) and removes the temporary files of processes that no longer run. Best effort: a file
 * that cannot be removed stays.
 */
export function pruneSnapshots(dir: string, current: string, keep = KEEP_SNAPSHOTS): string[] {
  const removed: string[] = [];
  const remove = (name: string) => {
    try {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // Another process may hold or have removed it; the next save tries again.
    }
  };
  const snapshots: { name: string; mtime: number }[] = [];
  for (const name of readdirSync(dir)) {
    const temporary = TEMPORARY_NAME.exec(name);
    if (temporary) {
      if (!processAlive(Number(temporary[1]))) remove(name);
      continue;
    }
    if (!SNAPSHOT_NAME.test(name) || join(dir, name) === current) continue;
    try {
      snapshots.push({ name, mtime: statSync(join(dir, name)).mtimeMs });
    } catch {
      // Removed meanwhile.
    }
  }
  snapshots.sort((a, b) => b.mtime - a.mtime || a.name.localeCompare(b.name));
  for (const { name } of snapshots.slice(Math.max(0, keep - 1))) remove(name);
  return removed;
}

/** Flushes a directory entry (a rename) to the disk; not every platform can open a directory. */
function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Windows cannot fsync a directory; the rename is then as durable as the platform makes it.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Saves the index; its sources' stamp (IndexMeta.sourceStamp) goes with it. */
export function saveSnapshot(index: SearchIndex, path: string): number {
  const sourceStamp = index.meta.sourceStamp ?? null;
  const layout: LayoutMeta = {
    regionNames: index.store.data.regionNames,
    categoryNames: index.store.data.categoryNames,
    weights: { words: "none", grams: "none" },
  };
  const sections = {
    ...storeSections(index.store.data),
    ...postingsSections("words", index.text.data.words, layout.weights),
    ...postingsSections("grams", index.text.data.grams, layout.weights),
    ...wordListSections(index.titleWords),
  };
  const meta: SnapshotMeta = {
    format: FORMAT,
    version: SNAPSHOT_VERSION,
    code: codeFingerprint(),
    index: index.meta,
    layout,
    sourceStamp,
  };
  mkdirSync(dirname(path), { recursive: true });
  // Temporary file then rename: a reader never sees half a snapshot, even after a crash.
  const temporary = `${path}.${process.pid}.tmp`;
  let bytes: number;
  try {
    bytes = writeSnapshotFile(temporary, meta, sections);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncDirectory(dirname(path));
  pruneSnapshots(dirname(path), path);
  return bytes;
}

export class SnapshotRejected extends Error {}

/**
 * Loads a snapshot, refusing one that is corrupt, of another version or of other sources
 * (`expected`: their content hash, or a SourceCheck; null: any sources).
 */
export function loadSnapshot(path: string, expected: string | SourceCheck | null): SearchIndex {
  let contents: SnapshotContents;
  try {
    contents = readSnapshotFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw error;
    throw new SnapshotRejected(`snapshot unreadable: ${(error as Error).message.slice(0, 100)}`);
  }
  const meta = contents.meta as Partial<SnapshotMeta> | null;
  if (meta?.format !== FORMAT) throw new SnapshotRejected("snapshot has an unknown format");
  if (meta.version !== SNAPSHOT_VERSION) {
    throw new SnapshotRejected(`snapshot version ${meta.version} ≠ ${SNAPSHOT_VERSION}`);
  }
  if (meta.code !== codeFingerprint())
    throw new SnapshotRejected("snapshot was built by other code");
  if (!meta.index || !meta.layout) throw new SnapshotRejected("snapshot has no index metadata");
  if (
    expected !== null &&
    !sameSources(meta.index.sourceHash, meta.sourceStamp ?? null, expected)
  ) {
    throw new SnapshotRejected("sources changed since the snapshot was built");
  }
  try {
    const store = new DocStore(readStore(contents, meta.layout));
    if (store.size === 0) throw new Error("no articles");
    const text = new TextEngine({
      words: readPostings(contents, "words", meta.layout),
      grams: readPostings(contents, "grams", meta.layout),
    });
    return new SearchIndex(store, text, readWordLists(contents), meta.index);
  } catch (error) {
    throw new SnapshotRejected(`snapshot damaged: ${(error as Error).message.slice(0, 100)}`);
  }
}

function sameSources(
  sourceHash: string,
  sourceStamp: string | null,
  expected: string | SourceCheck,
): boolean {
  if (typeof expected === "string") return sourceHash === expected;
  if (expected.stamp !== null && sourceStamp === expected.stamp) return true;
  return sourceHash === expected.hash();
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
  options: { snapshotDir?: string; save?: boolean; extra?: ExtraRecords } = {},
): Promise<LoadedIndex> {
  const { extra } = options;
  const snapshotPath = snapshotPathFor(dataPaths, options.snapshotDir, extra);
  const files = resolveSourceFiles(dataPaths).files;
  // The sources as they stand: the snapshot's stamp (taken by the build that saved it) must match.
  const stamp = stampSources(files, extra);
  let rebuildReason: string;
  try {
    const index = loadSnapshot(snapshotPath, { stamp, hash: () => hashSources(files, extra) });
    return { index, origin: "snapshot", rebuildReason: null, snapshotPath };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    rebuildReason = code === "ENOENT" ? "no snapshot yet" : (error as Error).message;
    if (code !== "ENOENT" && !(error instanceof SnapshotRejected)) throw error;
  }
  const index = await buildIndex(dataPaths, { extra });
  if (options.save !== false) {
    try {
      saveSnapshot(index, snapshotPath);
    } catch {
      // A read-only checkout still serves: the snapshot is a cache, not the source of truth.
    }
  }
  return { index, origin: "build", rebuildReason, snapshotPath };
}
