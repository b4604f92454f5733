/**
 * The domain's shared vocabulary. Nothing here knows about Discord, files or engines.
 * Dates are Korean calendar dates as `YYYY-MM-DD` strings (Asia/Seoul), never `Date` objects,
 * so a UTC clock can never shift a day.
 */

/** Where a record came from, for error reports and provenance. `line` is 1-based. */
export interface Origin {
  file: string;
  line: number;
}

/** An article as it leaves ingestion: normalised text plus metadata, nothing inferred yet. */
export interface Article {
  id: string;
  /** The record's own title; null when the source had none (derived later). */
  title: string | null;
  body: string;
  /** The best link we have. May be a list page (see `urlIsArticle`), never an invented URL. */
  url: string | null;
  /** True when `url` points at the article itself rather than the page a dump came from. */
  urlIsArticle: boolean;
  /** Publication date `YYYY-MM-DD` in Asia/Seoul, or null when unknown. */
  publishedAt: string | null;
  source: string | null;
  reporter: string | null;
  origin: Origin;
  /** What a structured source (an API) states about the article; absent for text sources. */
  declared?: Declared;
}

/**
 * Facts a structured source states about an article. Analysis prefers them to what it would read
 * from the text, and still reads the text for everything they leave open (events, more specific
 * regions).
 */
export interface Declared {
  /**
   * The source's application-period field as written (`20250401 ~ 20250430`, `예산 소진 시까지`):
   * read as the application period instead of the text's guess whenever it says anything.
   */
  applicationPeriod?: string;
  /** Region codes the source assigns; an empty list means nationwide. */
  regions?: string[];
  /** Region codes for articles whose text names none (a regional outlet's feed). */
  defaultRegions?: string[];
  /** Category ids the source assigns, added to those read from the text. */
  categories?: string[];
}

export type ApplicationStatus =
  | "dated"
  | "rolling"
  | "first-come"
  | "until-budget"
  | "tba"
  | "varies"
  | "none";

export interface Application {
  status: ApplicationStatus;
  start: string | null;
  end: string | null;
  /** The evidence span the status or dates were read from ("" for `none`). */
  text: string;
  /** 선착순 mentioned alongside a dated deadline. */
  firstCome: boolean;
}

export type EventKind = "seminar" | "course" | "ceremony" | "meeting" | "fair" | "other";

export interface ArticleEvent {
  kind: EventKind;
  start: string;
  end: string | null;
  text: string;
}

/** An article after analysis and extraction: what both engines index and replies show. */
export interface AnalyzedArticle extends Article {
  title: string;
  summary: string;
  /** Region codes mentioned, most specific first, ancestors not repeated here. */
  regions: string[];
  /** Category ids (see src/extract/categories.ts). */
  categories: string[];
  application: Application;
  events: ArticleEvent[];
}

/** A clock is a function, so every time-dependent function can be driven by tests and `--as-of`. */
export type Clock = () => Date;
