/**
 * The `region` option: autocomplete over the gazetteer in Korean and English, and resolution of
 * whatever arrives (a picked code, or text typed without picking) to one region code.
 */
import { allRegions, type Region, regionLabel, regionsOfFilter } from "../data/gazetteer.ts";
import { type Locale, msg } from "../messages/catalogue.ts";
import { clampChoices } from "./choices.ts";
import type { Choice } from "./context.ts";

const LEVEL_ORDER = { sido: 0, sigungu: 1, gu: 2 } as const;

function normalized(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s,·-]+/g, "");
}

/** Every form a user may type for a region, normalised for prefix and substring matching. */
function formsOf(region: Region): string[] {
  return [
    region.name,
    region.fullName,
    region.shortName,
    region.nameEn,
    ...region.koreanAliases,
    ...region.englishAliases,
  ].map(normalized);
}

const FORMS = new Map(allRegions().map((r) => [r.code, formsOf(r)]));

function score(region: Region, typed: string): number | null {
  const forms = FORMS.get(region.code) ?? [];
  if (forms.some((f) => f === typed)) return 0;
  if (forms.some((f) => f.startsWith(typed))) return 1;
  if (forms.some((f) => f.includes(typed))) return 2;
  return null;
}

/** "고양시 · Goyang-si" (Korean first for ko, English first otherwise). */
export function regionChoiceName(code: string, locale: Locale): string {
  return msg("region.choice", locale, { ko: regionLabel(code, "ko"), en: regionLabel(code, "en") });
}

/** Up to 25 regions matching what is typed; the 시·도 when nothing is typed yet. */
export function regionChoices(typed: string, locale: Locale): Choice[] {
  const key = normalized(typed);
  const ranked = allRegions()
    .map((region) => ({
      region,
      score: key ? score(region, key) : region.level === "sido" ? 0 : null,
    }))
    .filter((r): r is { region: Region; score: number } => r.score !== null)
    .sort(
      (a, b) =>
        a.score - b.score ||
        LEVEL_ORDER[a.region.level] - LEVEL_ORDER[b.region.level] ||
        a.region.code.localeCompare(b.region.code),
    );
  return clampChoices(
    ranked.map(({ region }) => ({
      name: regionChoiceName(region.code, locale),
      value: region.code,
    })),
  );
}

/**
 * What the domain gets for an option value: a code picked from autocomplete as is, a name typed
 * without picking (고양, Goyang, 광주) as is when the gazetteer knows it (the domain then searches
 * every region of that name), or null when nothing matches.
 */
export function resolveRegion(value: string): string | null {
  return regionsOfFilter(value).length > 0 ? value.trim() : null;
}
