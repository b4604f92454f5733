/**
 * A prototype of the index design recommended for src/index (measured by bench/proto/run.ts; the
 * project does not use it): one analysis pass, interned terms, postings as typed arrays in CSR
 * layout, BM25 scored exactly like MiniSearch, and a filter index of sorted doc ordinals in place
 * of Orama. Two text modes:
 *  - "grams": the project's semantics unchanged (title/body words boosted 6/3, plus a bigram field
 *    searched with AND per query word), only stored compactly;
 *  - "dict": no per-document bigram postings; a query word finds compounds through the term
 *    dictionary instead (bigrams of each distinct word → words containing the query word as a
 *    substring), which are then scored from their own word postings with boost 1.
 */
import { analyze, pushBigrams } from "../../src/analysis/tokenize.ts";
import { withAncestors } from "../../src/extract/gazetteer.ts";
import type { RecordFilter } from "../../src/index/record-engine.ts";
import type { AnalyzedArticle } from "../../src/types.ts";

export type TextMode = "grams" | "dict";

const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const HANGUL_WORD = /^[가-힣]{2,}$/;

/** An append-only Int32 vector that doubles its buffer. */
class IntVec {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/** Postings of one field: for term t, docs[offsets[t] .. offsets[t+1]) with their frequencies. */
export interface Postings {
  offsets: Int32Array;
  docs: Int32Array;
  tfs: Uint16Array;
  /** Distinct terms per document (MiniSearch's field length). */
  lengths: Int32Array;
  avgLength: number;
}

class PostingsBuilder {
  private terms = new IntVec(1 << 16);
  private docs = new IntVec(1 << 16);
  private tfs = new IntVec(1 << 16);
  readonly lengths: IntVec = new IntVec(1024);

  addDocument(doc: number, counts: Map<number, number>): void {
    for (const [term, tf] of counts) {
      this.terms.push(term);
      this.docs.push(doc);
      this.tfs.push(tf);
    }
    this.lengths.push(counts.size);
  }

  /** Counting sort by term: docs stay in ascending order inside each term. */
  build(termCount: number): Postings {
    const terms = this.terms.view();
    const offsets = new Int32Array(termCount + 1);
    for (let i = 0; i < terms.length; i++) (offsets[(terms[i] as number) + 1] as number)++;
    for (let t = 0; t < termCount; t++)
      offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
    const cursor = offsets.slice(0, termCount);
    const docs = new Int32Array(terms.length);
    const tfs = new Uint16Array(terms.length);
    const srcDocs = this.docs.view();
    const srcTfs = this.tfs.view();
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i] as number;
      const at = (cursor[t] as number)++;
      docs[at] = srcDocs[i] as number;
      tfs[at] = Math.min(65535, srcTfs[i] as number);
    }
    const lengths = this.lengths.view().slice();
    let total = 0;
    for (const l of lengths) total += l;
    // Release the build buffers.
    this.terms = new IntVec(1);
    this.docs = new IntVec(1);
    this.tfs = new IntVec(1);
    return { offsets, docs, tfs, lengths, avgLength: lengths.length ? total / lengths.length : 0 };
  }
}

function bm25(tf: number, df: number, n: number, length: number, avgLength: number): number {
  const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
  return (
    idf *
    (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / avgLength)))
  );
}

interface Accumulated {
  score: number;
  terms: Set<string>;
}

export interface ScoredId {
  id: string;
  score: number;
}

export class CompactTextIndex {
  readonly vocabulary = new Map<string, number>();
  readonly words: string[] = [];
  title!: Postings;
  body!: Postings;
  grams: Postings | null = null;
  /** dict mode: bigram → ids of the distinct Hangul words containing it. */
  private gramToWords: Map<string, Int32Array> | null = null;
  private ids: string[] = [];

  constructor(readonly mode: TextMode) {}

  private intern(term: string): number {
    let id = this.vocabulary.get(term);
    if (id === undefined) {
      id = this.words.length;
      this.vocabulary.set(term, id);
      this.words.push(term);
    }
    return id;
  }

  private count(terms: readonly string[], into: Map<number, number>): void {
    into.clear();
    for (const term of terms) {
      const id = this.intern(term);
      into.set(id, (into.get(id) ?? 0) + 1);
    }
  }

  /** One analysis pass per article feeds every field. */
  build(articles: readonly AnalyzedArticle[]): void {
    const title = new PostingsBuilder();
    const body = new PostingsBuilder();
    const grams = this.mode === "grams" ? new PostingsBuilder() : null;
    const counts = new Map<number, number>();
    this.ids = articles.map((a) => a.id);
    articles.forEach((article, doc) => {
      const t = analyze(article.title);
      const b = analyze(article.body);
      this.count(t.words, counts);
      title.addDocument(doc, counts);
      this.count(b.words, counts);
      body.addDocument(doc, counts);
      if (grams) {
        this.count(t.grams.concat(b.grams), counts);
        grams.addDocument(doc, counts);
      }
    });
    this.title = title.build(this.words.length);
    this.body = body.build(this.words.length);
    if (grams) this.grams = grams.build(this.words.length);
    if (this.mode === "dict") this.gramToWords = this.dictionaryGrams();
  }

  private dictionaryGrams(): Map<string, Int32Array> {
    const lists = new Map<string, number[]>();
    const grams: string[] = [];
    this.words.forEach((word, id) => {
      if (!HANGUL_WORD.test(word)) return;
      grams.length = 0;
      pushBigrams(grams, word);
      for (const gram of new Set(grams)) {
        const list = lists.get(gram);
        if (list) list.push(id);
        else lists.set(gram, [id]);
      }
    });
    const out = new Map<string, Int32Array>();
    for (const [gram, list] of lists) out.set(gram, Int32Array.from(list));
    return out;
  }

  private scoreTerm(
    postings: Postings,
    term: number,
    boost: number,
    source: string,
    acc: Map<number, Accumulated>,
    only: Set<number> | null = null,
  ): void {
    const from = postings.offsets[term] as number;
    const to = postings.offsets[term + 1] as number;
    const df = to - from;
    if (df === 0) return;
    const n = this.ids.length;
    for (let i = from; i < to; i++) {
      const doc = postings.docs[i] as number;
      if (only && !only.has(doc)) continue;
      const s =
        boost *
        bm25(postings.tfs[i] as number, df, n, postings.lengths[doc] as number, postings.avgLength);
      const hit = acc.get(doc);
      if (hit) {
        hit.score += s;
        hit.terms.add(source);
      } else {
        acc.set(doc, { score: s, terms: new Set([source]) });
      }
    }
  }

  private docsOf(postings: Postings, term: number): Int32Array {
    return postings.docs.subarray(
      postings.offsets[term] as number,
      postings.offsets[term + 1] as number,
    );
  }

  /** Ranked matches for the query text, like the project's searchText. */
  search(text: string): ScoredId[] {
    const words = [...new Set(analyze(text).words)];
    if (words.length === 0) return [];
    const acc = new Map<number, Accumulated>();
    for (const word of words) {
      const id = this.vocabulary.get(word);
      if (id === undefined) continue;
      this.scoreTerm(this.title, id, 6, word, acc);
      this.scoreTerm(this.body, id, 3, word, acc);
    }
    for (const word of words) {
      if (!HANGUL_WORD.test(word)) continue;
      const grams: string[] = [];
      pushBigrams(grams, word);
      const unique = [...new Set(grams)];
      if (this.mode === "grams") this.gramsAnd(unique, acc);
      else this.dictionarySubstring(word, unique, acc);
    }
    const out: ScoredId[] = [];
    for (const [doc, hit] of acc)
      out.push({ id: this.ids[doc] as string, score: hit.score * hit.terms.size });
    return out.sort((a, b) => b.score - a.score);
  }

  /** Documents holding every bigram of the word, scored on the bigram field (MiniSearch AND). */
  private gramsAnd(grams: string[], acc: Map<number, Accumulated>): void {
    const postings = this.grams as Postings;
    const ids = grams.map((g) => this.vocabulary.get(g));
    if (ids.some((id) => id === undefined)) return;
    const termIds = ids as number[];
    termIds.sort((a, b) => this.docsOf(postings, a).length - this.docsOf(postings, b).length);
    let members = new Set(this.docsOf(postings, termIds[0] as number));
    for (const t of termIds.slice(1)) {
      const next = new Set<number>();
      for (const doc of this.docsOf(postings, t)) if (members.has(doc)) next.add(doc);
      members = next;
      if (members.size === 0) return;
    }
    const local = new Map<number, Accumulated>();
    termIds.forEach((t, i) => {
      this.scoreTerm(postings, t, 1, grams[ids.indexOf(t)] ?? String(i), local, members);
    });
    for (const [doc, hit] of local) {
      const into = acc.get(doc);
      if (into) {
        into.score += hit.score;
        for (const term of hit.terms) into.terms.add(term);
      } else {
        acc.set(doc, hit);
      }
    }
  }

  /**
   * The dictionary's answer to the bigram field: the family of words containing the query word
   * (세관 → 세관, 평택직할세관, 세관장…) acts as one virtual term — tf summed over the family in title
   * and body, df the union of their documents — scored once per bigram of the word with boost 1
   * and counted as those bigrams for MiniSearch's quality factor, which is what the bigram field's
   * AND query amounts to for a word found inside one longer word.
   */
  private dictionarySubstring(word: string, grams: string[], acc: Map<number, Accumulated>): void {
    const lists = grams.map((g) => this.gramToWords?.get(g));
    if (lists.some((l) => l === undefined)) return;
    const sorted = (lists as Int32Array[]).sort((a, b) => a.length - b.length);
    let candidates = new Set(sorted[0]);
    for (const list of sorted.slice(1)) {
      const next = new Set<number>();
      for (const id of list) if (candidates.has(id)) next.add(id);
      candidates = next;
    }
    const tf = new Map<number, number>();
    for (const id of candidates) {
      if (!(this.words[id] as string).includes(word)) continue;
      for (const postings of [this.title, this.body]) {
        const from = postings.offsets[id] as number;
        const to = postings.offsets[id + 1] as number;
        for (let i = from; i < to; i++) {
          const doc = postings.docs[i] as number;
          tf.set(doc, (tf.get(doc) ?? 0) + (postings.tfs[i] as number));
        }
      }
    }
    const n = this.ids.length;
    const df = tf.size;
    for (const [doc, f] of tf) {
      const s =
        grams.length * bm25(f, df, n, this.body.lengths[doc] as number, this.body.avgLength);
      const hit = acc.get(doc);
      if (hit) {
        hit.score += s;
        for (const g of grams) hit.terms.add(g);
      } else {
        acc.set(doc, { score: s, terms: new Set(grams) });
      }
    }
  }

  /** Completions of the last word, most frequent first (stands in for MiniSearch autoSuggest). */
  suggest(prefix: string, limit: number): string[] {
    const last = analyze(prefix).words.at(-1);
    if (!last) return [];
    const found: { word: string; df: number }[] = [];
    for (const [word, id] of this.vocabulary) {
      if (!word.startsWith(last) || word === last) continue;
      const df = (this.body.offsets[id + 1] as number) - (this.body.offsets[id] as number);
      if (df > 0) found.push({ word, df });
    }
    return found
      .sort((a, b) => b.df - a.df)
      .slice(0, limit)
      .map((f) => f.word);
  }

  typedArrays(): Record<string, ArrayBufferView> {
    const out: Record<string, ArrayBufferView> = {};
    const fields: [string, Postings | null][] = [
      ["title", this.title],
      ["body", this.body],
      ["grams", this.grams],
    ];
    for (const [name, p] of fields) {
      if (!p) continue;
      out[`${name}.offsets`] = p.offsets;
      out[`${name}.docs`] = p.docs;
      out[`${name}.tfs`] = p.tfs;
      out[`${name}.lengths`] = p.lengths;
    }
    return out;
  }
}

function dateNumber(date: string): number {
  return Number(date.replaceAll("-", ""));
}

/** Sorted (value, doc) pairs for range filters. */
class RangeIndex {
  values: Int32Array;
  docs: Int32Array;
  constructor(pairs: [number, number][]) {
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.values = Int32Array.from(pairs, (p) => p[0]);
    this.docs = Int32Array.from(pairs, (p) => p[1]);
  }
  private lowerBound(value: number): number {
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.values[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  between(from: number, to: number): Set<number> {
    const out = new Set<number>();
    for (
      let i = this.lowerBound(from);
      i < this.values.length && (this.values[i] as number) <= to;
      i++
    ) {
      out.add(this.docs[i] as number);
    }
    return out;
  }
}

/** The structured filters of record-engine.ts over sorted doc ordinals instead of Orama. */
export class CompactFilterIndex {
  private ids: string[];
  private regions = new Map<string, Int32Array>();
  private categories = new Map<string, Int32Array>();
  private eventKinds = new Map<string, Int32Array>();
  private appEnd: RangeIndex;
  private eventDays: RangeIndex;
  private published: RangeIndex;

  constructor(articles: readonly AnalyzedArticle[]) {
    this.ids = articles.map((a) => a.id);
    const lists = {
      regions: new Map<string, number[]>(),
      categories: new Map<string, number[]>(),
      eventKinds: new Map<string, number[]>(),
    };
    const add = (map: Map<string, number[]>, key: string, doc: number) => {
      const list = map.get(key);
      if (list) list.push(doc);
      else map.set(key, [doc]);
    };
    const appEnd: [number, number][] = [];
    const eventDays: [number, number][] = [];
    const published: [number, number][] = [];
    articles.forEach((a, doc) => {
      for (const code of withAncestors(a.regions)) add(lists.regions, code, doc);
      for (const c of a.categories) add(lists.categories, c, doc);
      for (const kind of new Set(a.events.map((e) => e.kind))) add(lists.eventKinds, kind, doc);
      if (a.application.end) appEnd.push([dateNumber(a.application.end), doc]);
      for (const e of a.events) {
        eventDays.push([dateNumber(e.start), doc]);
        eventDays.push([dateNumber(e.end ?? e.start), doc]);
      }
      if (a.publishedAt) published.push([dateNumber(a.publishedAt), doc]);
    });
    for (const [key, map] of Object.entries(lists)) {
      const target = this[key as keyof typeof lists];
      for (const [k, list] of map) target.set(k, Int32Array.from(list));
    }
    this.appEnd = new RangeIndex(appEnd);
    this.eventDays = new RangeIndex(eventDays);
    this.published = new RangeIndex(published);
  }

  private any(map: Map<string, Int32Array>, keys: string[]): Set<number> {
    const out = new Set<number>();
    for (const key of keys) for (const doc of map.get(key) ?? []) out.add(doc);
    return out;
  }

  /** Same contract as filterRecords: ids passing every clause, or null for no clause. */
  filter(filter: RecordFilter): Set<string> | null {
    const sets: Set<number>[] = [];
    if (filter.regions?.length) sets.push(this.any(this.regions, filter.regions));
    if (filter.categories?.length) sets.push(this.any(this.categories, filter.categories));
    if (filter.eventKinds?.length) sets.push(this.any(this.eventKinds, filter.eventKinds));
    if (filter.appEnd)
      sets.push(this.appEnd.between(dateNumber(filter.appEnd.from), dateNumber(filter.appEnd.to)));
    if (filter.eventDay) {
      sets.push(
        this.eventDays.between(dateNumber(filter.eventDay.from), dateNumber(filter.eventDay.to)),
      );
    }
    if (filter.published?.from || filter.published?.to) {
      sets.push(
        this.published.between(
          dateNumber(filter.published.from ?? "1900-01-01"),
          dateNumber(filter.published.to ?? "9999-12-31"),
        ),
      );
    }
    if (sets.length === 0) return null;
    sets.sort((a, b) => a.size - b.size);
    const out = new Set<string>();
    for (const doc of sets[0] as Set<number>) {
      if (sets.every((s) => s.has(doc))) out.add(this.ids[doc] as string);
    }
    return out;
  }
}
