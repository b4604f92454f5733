/**
 * A store without some of its documents, followed by another store's documents: what
 * DocStoreBuilder makes of the kept articles and then the added ones, without reading any article
 * back. Columns are copied run by run (the kept documents form a few long runs); only the body
 * blocks that held a left-out document are decompressed and compressed again.
 */
import { brotliDecompressSync } from "node:zlib";
import {
  type BodyColumn,
  type ByteColumn,
  compressBodies,
  type DocStoreData,
  type EventColumns,
  joinBodies,
  type KeyLists,
} from "./doc-store.ts";

/** Consecutive kept documents [from, to). */
export interface Run {
  from: number;
  to: number;
}

/** The runs of documents 0 … count - 1 that are not in `left` (sorted, distinct). */
export function keptRuns(count: number, left: readonly number[]): Run[] {
  const runs: Run[] = [];
  let from = 0;
  for (const doc of left) {
    if (doc > from) runs.push({ from, to: doc });
    from = doc + 1;
  }
  if (from < count) runs.push({ from, to: count });
  return runs;
}

/** Items whose numbers are given by per-document offsets: the runs' items, in item numbers. */
function itemRuns(offsets: Uint32Array, runs: readonly Run[]): Run[] {
  return runs.map(({ from, to }) => ({
    from: offsets[from] as number,
    to: offsets[to] as number,
  }));
}

type Column = Uint8Array | Int32Array | Uint32Array;

/** The runs of `column` followed by `added`, in a new array of the same type. */
function joinRuns<T extends Column>(column: T, runs: readonly Run[], added: T): T {
  const length = runs.reduce((sum, run) => sum + run.to - run.from, 0) + added.length;
  // By element type, not `column.constructor`: a Buffer's constructor is not for `new`.
  const out = (
    column instanceof Int32Array
      ? new Int32Array(length)
      : column instanceof Uint32Array
        ? new Uint32Array(length)
        : new Uint8Array(length)
  ) as T;
  let at = 0;
  for (const { from, to } of runs) {
    out.set(column.subarray(from, to), at);
    at += to - from;
  }
  out.set(added, at);
  return out;
}

/**
 * Per-document offsets into items, for the runs' documents and then the added ones: the same
 * lists of items, numbered from 0 in their new order.
 */
function joinOffsets(offsets: Uint32Array, runs: readonly Run[], added: Uint32Array): Uint32Array {
  const documents = runs.reduce((sum, run) => sum + run.to - run.from, 0) + added.length - 1;
  const out = new Uint32Array(documents + 1);
  let doc = 0;
  let items = 0;
  for (const { from, to } of runs) {
    const base = offsets[from] as number;
    for (let d = from; d < to; d++) out[doc++] = items + (offsets[d] as number) - base;
    items += (offsets[to] as number) - base;
  }
  for (let d = 0; d < added.length; d++) out[doc + d] = items + (added[d] as number);
  return out;
}

/** Lists of items per document (items[offsets[d] … offsets[d+1])): the runs', then the added. */
export function joinLists<T extends Column>(
  main: { offsets: Uint32Array; items: T },
  runs: readonly Run[],
  added: { offsets: Uint32Array; items: T },
): { offsets: Uint32Array; items: T } {
  return {
    offsets: joinOffsets(main.offsets, runs, added.offsets),
    items: joinRuns(main.items, itemRuns(main.offsets, runs), added.items),
  };
}

function joinByteColumns(main: ByteColumn, runs: readonly Run[], added: ByteColumn): ByteColumn {
  const { offsets, items } = joinLists({ offsets: main.offsets, items: main.bytes }, runs, {
    offsets: added.offsets,
    items: added.bytes,
  });
  return { bytes: items, offsets };
}

/** Key lists whose keys index `names`; the added lists' keys are renumbered into `names`. */
function joinKeyLists(
  main: KeyLists,
  runs: readonly Run[],
  added: KeyLists,
  addedKeys: Int32Array,
): KeyLists {
  const { offsets, items } = joinLists({ offsets: main.offsets, items: main.keys }, runs, {
    offsets: added.offsets,
    items: added.keys.map((k) => addedKeys[k] as number),
  });
  return { offsets, keys: items };
}

/** Main's names, then the added store's names main lacks; the added keys' new numbers. */
function joinNames(
  main: readonly string[],
  added: readonly string[],
): { names: string[]; addedKeys: Int32Array } {
  const names = main.slice();
  const addedKeys = Int32Array.from(added, (name) => {
    const at = names.indexOf(name);
    if (at >= 0) return at;
    names.push(name);
    return names.length - 1;
  });
  return { names, addedKeys };
}

function joinEvents(main: EventColumns, runs: readonly Run[], added: EventColumns): EventColumns {
  const items = itemRuns(main.offsets, runs);
  return {
    offsets: joinOffsets(main.offsets, runs, added.offsets),
    kinds: joinRuns(main.kinds, items, added.kinds),
    starts: joinRuns(main.starts, items, added.starts),
    ends: joinRuns(main.ends, items, added.ends),
    texts: joinByteColumns(main.texts, items, added.texts),
  };
}

/**
 * The kept bodies block by block: a block with every document kept is copied as it is; one
 * with some left out is decompressed and its kept bodies compressed again as a block of their own.
 */
function keptBodies(main: BodyColumn, runs: readonly Run[]): BodyColumn[] {
  const kept = new Uint8Array(main.lengths.length);
  for (const { from, to } of runs) kept.fill(1, from, to);
  const parts: BodyColumn[] = [];
  const { blocks, firstDocs, lengths } = main;
  for (let b = 0; b + 1 < firstDocs.length; b++) {
    const first = firstDocs[b] as number;
    const end = firstDocs[b + 1] as number;
    let all = true;
    for (let d = first; d < end; d++) if (kept[d] === 0) all = false;
    const bytes = blocks.bytes.subarray(
      blocks.offsets[b] as number,
      blocks.offsets[b + 1] as number,
    );
    if (all) {
      const offsets = Uint32Array.of(0, bytes.byteLength);
      parts.push({
        blocks: { bytes, offsets },
        firstDocs: Uint32Array.of(0, end - first),
        lengths: lengths.subarray(first, end),
      });
      continue;
    }
    const text = brotliDecompressSync(bytes);
    const bodies: string[] = [];
    let start = 0;
    for (let d = first; d < end; d++) {
      const length = lengths[d] as number;
      if (kept[d] === 1) bodies.push(text.toString("utf8", start, start + length));
      start += length;
    }
    if (bodies.length > 0) parts.push(compressBodies(bodies));
  }
  return parts;
}

/** Main's documents in `runs`, then every document of `added`. */
export function appendStore(
  main: DocStoreData,
  runs: readonly Run[],
  added: DocStoreData,
): DocStoreData {
  const regions = joinNames(main.regionNames, added.regionNames);
  const categories = joinNames(main.categoryNames, added.categoryNames);
  return {
    ids: joinByteColumns(main.ids, runs, added.ids),
    titles: joinByteColumns(main.titles, runs, added.titles),
    summaries: joinByteColumns(main.summaries, runs, added.summaries),
    details: joinByteColumns(main.details, runs, added.details),
    bodies: joinBodies([...keptBodies(main.bodies, runs), added.bodies]),
    published: joinRuns(main.published, runs, added.published),
    appStatus: joinRuns(main.appStatus, runs, added.appStatus),
    appEnd: joinRuns(main.appEnd, runs, added.appEnd),
    regions: joinKeyLists(main.regions, runs, added.regions, regions.addedKeys),
    categories: joinKeyLists(main.categories, runs, added.categories, categories.addedKeys),
    events: joinEvents(main.events, runs, added.events),
    regionNames: regions.names,
    categoryNames: categories.names,
  };
}
