import { regionLabel } from "../data/gazetteer.ts";
import { getCategory } from "../extract/category-lexicon.ts";
import { type Locale, msg } from "../messages/catalogue.ts";
import { isPlainSearch, type ParsedQuery } from "../query/parse.ts";

/** Short type names for the interpretation line: the first query word of the category. */
function categoryShort(id: string, locale: Locale): string {
  const category = getCategory(id);
  if (!category) return id;
  if (locale === "en") return category.en;
  return category.queryWords.find((w) => /[가-힣]/.test(w)) ?? category.ko;
}

export function timeLabel(parsed: ParsedQuery, asOf: string, locale: Locale): string | null {
  const window = parsed.window ?? (parsed.intent === "events" ? { from: asOf, to: null } : null);
  if (!window) return null;
  if (window.to === null) return msg("time.onwards", locale, { date: window.from });
  if (window.from === window.to) return window.from;
  return `${window.from} ~ ${window.to}`;
}

/** "고양시 · 설명회 · 2025-04-10 이후": what was understood, so the user can see and correct it. */
export function interpretationLine(parsed: ParsedQuery, asOf: string, locale: Locale): string {
  // A bare keyword is searched as typed, so that is what the line shows.
  if (isPlainSearch(parsed)) return parsed.terms.length > 0 ? `“${parsed.terms.join(" ")}”` : "";
  const parts: string[] = [];
  parts.push(...parsed.regions.map((code) => regionLabel(code, locale)));
  const kinds = parsed.eventKinds.map((k) => msg(`event.kind.${k}`, locale));
  const categories = parsed.categories
    .map((c) => categoryShort(c, locale))
    .filter((label) => !kinds.includes(label));
  parts.push(...kinds, ...categories);
  if (parsed.intent === "deadlines") parts.push(msg("interpretation.deadlines", locale));
  if (parsed.openNow) parts.push(msg("interpretation.openNow", locale));
  const time = timeLabel(parsed, asOf, locale);
  if (time) parts.push(time);
  if (parsed.freeTerms.length > 0) parts.push(`“${parsed.freeTerms.join(" ")}”`);
  else if (parts.length === 0 && parsed.terms.length > 0) parts.push(`“${parsed.terms.join(" ")}”`);
  return parts.join(" · ");
}
