import type { IngestReport } from "../ingest/report.ts";
import type { AnalyzedArticle } from "../types.ts";
import { DocColumns } from "./doc-columns.ts";
import { type DocStore, dayString } from "./doc-store.ts";
import { type Expansion, titlesMayHoldAll } from "./suggest-check.ts";
import { type SuggestEngine, suggestEngineOf } from "./suggest-engine.ts";
import type { TextEngine } from "./text-engine.ts";

export interface IndexMeta {
  sourceHash: string;
  /**
   * stampSources of the sources as the build found them (taken before reading them), so that
   * every saved snapshot (`jiwon index`, /reindex, a start) lets the next start check its sources
   * by stat; null or absent when unknown (an index updated in place holds more than its sources).
   */
  sourceStamp?: string | null;
  builtAt: string;
  buildMs: number;
  report: IngestReport;
}

/** Suggestions complete the word being typed and forgive a typo in words of four letters or more. */
const SUGGEST_EXPANSION: Expansion = {
  prefix: (_term, i, terms) => i === terms.length - 1,
  fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
};

/**
 * Each document's title words (stems, in title order) as numbers of the text engine's words:
 * ids[offsets[d] … offsets[d+1]). What the suggestion engine is built from, when first needed.
 */
export interface WordLists {
  offsets: Uint32Array;
  ids: Int32Array;
}

/**
 * The in-memory index, immutable once built: the stored articles by document number and what
 * answers questions about them — the text engine ranks text, the document columns filter and
 * order on facts (regions, categories, dates), MiniSearch suggests completions. The question path
 * reaches them through this class, `text`, `columns` and the document lists of doc-list.ts.
 */
export class SearchIndex {
  /**
   * Regions, categories and dates by document number: the one path for structured filters, kept
   * ready in memory as sorted document lists (a large province holds a quarter of all articles).
   */
  readonly columns: DocColumns;
  #byId: Map<string, number> | null = null;
  #suggestions: SuggestEngine | null = null;

  constructor(
    readonly store: DocStore,
    readonly text: TextEngine,
    readonly titleWords: WordLists,
    readonly meta: IndexMeta,
  ) {
    if (text.documentCount !== store.size || titleWords.offsets.length !== store.size + 1)
      throw new Error("the index's parts hold different numbers of documents");
    this.columns = new DocColumns([store.data]);
  }

  /** How many articles the index holds (documents are numbered 0 … size - 1). */
  get size(): number {
    return this.store.size;
  }

  /** The article of a document number (a view that reads its fields from the store). */
  article(doc: number): AnalyzedArticle {
    return this.store.article(doc);
  }

  /** Every article in document order, as views: for tools and tests (questions never need all). */
  allArticles(): AnalyzedArticle[] {
    return Array.from({ length: this.size }, (_, doc) => this.article(doc));
  }

  /** The document number of an article id. */
  docOf(id: string): number | undefined {
    if (this.#byId === null) {
      const byId = new Map<string, number>();
      for (let doc = 0; doc < this.size; doc++) byId.set(this.store.id(doc), doc);
      this.#byId = byId;
    }
    return this.#byId.get(id);
  }

  get(id: string): AnalyzedArticle | undefined {
    const doc = this.docOf(id);
    return doc === undefined ? undefined : this.article(doc);
  }

  /**
   * Builds now what is otherwise made on first use (the suggestion engine, the costliest of
   * those), for a process that would rather pay for it before a user asks.
   */
  warm(): void {
    void this.suggestions;
  }

  /** Whether what `warm` builds is built. */
  get warmed(): boolean {
    return this.#suggestions !== null;
  }

  /**
   * The suggestion engine, made on first use from the stored title words (most processes answer
   * questions before the first autocomplete or the first question that finds nothing).
   */
  get suggestions(): SuggestEngine {
    if (this.#suggestions === null) {
      const ids = Array.from({ length: this.size }, (_, doc) => this.store.id(doc));
      const { offsets, ids: wordIds } = this.titleWords;
      this.#suggestions = suggestEngineOf(ids, offsets, wordIds, (id) => this.text.word(id));
    }
    return this.#suggestions;
  }

  /** The latest publication day of any article ("" when none is dated), made on first use. */
  #latestPublished: string | null = null;
  private get latestPublished(): string {
    if (this.#latestPublished === null) {
      const latest = this.columns.publishedDay.reduce((max, day) => Math.max(max, day), 0);
      this.#latestPublished = dayString(latest) ?? "";
    }
    return this.#latestPublished;
  }

  /**
   * Completions for what a user is typing, from MiniSearch's autoSuggest over titles. autoSuggest
   * joins every term a document matched ("관련 관세 관내"); a user wants one completion of the word
   * being typed after the words already typed, so each suggestion is split into its terms and
   * scored per completed word. Ties break alphabetically: stable across restarts. With `asOf`,
   * titles published after that day are never suggested.
   */
  suggest(prefix: string, limit = 5, asOf: string | null = null): string[] {
    const typed = prefix.normalize("NFKC").toLowerCase().trim().split(/\s+/).filter(Boolean);
    const last = typed.at(-1);
    if (!last) return [];
    const head = typed.slice(0, -1);
    if (!titlesMayHoldAll(this.suggestions, typed, SUGGEST_EXPANSION)) return [];
    const suggestions = this.suggestions.autoSuggest(typed.join(" "), {
      ...SUGGEST_EXPANSION,
      // As of a day, only titles published by then: the clock sees only the past.
      ...(asOf !== null && asOf < this.latestPublished
        ? { filter: ({ id }: { id: string }) => (this.get(id)?.publishedAt ?? "") <= asOf }
        : {}),
    });
    const scores = new Map<string, number>();
    for (const { terms, score } of suggestions) {
      for (const term of terms) {
        if (head.includes(term)) continue;
        // A term that completes the word being typed beats a fuzzy neighbour (에스토니아어 → 에스토니아).
        const weight = term.startsWith(last) ? 2 : 1;
        const completion = [...head, term].join(" ");
        scores.set(completion, (scores.get(completion) ?? 0) + score * weight);
      }
    }
    return [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([completion]) => completion);
  }
}
