import type { IngestReport } from "../ingest/report.ts";
import type { AnalyzedArticle } from "../types.ts";
import { DocColumns } from "./doc-columns.ts";
import { type Expansion, titlesMayHoldAll } from "./suggest-check.ts";
import type { SuggestEngine } from "./suggest-engine.ts";
import type { TextEngine } from "./text-engine.ts";

export interface IndexMeta {
  sourceHash: string;
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
 * The in-memory index, immutable once built: the articles by document number and what answers
 * questions about them — the text engine ranks text, the document columns filter and order on
 * facts (regions, categories, dates), MiniSearch suggests completions. The question path reaches
 * them through this class, `text`, `columns` and the document lists of doc-list.ts.
 */
export class SearchIndex {
  readonly byId: ReadonlyMap<string, AnalyzedArticle>;
  /**
   * Regions, categories and dates by document number: the one path for structured filters, kept
   * ready in memory as sorted document lists (a large province holds a quarter of all articles).
   */
  readonly columns: DocColumns;

  constructor(
    readonly articles: readonly AnalyzedArticle[],
    readonly text: TextEngine,
    readonly suggestions: SuggestEngine,
    readonly meta: IndexMeta,
  ) {
    this.byId = new Map(articles.map((a) => [a.id, a]));
    this.columns = new DocColumns(articles);
  }

  /** How many articles the index holds (documents are numbered 0 … size - 1). */
  get size(): number {
    return this.articles.length;
  }

  /** The article of a document number. */
  article(doc: number): AnalyzedArticle {
    return this.articles[doc] as AnalyzedArticle;
  }

  get(id: string): AnalyzedArticle | undefined {
    return this.byId.get(id);
  }

  /** The latest publication day of any article ("" when none is dated), made on first use. */
  #latestPublished: string | null = null;
  private get latestPublished(): string {
    this.#latestPublished ??= this.articles.reduce(
      (latest, a) => (a.publishedAt !== null && a.publishedAt > latest ? a.publishedAt : latest),
      "",
    );
    return this.#latestPublished;
  }

  /** Document numbers by id, made on first use: only alerts ask (`answerAmong`). */
  #position: Map<string, number> | null = null;

  /** The document number of an article, or undefined when the index does not hold it. */
  docOf(id: string): number | undefined {
    this.#position ??= new Map(this.articles.map((a, doc) => [a.id, doc]));
    return this.#position.get(id);
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
        ? { filter: ({ id }: { id: string }) => (this.byId.get(id)?.publishedAt ?? "") <= asOf }
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
