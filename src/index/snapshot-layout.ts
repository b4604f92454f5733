/**
 * How an index maps onto snapshot sections and back: the stored articles' arrays as they are, the
 * postings' document numbers and weights as varints (postings-codec.ts), decoded when loaded.
 * Nothing is made per article at load: the stored fields stay in the arrays they were read into.
 */
import type { BodyColumn, ByteColumn, DocStoreData } from "./doc-store.ts";
import type { PostingsData } from "./postings.ts";
import { decodeDocs, decodeWeights, encodeDocs, encodeWeights } from "./postings-codec.ts";
import type { WordLists } from "./search-index.ts";
import type { Section, SnapshotContents } from "./snapshot-file.ts";

/** What the snapshot's header says about its sections beyond their bytes. */
export interface LayoutMeta {
  regionNames: string[];
  categoryNames: string[];
  /** How each postings' weights are kept: none (bigrams), varints, or raw float32. */
  weights: Record<"words" | "grams", "none" | "varint" | "f32">;
}

function bytesSections(name: string, column: ByteColumn): Record<string, Section> {
  return { [name]: column.bytes, [`${name}.offsets`]: column.offsets };
}

function readBytes(contents: SnapshotContents, name: string): ByteColumn {
  return { bytes: contents.u8(name), offsets: contents.u32(`${name}.offsets`) };
}

function readBodies(contents: SnapshotContents): BodyColumn {
  return {
    blocks: readBytes(contents, "store.bodies"),
    firstDocs: contents.u32("store.bodies.firstDocs"),
    lengths: contents.u32("store.bodies.lengths"),
  };
}

export function storeSections(data: DocStoreData): Record<string, Section> {
  const { events } = data;
  return {
    ...bytesSections("store.ids", data.ids),
    ...bytesSections("store.titles", data.titles),
    ...bytesSections("store.summaries", data.summaries),
    ...bytesSections("store.details", data.details),
    ...bytesSections("store.bodies", data.bodies.blocks),
    "store.bodies.firstDocs": data.bodies.firstDocs,
    "store.bodies.lengths": data.bodies.lengths,
    "store.published": data.published,
    "store.appStatus": data.appStatus,
    "store.appEnd": data.appEnd,
    "store.regions.offsets": data.regions.offsets,
    "store.regions.keys": data.regions.keys,
    "store.categories.offsets": data.categories.offsets,
    "store.categories.keys": data.categories.keys,
    "store.events.offsets": events.offsets,
    "store.events.kinds": events.kinds,
    "store.events.starts": events.starts,
    "store.events.ends": events.ends,
    ...bytesSections("store.events.texts", events.texts),
  };
}

export function readStore(contents: SnapshotContents, meta: LayoutMeta): DocStoreData {
  return {
    ids: readBytes(contents, "store.ids"),
    titles: readBytes(contents, "store.titles"),
    summaries: readBytes(contents, "store.summaries"),
    details: readBytes(contents, "store.details"),
    bodies: readBodies(contents),
    published: contents.i32("store.published"),
    appStatus: contents.u8("store.appStatus"),
    appEnd: contents.i32("store.appEnd"),
    regions: {
      offsets: contents.u32("store.regions.offsets"),
      keys: contents.i32("store.regions.keys"),
    },
    categories: {
      offsets: contents.u32("store.categories.offsets"),
      keys: contents.i32("store.categories.keys"),
    },
    events: {
      offsets: contents.u32("store.events.offsets"),
      kinds: contents.u8("store.events.kinds"),
      starts: contents.i32("store.events.starts"),
      ends: contents.i32("store.events.ends"),
      texts: readBytes(contents, "store.events.texts"),
    },
    regionNames: meta.regionNames,
    categoryNames: meta.categoryNames,
  };
}

export function postingsSections(
  prefix: "words" | "grams",
  data: PostingsData,
  weights: LayoutMeta["weights"],
): Record<string, Section> {
  const sections: Record<string, Section> = {
    [`${prefix}.terms`]: data.terms.join("\n"),
    [`${prefix}.offsets`]: data.offsets,
    [`${prefix}.docs`]: encodeDocs(data.offsets, data.docs),
    [`${prefix}.lengths`]: data.lengths,
  };
  if (data.weights.length === 0) weights[prefix] = "none";
  else {
    const encoded = encodeWeights(data.weights);
    weights[prefix] = encoded === null ? "f32" : "varint";
    sections[`${prefix}.weights`] = encoded ?? data.weights;
  }
  return sections;
}

export function readPostings(
  contents: SnapshotContents,
  prefix: "words" | "grams",
  meta: LayoutMeta,
): PostingsData {
  const terms = contents.text(`${prefix}.terms`);
  const offsets = contents.i32(`${prefix}.offsets`);
  const docs = decodeDocs(offsets, contents.u8(`${prefix}.docs`));
  const kept = meta.weights[prefix];
  const weights =
    kept === "none"
      ? new Float32Array(0)
      : kept === "f32"
        ? contents.f32(`${prefix}.weights`)
        : decodeWeights(contents.u8(`${prefix}.weights`), docs.length);
  return {
    terms: terms.length > 0 ? terms.split("\n") : [],
    offsets,
    docs,
    weights,
    lengths: contents.f32(`${prefix}.lengths`),
  };
}

export function wordListSections(lists: WordLists): Record<string, Section> {
  return { "titleWords.offsets": lists.offsets, "titleWords.ids": lists.ids };
}

export function readWordLists(contents: SnapshotContents): WordLists {
  return { offsets: contents.u32("titleWords.offsets"), ids: contents.i32("titleWords.ids") };
}
