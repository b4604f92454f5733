/**
 * What the index keeps of each article, by document number, in a few typed arrays and byte
 * blobs rather than one object per article: no object is made for an article until a question
 * needs it, a snapshot is these arrays written out, and loading it is reading them back.
 *
 * - the id, title and summary (what a reply shows and the rerank reads) as UTF-8 blobs;
 * - the body compressed, in blocks of consecutive bodies (a reply never shows it; it is kept for
 *   whoever asks for `article.body`): about 0.39 of its UTF-8 size for Korean news;
 * - the facts the questions filter and order on as columns: publication day, application status
 *   and end, regions, categories, events (kind, first and last day, evidence text);
 * - the rest (URL, source, reporter, origin, application start and evidence, 선착순) as one small
 *   JSON array per article, parsed only when a reply asks for one of them.
 *
 * `article(doc)` hands out a view (StoredArticle) that decodes each field when it is first read.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from "node:zlib";
import { EVENT_KINDS } from "../extract/schedule-cues.ts";
import type {
  AnalyzedArticle,
  Application,
  ApplicationStatus,
  ArticleEvent,
  EventKind,
  Origin,
} from "../types.ts";

/** UTF-8 (or deflated) byte strings: document d's bytes are bytes[offsets[d] … offsets[d+1]). */
export interface ByteColumn {
  bytes: Uint8Array;
  offsets: Uint32Array;
}

/** A list of keys per document: keys[offsets[d] … offsets[d+1]) index into a table of names. */
export interface KeyLists {
  offsets: Uint32Array;
  keys: Int32Array;
}

export interface EventColumns {
  /** Document d's events are offsets[d] … offsets[d+1]. */
  offsets: Uint32Array;
  /** Index into EVENT_KINDS. */
  kinds: Uint8Array;
  /** Day numbers YYYYMMDD; an end of 0 is an event without an end day. */
  starts: Int32Array;
  ends: Int32Array;
  texts: ByteColumn;
}

/**
 * The bodies, compressed in blocks of consecutive documents: block b holds the UTF-8 bodies of
 * documents firstDocs[b] … firstDocs[b+1] - 1, one after the other. Compressing one body at a time
 * cost more in calls than in compressing (bench/README.md) and compressed worse: neighbouring
 * articles share most of their words.
 */
export interface BodyColumn {
  blocks: ByteColumn;
  /** The first document of each block, then the document count (one entry more than blocks). */
  firstDocs: Uint32Array;
  /** Each document's body length in UTF-8 bytes. */
  lengths: Uint32Array;
}

export interface DocStoreData {
  ids: ByteColumn;
  titles: ByteColumn;
  summaries: ByteColumn;
  bodies: BodyColumn;
  /** JSON arrays of the fields no question reads (see Details). */
  details: ByteColumn;
  /** Day numbers YYYYMMDD, 0 when unknown. */
  published: Int32Array;
  /** Index into APPLICATION_STATUSES. */
  appStatus: Uint8Array;
  /** Day number of the application end, 0 when there is none. */
  appEnd: Int32Array;
  regions: KeyLists;
  categories: KeyLists;
  events: EventColumns;
  /** The names behind `regions.keys` and `categories.keys`. */
  regionNames: string[];
  categoryNames: string[];
}

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = [
  "dated",
  "rolling",
  "first-come",
  "until-budget",
  "tba",
  "varies",
  "none",
];

export { EVENT_KINDS };

/** url, urlIsArticle, source, reporter, origin file, origin line, application start, text, 선착순. */
type Details = [
  string | null,
  boolean,
  string | null,
  string | null,
  string,
  number,
  string | null,
  string,
  boolean,
];

/** A calendar date YYYY-MM-DD as the number YYYYMMDD: sortable, comparable, readable. */
export function dateNumber(date: string): number {
  return Number(date.replaceAll("-", ""));
}

/** The day number of a date the index stores (0 for none); anything but YYYY-MM-DD is a bug. */
function storedDay(date: string | null): number {
  if (date === null) return 0;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return dateNumber(date);
}

export function dayString(day: number): string | null {
  if (day === 0) return null;
  const text = String(day);
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

/** Bodies per compressed block: reading one body decompresses its block (about half a millisecond). */
export const BODY_BLOCK = 32;

/**
 * Brotli at quality 1: the best size for its speed among the settings measured on blocks of 32
 * Korean articles (brotli 1 and 3, deflate 1; figures in bench/README.md).
 */
const BROTLI = {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 1,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
  },
};

/** Bodies compressed in blocks of BODY_BLOCK (a build thread's share, sent in one transfer). */
export function compressBodies(bodies: readonly string[]): BodyColumn {
  const lengths = new Uint32Array(bodies.length);
  const blocks: Uint8Array[] = [];
  const firstDocs: number[] = [];
  for (let from = 0; from < bodies.length; from += BODY_BLOCK) {
    const parts: Buffer[] = [];
    for (let doc = from; doc < Math.min(from + BODY_BLOCK, bodies.length); doc++) {
      const bytes = Buffer.from(bodies[doc] as string, "utf8");
      lengths[doc] = bytes.byteLength;
      parts.push(bytes);
    }
    firstDocs.push(from);
    blocks.push(brotliCompressSync(Buffer.concat(parts), BROTLI));
  }
  firstDocs.push(bodies.length);
  return { blocks: joinBytes(blocks), firstDocs: Uint32Array.from(firstDocs), lengths };
}

/** Body columns of consecutive runs of documents as one. */
export function joinBodies(parts: readonly BodyColumn[]): BodyColumn {
  if (parts.length === 1) return parts[0] as BodyColumn;
  const blocks: Uint8Array[] = [];
  const firstDocs: number[] = [];
  const lengths: Uint32Array[] = [];
  let base = 0;
  for (const part of parts) {
    const { bytes, offsets } = part.blocks;
    for (let b = 0; b + 1 < offsets.length; b++) {
      blocks.push(bytes.subarray(offsets[b] as number, offsets[b + 1] as number));
      firstDocs.push(base + (part.firstDocs[b] as number));
    }
    lengths.push(part.lengths);
    base += part.lengths.length;
  }
  firstDocs.push(base);
  const all = new Uint32Array(base);
  let at = 0;
  for (const part of lengths) {
    all.set(part, at);
    at += part.length;
  }
  return { blocks: joinBytes(blocks), firstDocs: Uint32Array.from(firstDocs), lengths: all };
}

function joinBytes(parts: readonly Uint8Array[]): ByteColumn {
  const offsets = new Uint32Array(parts.length + 1);
  for (let i = 0; i < parts.length; i++)
    offsets[i + 1] = (offsets[i] as number) + (parts[i] as Uint8Array).byteLength;
  const bytes = new Uint8Array(offsets[parts.length] as number);
  for (let i = 0; i < parts.length; i++) bytes.set(parts[i] as Uint8Array, offsets[i] as number);
  return { bytes, offsets };
}

function textColumn(texts: readonly string[]): ByteColumn {
  const offsets = new Uint32Array(texts.length + 1);
  for (let i = 0; i < texts.length; i++)
    offsets[i + 1] = (offsets[i] as number) + Buffer.byteLength(texts[i] as string, "utf8");
  const bytes = Buffer.allocUnsafeSlow(offsets[texts.length] as number);
  for (let i = 0; i < texts.length; i++) bytes.write(texts[i] as string, offsets[i] as number);
  return { bytes, offsets };
}

/** Names numbered in order of first use. */
class NameTable {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();

  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }
}

/** Collects articles in document order, then packs them. */
export class DocStoreBuilder {
  private readonly ids: string[] = [];
  private readonly titles: string[] = [];
  private readonly summaries: string[] = [];
  private readonly details: string[] = [];
  private readonly published: number[] = [];
  private readonly appStatus: number[] = [];
  private readonly appEnd: number[] = [];
  private readonly regionNames = new NameTable();
  private readonly categoryNames = new NameTable();
  private readonly regionOffsets: number[] = [0];
  private readonly regionKeys: number[] = [];
  private readonly categoryOffsets: number[] = [0];
  private readonly categoryKeys: number[] = [];
  private readonly eventOffsets: number[] = [0];
  private readonly eventKinds: number[] = [];
  private readonly eventStarts: number[] = [];
  private readonly eventEnds: number[] = [];
  private readonly eventTexts: string[] = [];

  get size(): number {
    return this.ids.length;
  }

  /** Adds the next document (its body is not kept: `build` is given the bodies compressed). */
  add(article: AnalyzedArticle): void {
    this.ids.push(article.id);
    this.titles.push(article.title);
    this.summaries.push(article.summary);
    const { application: app } = article;
    const details: Details = [
      article.url,
      article.urlIsArticle,
      article.source,
      article.reporter,
      article.origin.file,
      article.origin.line,
      app.start,
      app.text,
      app.firstCome,
    ];
    this.details.push(JSON.stringify(details));
    this.published.push(storedDay(article.publishedAt));
    const status = APPLICATION_STATUSES.indexOf(app.status);
    if (status < 0) throw new Error(`unknown application status ${app.status}`);
    this.appStatus.push(status);
    storedDay(app.start);
    this.appEnd.push(storedDay(app.end));
    for (const region of article.regions) this.regionKeys.push(this.regionNames.id(region));
    this.regionOffsets.push(this.regionKeys.length);
    for (const category of article.categories)
      this.categoryKeys.push(this.categoryNames.id(category));
    this.categoryOffsets.push(this.categoryKeys.length);
    for (const event of article.events) {
      const kind = EVENT_KINDS.indexOf(event.kind);
      if (kind < 0) throw new Error(`unknown event kind ${event.kind}`);
      this.eventKinds.push(kind);
      this.eventStarts.push(storedDay(event.start));
      this.eventEnds.push(storedDay(event.end));
      this.eventTexts.push(event.text);
    }
    this.eventOffsets.push(this.eventKinds.length);
  }

  /** The store, with the bodies of the documents added, compressed (compressBodies). */
  build(bodies: BodyColumn): DocStoreData {
    if (bodies.lengths.length !== this.size) throw new Error("bodies and documents disagree");
    return {
      ids: textColumn(this.ids),
      titles: textColumn(this.titles),
      summaries: textColumn(this.summaries),
      bodies,
      details: textColumn(this.details),
      published: Int32Array.from(this.published),
      appStatus: Uint8Array.from(this.appStatus),
      appEnd: Int32Array.from(this.appEnd),
      regions: {
        offsets: Uint32Array.from(this.regionOffsets),
        keys: Int32Array.from(this.regionKeys),
      },
      categories: {
        offsets: Uint32Array.from(this.categoryOffsets),
        keys: Int32Array.from(this.categoryKeys),
      },
      events: {
        offsets: Uint32Array.from(this.eventOffsets),
        kinds: Uint8Array.from(this.eventKinds),
        starts: Int32Array.from(this.eventStarts),
        ends: Int32Array.from(this.eventEnds),
        texts: textColumn(this.eventTexts),
      },
      regionNames: this.regionNames.names,
      categoryNames: this.categoryNames.names,
    };
  }
}

/** Reads a stored document's fields. */
export class DocStore {
  private readonly ids: Buffer;
  private readonly titles: Buffer;
  private readonly summaries: Buffer;
  private readonly details: Buffer;
  private readonly eventTexts: Buffer;

  constructor(readonly data: DocStoreData) {
    this.ids = asBuffer(data.ids.bytes);
    this.titles = asBuffer(data.titles.bytes);
    this.summaries = asBuffer(data.summaries.bytes);
    this.details = asBuffer(data.details.bytes);
    this.eventTexts = asBuffer(data.events.texts.bytes);
  }

  get size(): number {
    return this.data.published.length;
  }

  article(doc: number): AnalyzedArticle {
    return new StoredArticle(this, doc);
  }

  id(doc: number): string {
    return slice(this.ids, this.data.ids.offsets, doc);
  }

  title(doc: number): string {
    return slice(this.titles, this.data.titles.offsets, doc);
  }

  summary(doc: number): string {
    return slice(this.summaries, this.data.summaries.offsets, doc);
  }

  /**
   * The document's body: its block decompressed, then its bytes. The last block read is kept, so
   * reading every body in order decompresses each block once.
   */
  body(doc: number): string {
    const { blocks, firstDocs, lengths } = this.data.bodies;
    let lo = 0;
    let hi = firstDocs.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((firstDocs[mid] as number) <= doc) lo = mid;
      else hi = mid - 1;
    }
    if (this.#block?.index !== lo) {
      const bytes = blocks.bytes.subarray(
        blocks.offsets[lo] as number,
        blocks.offsets[lo + 1] as number,
      );
      this.#block = { index: lo, bytes: brotliDecompressSync(bytes) };
    }
    let start = 0;
    for (let d = firstDocs[lo] as number; d < doc; d++) start += lengths[d] as number;
    return this.#block.bytes.toString("utf8", start, start + (lengths[doc] as number));
  }

  #block: { index: number; bytes: Buffer } | null = null;

  detailsOf(doc: number): Details {
    return JSON.parse(slice(this.details, this.data.details.offsets, doc)) as Details;
  }

  publishedAt(doc: number): string | null {
    return dayString(this.data.published[doc] as number);
  }

  regions(doc: number): string[] {
    return keysOf(this.data.regions, this.data.regionNames, doc);
  }

  categories(doc: number): string[] {
    return keysOf(this.data.categories, this.data.categoryNames, doc);
  }

  applicationStatus(doc: number): ApplicationStatus {
    return APPLICATION_STATUSES[this.data.appStatus[doc] as number] as ApplicationStatus;
  }

  applicationEnd(doc: number): string | null {
    return dayString(this.data.appEnd[doc] as number);
  }

  events(doc: number): ArticleEvent[] {
    const { offsets, kinds, starts, ends, texts } = this.data.events;
    const events: ArticleEvent[] = [];
    for (let e = offsets[doc] as number; e < (offsets[doc + 1] as number); e++) {
      events.push({
        kind: EVENT_KINDS[kinds[e] as number] as EventKind,
        start: dayString(starts[e] as number) as string,
        end: dayString(ends[e] as number),
        text: slice(this.eventTexts, texts.offsets, e),
      });
    }
    return events;
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function slice(bytes: Buffer, offsets: Uint32Array, i: number): string {
  return bytes.toString("utf8", offsets[i] as number, offsets[i + 1] as number);
}

function keysOf(lists: KeyLists, names: readonly string[], doc: number): string[] {
  const out: string[] = [];
  for (let k = lists.offsets[doc] as number; k < (lists.offsets[doc + 1] as number); k++)
    out.push(names[lists.keys[k] as number] as string);
  return out;
}

/**
 * An article read from the store, field by field, when a field is first asked for (then kept):
 * a question that ranks 200 articles to show five reads titles and dates, not bodies or URLs.
 */
export class StoredArticle implements AnalyzedArticle {
  #title?: string;
  #id?: string;
  #summary?: string;
  #details?: Details;
  #regions?: string[];
  #categories?: string[];
  #application?: Application;
  #events?: ArticleEvent[];

  readonly #store: DocStore;
  readonly #doc: number;

  constructor(store: DocStore, doc: number) {
    this.#store = store;
    this.#doc = doc;
  }

  /** The document number the article was read from. */
  get doc(): number {
    return this.#doc;
  }

  get id(): string {
    this.#id ??= this.#store.id(this.#doc);
    return this.#id;
  }

  get title(): string {
    this.#title ??= this.#store.title(this.#doc);
    return this.#title;
  }

  get summary(): string {
    this.#summary ??= this.#store.summary(this.#doc);
    return this.#summary;
  }

  /** Inflated on every read: kept, it would put the text back in the heap it was kept out of. */
  get body(): string {
    return this.#store.body(this.#doc);
  }

  private get details(): Details {
    this.#details ??= this.#store.detailsOf(this.#doc);
    return this.#details;
  }

  get url(): string | null {
    return this.details[0];
  }

  get urlIsArticle(): boolean {
    return this.details[1];
  }

  get source(): string | null {
    return this.details[2];
  }

  get reporter(): string | null {
    return this.details[3];
  }

  get origin(): Origin {
    return { file: this.details[4], line: this.details[5] };
  }

  get publishedAt(): string | null {
    return this.#store.publishedAt(this.#doc);
  }

  get regions(): string[] {
    this.#regions ??= this.#store.regions(this.#doc);
    return this.#regions;
  }

  get categories(): string[] {
    this.#categories ??= this.#store.categories(this.#doc);
    return this.#categories;
  }

  get application(): Application {
    if (!this.#application) {
      const details = this.details;
      this.#application = {
        status: this.#store.applicationStatus(this.#doc),
        start: details[6],
        end: this.#store.applicationEnd(this.#doc),
        text: details[7],
        firstCome: details[8],
      };
    }
    return this.#application;
  }

  get events(): ArticleEvent[] {
    this.#events ??= this.#store.events(this.#doc);
    return this.#events;
  }

  /** The article as a plain object, with its keys in the order analyzeArticle gives them. */
  toJSON(): AnalyzedArticle {
    return {
      id: this.id,
      title: this.title,
      body: this.body,
      url: this.url,
      urlIsArticle: this.urlIsArticle,
      publishedAt: this.publishedAt,
      source: this.source,
      reporter: this.reporter,
      origin: this.origin,
      summary: this.summary,
      regions: this.regions,
      categories: this.categories,
      application: this.application,
      events: this.events,
    };
  }
}
