/**
 * The index over the data directories and the fetched-article store together, as every reader
 * opens it (CLI, console, bot). The store is read only when it exists: a reader never creates
 * state.
 */
import { type BuildOptions, buildIndex } from "../index/build.ts";
import type { SearchIndex } from "../index/search-index.ts";
import { type LoadedIndex, loadOrBuildIndex } from "../index/snapshot.ts";
import { openArticleStore, storeRecords } from "../state/articles.ts";

export async function loadIndexWithStore(
  dataPaths: string[],
  stateDir: string | null,
  options: { snapshotDir?: string; save?: boolean } = {},
): Promise<LoadedIndex> {
  const store = stateDir === null ? null : openArticleStore(stateDir, { mustExist: true });
  try {
    return await loadOrBuildIndex(dataPaths, {
      ...options,
      ...(store ? { extra: storeRecords(store) } : {}),
    });
  } finally {
    store?.close();
  }
}

/** A fresh build over the data directories and the store (when it exists). */
export async function buildIndexWithStore(
  dataPaths: string[],
  stateDir: string | null,
  options: BuildOptions = {},
): Promise<{ index: SearchIndex; storeHead: number; storeLabel: string | null }> {
  const store = stateDir === null ? null : openArticleStore(stateDir, { mustExist: true });
  try {
    const extra = store ? storeRecords(store) : undefined;
    const index = await buildIndex(dataPaths, { ...options, ...(extra ? { extra } : {}) });
    return { index, storeHead: extra?.lastRead() ?? 0, storeLabel: extra?.label ?? null };
  } finally {
    store?.close();
  }
}
