import type MiniSearch from "minisearch";
import { stripParticles } from "../analysis/particles.ts";
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

  /**
   * Completions for what a user is typing, from MiniSearch's autoSuggest over the word fields.
   * autoSuggest joins every term a document matched ("관련 관세 관내"); a user wants one completion
   * of the word being typed after the words already typed, so each suggestion is split into its
   * terms and scored per completed word. Ties break alphabetically: stable across restarts.
   */
  suggest(prefix: string, limit = 5): string[] {
    const typed = prefix.normalize("NFKC").toLowerCase().trim().split(/\s+/).filter(Boolean);
    const last = typed.at(-1);
    if (!last) return [];
    const head = typed.slice(0, -1);
    const suggestions = this.text.autoSuggest(typed.join(" "), {
      fields: ["title", "body"],
      prefix: (_term: string, i: number, terms: string[]) => i === terms.length - 1,
      fuzzy: (term: string) => (term.length >= 4 ? 0.2 : false),
    });
    const scores = new Map<string, number>();
    for (const { terms, score } of suggestions) {
      for (const term of terms) {
        // Surface forms with particles (설명회는) are noise next to their stems (설명회); a term that
        // completes the word being typed beats a fuzzy neighbour (에스토니아어 → 에스토니아).
        if (head.includes(term) || stripParticles(term) !== term) continue;
        const completion = [...head, term].join(" ");
        const weight = term.startsWith(last) ? 2 : 1;
        scores.set(completion, (scores.get(completion) ?? 0) + score * weight);
      }
    }
    return [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([completion]) => completion);
  }
}
