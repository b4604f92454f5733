import MiniSearch from "minisearch";
import { stripParticles } from "../analysis/particles.ts";

/**
 * MiniSearch keeps the job it does best here: autoSuggest for autocomplete and "did you mean"
 * suggestions, over article titles. It is filled from the title words the analysis already
 * produced, the way its own loadJS fills it (a tenth of the cost of addAll's radix-tree insert per
 * token), with each term's documents filled only when first read.
 */
export const SUGGEST_OPTIONS = {
  fields: ["title"],
  idField: "id",
  tokenize: (text: string) => (text.length === 0 ? [] : text.split(" ")),
  processTerm: (term: string) => term,
  searchOptions: {
    tokenize: (text: string) => (text.length === 0 ? [] : text.split(" ")),
    processTerm: (term: string) => term,
  },
};

export type SuggestEngine = MiniSearch<{ id: string; title: string }>;

/** MiniSearch's number for the one field. */
const TITLE_FIELD = 0;

/**
 * A term's documents (MiniSearch's FieldTermData: field → short id → frequency), filled the
 * first time MiniSearch (or suggest-check) reads it. A question reads a handful of terms; filling
 * all of them up front was most of the engine's cost (bench/README.md), and that cost would fall
 * on the first autocomplete after every start.
 */
class LazyTermData extends Map<number, Map<number, number>> {
  #fill: (() => Map<number, number>) | null;

  constructor(fill: () => Map<number, number>) {
    super();
    this.#fill = fill;
  }

  #ready(): void {
    const fill = this.#fill;
    if (fill === null) return;
    this.#fill = null;
    super.set(TITLE_FIELD, fill());
  }

  override get(field: number): Map<number, number> | undefined {
    this.#ready();
    return super.get(field);
  }

  override has(field: number): boolean {
    this.#ready();
    return super.has(field);
  }

  override get size(): number {
    this.#ready();
    return super.size;
  }

  override entries(): MapIterator<[number, Map<number, number>]> {
    this.#ready();
    return super.entries();
  }

  override keys(): MapIterator<number> {
    this.#ready();
    return super.keys();
  }

  override values(): MapIterator<Map<number, number>> {
    this.#ready();
    return super.values();
  }

  override forEach(
    callback: (
      value: Map<number, number>,
      key: number,
      map: Map<number, Map<number, number>>,
    ) => void,
    thisArg?: unknown,
  ): void {
    this.#ready();
    super.forEach(callback, thisArg);
  }

  override [Symbol.iterator](): MapIterator<[number, Map<number, number>]> {
    return this.entries();
  }
}

/** The parts of MiniSearch's state the engine is filled through (as its loadJS fills them). */
interface Internals {
  _documentIds: Map<number, string>;
  _idToShortId: Map<string, number>;
  _fieldLength: Map<number, number[]>;
  _index: { set(term: string, data: Map<number, Map<number, number>>): void };
}

/**
 * The engine over document d = MiniSearch short id d: `ids[d]` and the title words
 * `words[wordIds[offsets[d]] …]` (stems only, see titleWordLists), exactly the engine loadJS
 * makes from the same titles: terms in order of first appearance, documents in order.
 */
export function suggestEngineOf(
  ids: readonly string[],
  offsets: Uint32Array,
  wordIds: Int32Array,
  word: (id: number) => string,
): SuggestEngine {
  const count = ids.length;
  let total = 0;
  for (let doc = 0; doc < count; doc++)
    total += (offsets[doc + 1] as number) - (offsets[doc] as number);
  const engine = MiniSearch.loadJS(
    {
      documentCount: count,
      nextId: count,
      documentIds: {},
      fieldIds: { title: TITLE_FIELD },
      fieldLength: {},
      averageFieldLength: [count > 0 ? total / count : 0],
      storedFields: {},
      dirtCount: 0,
      index: [],
      serializationVersion: 2,
    } as never,
    SUGGEST_OPTIONS,
  );
  const internals = engine as unknown as Internals;
  for (let doc = 0; doc < count; doc++) {
    const id = ids[doc] as string;
    internals._documentIds.set(doc, id);
    internals._idToShortId.set(id, doc);
    internals._fieldLength.set(doc, [(offsets[doc + 1] as number) - (offsets[doc] as number)]);
  }
  // Each word's documents, in document order (a counting sort of the title words by word).
  let maxWord = -1;
  for (const id of wordIds) if (id > maxWord) maxWord = id;
  const starts = new Int32Array(maxWord + 2);
  for (const id of wordIds) starts[id + 1] = (starts[id + 1] as number) + 1;
  for (let w = 0; w <= maxWord; w++)
    starts[w + 1] = (starts[w + 1] as number) + (starts[w] as number);
  const docsOf = new Int32Array(wordIds.length);
  const cursor = starts.slice(0, maxWord + 1);
  const seen = new Uint8Array(maxWord + 1);
  for (let doc = 0; doc < count; doc++) {
    for (let i = offsets[doc] as number; i < (offsets[doc + 1] as number); i++) {
      const id = wordIds[i] as number;
      docsOf[(cursor[id] as number)++] = doc;
      if (seen[id] === 1) continue;
      seen[id] = 1;
      const from = starts[id] as number;
      const to = starts[id + 1] as number;
      internals._index.set(
        word(id),
        new LazyTermData(() => {
          const frequencies = new Map<number, number>();
          for (let at = from; at < to; at++) {
            const holder = docsOf[at] as number;
            frequencies.set(holder, (frequencies.get(holder) ?? 0) + 1);
          }
          return frequencies;
        }),
      );
    }
  }
  return engine;
}

/** Builds the engine from each article's id and analysed title words. */
export function buildSuggestEngine(
  docs: { id: string; titleWords: readonly string[] }[],
): SuggestEngine {
  const numbers = new Map<string, number>();
  const words: string[] = [];
  const offsets = new Uint32Array(docs.length + 1);
  const wordIds: number[] = [];
  docs.forEach(({ titleWords }, doc) => {
    for (const word of titleWords) {
      // Stems only: 설명회는 next to 설명회 would be a useless suggestion.
      if (stripParticles(word) !== word) continue;
      let id = numbers.get(word);
      if (id === undefined) {
        id = words.length;
        words.push(word);
        numbers.set(word, id);
      }
      wordIds.push(id);
    }
    offsets[doc + 1] = wordIds.length;
  });
  return suggestEngineOf(
    docs.map((d) => d.id),
    offsets,
    Int32Array.from(wordIds),
    (id) => words[id] as string,
  );
}
