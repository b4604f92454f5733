/**
 * How the region and category filters in force are shown ("고양시", "수출·통상"): in list headers,
 * subscription replies and the status list.
 */

import { regionLabel, regionsOfFilter } from "../data/gazetteer.ts";
import { categoryLabel } from "../extract/category-lexicon.ts";
import type { Locale } from "../messages/catalogue.ts";

export interface Scope {
  /** A region code, or a region name as typed (고양) when it names several regions. */
  region: string | null;
  category: string | null;
}

/** A region filter's label: the region's name when it names one region, else as typed. */
export function regionFilterLabel(value: string, locale: Locale): string {
  const [only, ...others] = regionsOfFilter(value);
  return only && others.length === 0 ? regionLabel(only.code, locale) : value;
}

export function scopeLabels(scope: Scope, locale: Locale): string[] {
  const labels: string[] = [];
  if (scope.region) labels.push(regionFilterLabel(scope.region, locale));
  if (scope.category) labels.push(categoryLabel(scope.category, locale));
  return labels;
}
