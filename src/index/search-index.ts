import type MiniSearch from "minisearch";
import type { IngestReport } from "../ingest/report.ts";
import type { AnalyzedArticle } from "../types.ts";
import { filterRecords, type RecordEngine, type RecordFilter } from "./record-engine.ts";
import { searchText, type TextDocument } from "./text-engine.ts";

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

/** The in-memory index: articles plus the two engines, each with its own job. Immutable once built. */
export class SearchIndex {
  readonly byId: ReadonlyMap<string, AnalyzedArticle>;

  constructor(
    readonly articles: readonly AnalyzedArticle[],
    readonly text: MiniSearch<TextDocument>,
    readonly records: RecordEngine,
    readonly meta: IndexMeta,
  ) {
    this.byId = new Map(articles.map((a) => [a.id, a]));
  }

  get(id: string): AnalyzedArticle | undefined {
    return this.byId.get(id);
  }

  /** Text relevance from MiniSearch, best first. */
  searchText(query: string): ScoredId[] {
    return searchText(this.text, query).map((r) => ({ id: String(r.id), score: r.score }));
  }

  /** Ids passing the structured filter (Orama), or null for "no filter". */
  filter(filter: RecordFilter): Promise<Set<string> | null> {
    return filterRecords(this.records, filter);
  }

  /** Completions for what a user is typing, from MiniSearch's autoSuggest over the word fields. */
  suggest(prefix: string, limit = 5): string[] {
    const trimmed = prefix.trim();
    if (!trimmed) return [];
    const suggestions = this.text.autoSuggest(trimmed, {
      fields: ["title", "body"],
      prefix: true,
      fuzzy: trimmed.length >= 4 ? 0.2 : false,
    });
    return suggestions.slice(0, limit).map((s) => s.suggestion);
  }
}
