import type { IngestReport } from "../ingest/report.ts";
import type { AnalyzedArticle } from "../types.ts";
import { DocColumns } from "./doc-columns.ts";
import { filterRecords, type RecordEngine, type RecordFilter } from "./record-engine.ts";
import { type Expansion, titlesMayHoldAll } from "./suggest-check.ts";
import type { SuggestEngine } from "./suggest-engine.ts";
import type { TextEngine } from "./text-engine.ts";

export interface IndexMeta {
  sourceHash: string;
  builtAt: string;
  buildMs: number;
  report: IngestReport;
}

export interface ScoredId {
  id: string;
  score: number;
}

/** Text scores of one query, addressed by article id. */
export interface TextMatches {
  size: number;
  scoreOf(id: string): number | undefined;
  /** Every matching article id, unordered (cheaper than `top` when all are needed). */
  ids(): string[];
  top(k: number): ScoredId[];
}

/** Suggestions complete the word being typed and forgive a typo in words of four letters or more. */
const SUGGEST_EXPANSION: Expansion = {
  prefix: (_term, i, terms) => i === terms.length - 1,
  fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
};

/**
 * The in-memory index, immutable once built: the articles and three engines, each with its own
 * job — the text engine ranks, Orama filters and sorts structured records, MiniSearch suggests.
 */
export class SearchIndex {
  readonly byId: ReadonlyMap<string, AnalyzedArticle>;
  private readonly position: ReadonlyMap<string, number>;
  /**
   * Regions, categories and dates by document number, for the query path's filters. The same
   * answers Orama's filters give (tests/doc-columns.test.ts checks), kept ready in memory: a large
   * province holds a quarter of all articles, and having Orama materialise them as id Sets per
   * question was the slowest part of the slowest questions (bench, 100,000 articles: 353 of the
   * 625 ms of "경기 교육 다음 주" went to Orama filters; with id Sets per region, "경기 수출 지원"
   * still took 120–160 ms, and 3–4 ms on these sorted lists). Orama remains the record engine of
   * `filter` and the snapshot.
   */
  readonly columns: DocColumns;

  constructor(
    readonly articles: readonly AnalyzedArticle[],
    readonly text: TextEngine,
    readonly records: RecordEngine,
    readonly suggestions: SuggestEngine,
    readonly meta: IndexMeta,
  ) {
    this.byId = new Map(articles.map((a) => [a.id, a]));
    this.position = new Map(articles.map((a, i) => [a.id, i]));
    this.columns = new DocColumns(articles);
  }

  get(id: string): AnalyzedArticle | undefined {
    return this.byId.get(id);
  }

  /** The article's document number (its place in `articles`), for the query path's filters. */
  docOf(id: string): number | undefined {
    return this.position.get(id);
  }

  /** Text relevance of every matching article, without materialising them all. */
  matchText(query: string): TextMatches {
    const scores = this.text.score(query);
    const articles = this.articles;
    const position = this.position;
    return {
      size: scores.size,
      scoreOf: (id) => {
        const doc = position.get(id);
        return doc === undefined ? undefined : scores.scoreOf(doc);
      },
      ids: () => Array.from(scores.docs, (doc) => (articles[doc] as AnalyzedArticle).id),
      top: (k) =>
        scores
          .top(k)
          .map(({ doc, score }) => ({ id: (articles[doc] as AnalyzedArticle).id, score })),
    };
  }

  /** Text relevance, best first (all matches unless `limit`). */
  searchText(query: string, limit = Number.POSITIVE_INFINITY): ScoredId[] {
    const matches = this.matchText(query);
    return matches.top(Math.min(limit, matches.size));
  }

  /** Ids passing the structured filter (Orama), or null for "no filter". */
  filter(filter: RecordFilter): Promise<Set<string> | null> {
    return filterRecords(this.records, filter);
  }

  /**
   * Completions for what a user is typing, from MiniSearch's autoSuggest over titles. autoSuggest
   * joins every term a document matched ("관련 관세 관내"); a user wants one completion of the word
   * being typed after the words already typed, so each suggestion is split into its terms and
   * scored per completed word. Ties break alphabetically: stable across restarts.
   */
  suggest(prefix: string, limit = 5): string[] {
    const typed = prefix.normalize("NFKC").toLowerCase().trim().split(/\s+/).filter(Boolean);
    const last = typed.at(-1);
    if (!last) return [];
    const head = typed.slice(0, -1);
    if (!titlesMayHoldAll(this.suggestions, typed, SUGGEST_EXPANSION)) return [];
    const suggestions = this.suggestions.autoSuggest(typed.join(" "), SUGGEST_EXPANSION);
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
