import { type DocList, intersectDocs } from "../index/doc-list.ts";
import type { SearchIndex } from "../index/search-index.ts";
import { addDays, daysBetween, ddayLabel } from "../time/calendar.ts";
import type { AnalyzedArticle, ApplicationStatus, ArticleEvent } from "../types.ts";
import { regionOptionCodes } from "./parse.ts";
import { publishedBy } from "./visibility.ts";

export interface DeadlineRequest {
  asOf: string;
  days: number;
  region?: string | null;
  category?: string | null;
}

export interface DeadlineItem {
  article: AnalyzedArticle;
  end: string;
  daysLeft: number;
  dday: string;
}

export interface EventItem {
  article: AnalyzedArticle;
  event: ArticleEvent;
}

export interface DeadlineAnswer {
  asOf: string;
  days: number;
  deadlines: DeadlineItem[];
  /** Events starting in the window, and coming events of the listed calls; soonest first. */
  events: EventItem[];
  /** Applications without a dated deadline (rolling, until budget…), newest first. */
  open: AnalyzedArticle[];
}

/** Applications open without a dated deadline. */
const OPEN_STATUSES: readonly ApplicationStatus[] = [
  "rolling",
  "first-come",
  "until-budget",
  "tba",
  "varies",
];

/** The documents the request's region and category keep (null: every document). */
function scope(index: SearchIndex, request: DeadlineRequest): DocList | null {
  const regions = request.region ? regionOptionCodes(request.region) : [];
  return index.columns.select({
    regions,
    categories: request.category ? [request.category] : undefined,
  });
}

/** Application deadlines closing within the window (as-of day included), soonest first. */
export async function listDeadlines(
  index: SearchIndex,
  request: DeadlineRequest,
): Promise<DeadlineAnswer> {
  const to = addDays(request.asOf, request.days);
  const window = { from: request.asOf, to };
  // The clock sees only the past: calls published after the as-of day are not listed.
  const inScope = intersectDocs(scope(index, request), publishedBy(index, request.asOf));
  const columns = index.columns;
  const pick = (docs: DocList | null): AnalyzedArticle[] =>
    Array.from(docs ?? [], (doc) => index.article(doc));

  const deadlines = pick(intersectDocs(inScope, columns.applicationEndsBetween(window.from, to)))
    .map((article) => {
      const end = article.application.end as string;
      return {
        article,
        end,
        daysLeft: daysBetween(request.asOf, end),
        dday: ddayLabel(request.asOf, end),
      };
    })
    .sort((a, b) => a.end.localeCompare(b.end) || a.article.title.localeCompare(b.article.title));

  // Events starting in the window, plus the coming events of the calls listed above: a seminar
  // whose sign-up closes in the window is worth showing even when it is held just after it.
  const listed = new Set(deadlines.map((d) => d.article.id));
  const eventArticles = new Map(
    pick(intersectDocs(inScope, columns.eventDaysBetween(window.from, to))).map((a) => [a.id, a]),
  );
  for (const item of deadlines) eventArticles.set(item.article.id, item.article);
  const events = [...eventArticles.values()]
    .flatMap((article) =>
      article.events
        .filter(
          (e) =>
            (e.start >= window.from && e.start <= window.to) ||
            (listed.has(article.id) && e.start >= window.from),
        )
        .map((event) => ({ article, event })),
    )
    .sort((a, b) => a.event.start.localeCompare(b.event.start));

  // inScope already holds only articles published by the as-of day.
  const open = pick(intersectDocs(inScope, columns.withApplicationStatus(OPEN_STATUSES))).sort(
    (a, b) => (b.publishedAt ?? "").localeCompare(a.publishedAt ?? ""),
  );

  return { asOf: request.asOf, days: request.days, deadlines, events, open };
}
