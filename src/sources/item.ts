/**
 * What each kind of source hands to the fetch run: items in one shape, whatever the format, plus
 * what it skipped and why. Texts are plain (HTML already removed) but not yet normalised: the run
 * passes every item through the same validation as a dump's records.
 */

import type { Declared } from "../types.ts";
import type { SourceConfig } from "./config.ts";
import type { HttpClient } from "./http.ts";

/** An article page to read the body (and maybe title and date) from. */
export interface PageRequest {
  url: string;
  /** CSS selector for the body; Readability finds the main text when absent. */
  body?: string;
  title?: string;
  date?: string;
  /** Whether the item is worth keeping when the page cannot be read (it has text already). */
  optional: boolean;
}

export interface FetchedItem {
  /** The item's identity within its source: guid, API id, URL. */
  itemId: string;
  url: string | null;
  title: string | null;
  body: string;
  /** ISO instant or `YYYY-MM-DD` (sources/dates.ts), or null. */
  publishedAt: string | null;
  outlet: string | null;
  declared: Declared | null;
  /** Read this page for the body when the item is new or changed. */
  page?: PageRequest;
}

export interface Skip {
  /** The item's id, link or position, to find it in the source. */
  item: string;
  reason: string;
}

export interface KindResult {
  items: FetchedItem[];
  skipped: Skip[];
  /** The source answered 304: nothing changed since the last fetch. */
  notModified: boolean;
  /** Remember the validators of what was fetched; called after the items are stored. */
  remember(): void;
}

export interface KindContext {
  http: HttpClient;
  /** The API key from the source's `keyEnv`, when it has one. */
  key: string | null;
}

/** A source the document itself says is broken (malformed XML, an API error answer). */
export class SourceFormatError extends Error {
  override name = "SourceFormatError";
}

export type KindFetcher<K extends SourceConfig["kind"]> = (
  source: Extract<SourceConfig, { kind: K }>,
  context: KindContext,
) => Promise<KindResult>;

export const NOTHING_TO_REMEMBER = () => {};
