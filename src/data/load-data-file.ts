/**
 * Loads a data file (a lexicon, a word list) shipped beside the code: JSON, validated with zod
 * when the module that needs it is first imported, so a broken edit fails at start with the
 * file's path and what is wrong, never halfway through a build.
 *
 * Every data file says where its content comes from in a top-level `source` field (and may
 * explain itself in `note`); `dataFile` adds both to a schema.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** A data file's schema: its own fields plus the `source` (required) and `note` (optional). */
export function dataFile<T extends z.ZodRawShape>(shape: T) {
  return z.strictObject({
    source: z.string().min(1),
    note: z.string().optional(),
    ...shape,
  });
}

/** A regular-expression fragment (a pattern or a look-around body) that must compile. */
export const regexFragment = z.string().refine(
  (s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: "not a valid regular expression" },
);

export function loadDataFile<S extends z.ZodType>(url: URL, schema: S): z.infer<S> {
  const path = fileURLToPath(url);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Error(`${path}: invalid data\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
