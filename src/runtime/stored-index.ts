/**
 * The index over the data directories and the fetched-article store together, as every reader
 * opens it (CLI, console, bot). The store is read only when it exists and holds an article: a
 * reader never creates state, and an empty store changes nothing (not the report's files, not
 * the snapshot's name).
 */
import { resolve } from "node:path";
import { type BuildOptions, buildIndex } from "../index/build.ts";
import type { SearchIndex } from "../index/search-index.ts";
import { type LoadedIndex, loadOrBuildIndex, snapshotPathFor } from "../index/snapshot.ts";
import { validateRecord } from "../ingest/record.ts";
import {
  type ArticleStore,
  openArticleStore,
  storedRecord,
  storeRecords,
} from "../state/articles.ts";
import { stateDatabasePath } from "../state/database.ts";
import type { Article } from "../types.ts";

/** The store of `stateDir` when it exists and holds at least one article; else null. */
function openFilledStore(stateDir: string | null): ArticleStore | null {
  const store = stateDir === null ? null : openArticleStore(stateDir, { mustExist: true });
  if (store && store.head() === 0) {
    store.close();
    return null;
  }
  return store;
}

export async function loadIndexWithStore(
  dataPaths: string[],
  stateDir: string | null,
  options: { snapshotDir?: string; save?: boolean } = {},
): Promise<LoadedIndex> {
  const store = openFilledStore(stateDir);
  try {
    return await loadOrBuildIndex(dataPaths, {
      ...options,
      ...(store ? { extra: storeRecords(store) } : {}),
    });
  } finally {
    store?.close();
  }
}

/**
 * A fresh build over the data directories and the store (when it holds articles): the index, the
 * highest revision read, and the store's label (null when it was not read).
 */
export async function buildIndexWithStore(
  dataPaths: string[],
  stateDir: string | null,
  options: BuildOptions = {},
): Promise<{ index: SearchIndex; storeHead: number; storeLabel: string | null }> {
  const store = openFilledStore(stateDir);
  try {
    const extra = store ? storeRecords(store) : undefined;
    const index = await buildIndex(dataPaths, { ...options, ...(extra ? { extra } : {}) });
    return { index, storeHead: extra?.lastRead() ?? 0, storeLabel: extra?.label ?? null };
  } finally {
    store?.close();
  }
}

/** Where a build over these data paths and this state directory's store keeps its snapshot. */
export function snapshotPathWithStore(
  dataPaths: string[],
  stateDir: string | null,
  snapshotDir?: string,
): string {
  // The same label storeRecords gives the store: the bot's start and /reindex share a snapshot.
  const extra =
    stateDir === null ? undefined : { label: `store:${resolve(stateDatabasePath(stateDir))}` };
  return snapshotPathFor(dataPaths, snapshotDir, extra);
}

/**
 * The articles stored or changed after revision `rev`, as ingest reads them (a record ingest
 * would skip is left out here too).
 */
export function articlesChangedSince(store: ArticleStore, rev: number): Article[] {
  return store.changedSince(rev).flatMap((stored) => {
    const outcome = validateRecord(storedRecord(stored));
    return outcome.ok ? [outcome.article] : [];
  });
}
