/**
 * The category taxonomy shared by extraction and query understanding, loaded from
 * lexicons/categories.json (its `source` and `note` say where the categories and cues come from).
 */
import { z } from "zod";
import { dataFile, loadDataFile } from "../data/load-data-file.ts";

export interface CategoryDefinition {
  id: string;
  ko: string;
  en: string;
  /** Read in article text; a leading `^` marks a Latin word that must start and end a word. */
  cues: string[];
  /** The Korean words users type for it. */
  queryWords: string[];
}

const schema = dataFile({
  categories: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z]+$/),
        ko: z.string().min(1),
        en: z.string().min(1),
        note: z.string().optional(),
        cues: z.array(z.string().min(1)).min(1),
        queryWords: z.array(z.string().min(1)).min(1),
      }),
    )
    .min(1)
    .refine((list) => new Set(list.map((c) => c.id)).size === list.length, {
      message: "category ids must be unique",
    }),
});

const data = loadDataFile(new URL("./lexicons/categories.json", import.meta.url), schema);

export const CATEGORIES: readonly CategoryDefinition[] = data.categories.map(
  ({ id, ko, en, cues, queryWords }) => ({ id, ko, en, cues, queryWords }),
);

const BY_ID = new Map(CATEGORIES.map((c) => [c.id, c]));

export function getCategory(id: string): CategoryDefinition | undefined {
  return BY_ID.get(id);
}

export function categoryLabel(id: string, locale: "ko" | "en"): string {
  const category = BY_ID.get(id);
  if (!category) return id;
  return locale === "ko" ? category.ko : category.en;
}
