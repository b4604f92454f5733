import { createHash } from "node:crypto";
import { isYmd, seoulDate } from "../time/calendar.ts";
import type { Article, Declared, Origin } from "../types.ts";
import { bodyFingerprintText, garbageRatio, normalizeInline, normalizeText } from "./normalize.ts";
import { parseHttpUrl } from "./safe-url.ts";

/** Articles above this size are almost certainly a broken export, and would dominate the index. */
export const MAX_ARTICLE_CHARS = 500_000;
const MAX_GARBAGE_RATIO = 0.02;

/** What a source knows about one article before validation. */
export interface RawRecord {
  id?: unknown;
  url?: unknown;
  urlIsArticle: boolean;
  title?: unknown;
  publishedAt?: unknown;
  source?: unknown;
  reporter?: string | null;
  body?: unknown;
  /** Facts a structured source states (types.ts `Declared`); checked for shape here. */
  declared?: Declared | null;
  origin: Origin;
}

export type RecordOutcome =
  | {
      ok: true;
      article: Article;
      repairedNfd: boolean;
      /** Why the record's URL was refused (the article is kept without a link), or null. */
      droppedUrl: string | null;
    }
  | { ok: false; reason: string };

export function stableId(source: string | null, body: string): string {
  return createHash("sha256")
    .update(`${source ?? ""}\u0000${bodyFingerprintText(body)}`)
    .digest("hex")
    .slice(0, 16);
}

function optionalString(value: unknown): string | null {
  if (typeof value === "string") {
    const inline = normalizeInline(value);
    return inline.length > 0 ? inline : null;
  }
  if (typeof value === "number") return String(value);
  return null;
}

/**
 * Accepts `YYYY-MM-DD` or an ISO timestamp; a timestamp is converted to its Seoul calendar date,
 * so `2025-04-09T23:30:00Z` is 10 April, as a Korean reader would date it.
 */
export function parsePublishedAt(value: unknown): string | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  const trimmed = value.trim();
  if (isYmd(trimmed)) return trimmed;
  if (/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) {
    const instant = new Date(trimmed);
    if (!Number.isNaN(instant.getTime())) return seoulDate(instant);
  }
  return null;
}

const REGION_CODE = /^\d{2}(\d{3})?$/;
const CATEGORY_ID = /^[a-z]+$/;
const MAX_PERIOD_CHARS = 300;

function codes(value: unknown, pattern: RegExp): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return [...new Set(value.filter((v): v is string => typeof v === "string" && pattern.test(v)))];
}

/** The declared facts in their expected shape, or undefined when nothing usable is left. */
function cleanDeclared(raw: Declared | null | undefined): Declared | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const declared: Declared = {};
  const period =
    typeof raw.applicationPeriod === "string" ? normalizeInline(raw.applicationPeriod) : "";
  if (period) declared.applicationPeriod = period.slice(0, MAX_PERIOD_CHARS);
  const regions = codes(raw.regions, REGION_CODE);
  if (regions) declared.regions = regions;
  const defaultRegions = codes(raw.defaultRegions, REGION_CODE);
  if (defaultRegions?.length) declared.defaultRegions = defaultRegions;
  const categories = codes(raw.categories, CATEGORY_ID);
  if (categories?.length) declared.categories = categories;
  return Object.keys(declared).length > 0 ? declared : undefined;
}

export function validateRecord(raw: RawRecord): RecordOutcome {
  if (raw.body === undefined || raw.body === null)
    return { ok: false, reason: "record has no body" };
  if (typeof raw.body !== "string") return { ok: false, reason: "body is not a string" };
  if (raw.body.length > MAX_ARTICLE_CHARS) {
    return {
      ok: false,
      reason: `article too large: ${raw.body.length.toLocaleString("en")} characters (limit ${MAX_ARTICLE_CHARS.toLocaleString("en")})`,
    };
  }
  const ratio = garbageRatio(raw.body);
  if (ratio > MAX_GARBAGE_RATIO) {
    return {
      ok: false,
      reason: `binary or undecodable text: ${(ratio * 100).toFixed(0)}% control or replacement characters`,
    };
  }
  const { text, repairedNfd } = normalizeText(raw.body);
  const body = text.replace(/[ \t]+\n/g, "\n").trim();
  if (body.length === 0) return { ok: false, reason: "empty article: no text after normalisation" };
  if (!/[\p{L}\p{N}]/u.test(body))
    return { ok: false, reason: "empty article: no letters or digits" };

  const source = optionalString(raw.source);
  const checkedUrl = urlOf(raw.url);
  const url = checkedUrl.ok ? checkedUrl.url : null;
  const ownId = optionalString(raw.id);
  const article: Article = {
    id: ownId ?? stableId(source, body),
    title: optionalString(raw.title),
    body,
    url,
    urlIsArticle: url !== null && raw.urlIsArticle,
    publishedAt: parsePublishedAt(raw.publishedAt),
    source,
    reporter: raw.reporter ?? null,
    origin: raw.origin,
  };
  const declared = cleanDeclared(raw.declared);
  if (declared) article.declared = declared;
  return { ok: true, article, repairedNfd, droppedUrl: checkedUrl.ok ? null : checkedUrl.reason };
}

/**
 * The record's URL through the one gate (`parseHttpUrl`), after the same cleaning as other
 * metadata: no URL is fine; a URL that is refused is reported, never silently lost.
 */
function urlOf(value: unknown): { ok: true; url: string | null } | { ok: false; reason: string } {
  if (value === undefined || value === null) return { ok: true, url: null };
  if (typeof value !== "string")
    return { ok: false, reason: `URL is not a string (${typeof value})` };
  const text = normalizeInline(value);
  if (text === "") return { ok: true, url: null };
  const outcome = parseHttpUrl(text);
  return outcome.ok ? outcome : { ok: false, reason: outcome.reason };
}
