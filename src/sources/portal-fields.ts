/**
 * What the portals' own fields say about an article, in jiwon's terms: 분야 to category ids
 * (lexicons/portal-fields.json), region names (hashtags, supt_regin) to 시·도 codes, and 전국 as
 * "nationwide" (an empty list).
 */
import { z } from "zod";
import { lookupRegionName } from "../data/gazetteer.ts";
import { dataFile, loadDataFile } from "../data/load-data-file.ts";
import { getCategory } from "../extract/category-lexicon.ts";

const categoryMap = z.record(
  z.string().min(1),
  z.string().refine((id) => getCategory(id) !== undefined, { message: "unknown category id" }),
);

const data = loadDataFile(
  new URL("./lexicons/portal-fields.json", import.meta.url),
  dataFile({
    bizinfo: categoryMap,
    kstartup: categoryMap,
    nationwide: z.array(z.string().min(1)).min(1),
  }),
);

const NATIONWIDE = new Set(data.nationwide);

/** A portal field as trimmed text (numbers too: ids arrive as either); null when empty. */
export function fieldText(value: unknown): string | null {
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/** Splits a multi-valued portal field: `@`, commas, slashes or bars between values. */
export function splitValues(value: string | null | undefined): string[] {
  if (!value) return [];
  return value
    .split(/[@,/|]+/)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** Category ids for a portal's field values; unknown values add nothing. */
export function portalCategories(portal: "bizinfo" | "kstartup", values: string[]): string[] {
  const map = data[portal];
  const ids = values.map((v) => map[v] ?? map[v.replace(/\s+/g, "")]).filter(Boolean);
  return [...new Set(ids as string[])];
}

/**
 * Region codes named by portal values (시·도 names such as 서울, 경기, 충북): [] when one says
 * 전국, undefined when none names a region (the values were fields, not places).
 */
export function portalRegions(values: string[]): string[] | undefined {
  if (values.some((v) => NATIONWIDE.has(v))) return [];
  const codes: string[] = [];
  for (const value of values) {
    const found = lookupRegionName(value);
    // Portals name provinces: prefer the 시·도 reading of 광주 or 고성 over a 시·군 of that name.
    const region =
      found.find((r) => r.level === "sido") ?? (found.length === 1 ? found[0] : undefined);
    if (region && !codes.includes(region.code)) codes.push(region.code);
  }
  return codes.length > 0 ? codes : undefined;
}
