/**
 * What a structured source states (types.ts `Declared`) against what the text says. The source's
 * own application-period field is the application period whenever it says anything — it is what
 * the agency filed, where the text parser can only guess — and its regions bound the text's: a
 * 시·군·구 the text names inside a declared 시·도 is kept as the more specific answer, a region
 * outside them is dropped.
 */

import { ancestors } from "../data/gazetteer.ts";
import type { Application, Declared } from "../types.ts";
import { extractSchedule } from "./schedule.ts";

/**
 * The application period a source's field describes, read by the same date and status rules as
 * article text under an explicit period label; null when the field says nothing readable.
 */
export function declaredApplication(
  declared: Declared | undefined,
  publishedAt: string | null,
): Application | null {
  const period = declared?.applicationPeriod?.trim();
  if (!period) return null;
  const { application } = extractSchedule(`신청기간: ${period}`, { publishedAt });
  return application.status === "none" ? null : application;
}

/** The article's regions given what the text names (most specific first) and what was declared. */
export function declaredRegions(fromText: string[], declared: Declared | undefined): string[] {
  const stated = declared?.regions;
  if (stated !== undefined) {
    if (stated.length === 0) return [];
    const statedSet = new Set(stated);
    const inside = fromText.filter(
      (code) => statedSet.has(code) || ancestors(code).some((a) => statedSet.has(a)),
    );
    const covered = new Set(inside.flatMap((code) => [code, ...ancestors(code)]));
    return [...inside, ...stated.filter((code) => !covered.has(code))];
  }
  if (fromText.length === 0 && declared?.defaultRegions?.length)
    return [...declared.defaultRegions];
  return fromText;
}

/** The text's categories plus the declared ones, each once. */
export function declaredCategories(fromText: string[], declared: Declared | undefined): string[] {
  const stated = declared?.categories;
  if (!stated?.length) return fromText;
  return [...new Set([...fromText, ...stated])];
}
