/**
 * The sources file (`sources.json`, path from JIWON_SOURCES): which feeds, APIs and list pages to
 * fetch, how often, and what to assume about their articles. Validated with zod; every problem
 * becomes one sentence naming the source and the field, so a typo explains itself.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { lookupRegionName } from "../data/gazetteer.ts";
import { getCategory } from "../extract/category-lexicon.ts";
import { parseHttpUrl } from "../ingest/safe-url.ts";

export const SOURCE_KINDS = ["feed", "bizinfo", "kstartup", "html"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

const MINUTE_MS = 60_000;
const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: MINUTE_MS,
  h: 60 * MINUTE_MS,
  d: 24 * 60 * MINUTE_MS,
};

/** `"15m"`, `"2h"`, `"1h30m"`, `"1d"` in milliseconds; null when it is not such a duration. */
export function parseDuration(text: string): number | null {
  const compact = text.replace(/\s+/g, "").toLowerCase();
  if (!/^(\d+[smhd])+$/.test(compact)) return null;
  let total = 0;
  for (const [, amount, unit] of compact.matchAll(/(\d+)([smhd])/g)) {
    total += Number(amount) * (UNIT_MS[unit as string] as number);
  }
  return total;
}

const duration = z
  .string({ error: 'must be a duration such as "15m", "2h" or "1h30m"' })
  .transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null) {
      ctx.addIssue({
        code: "custom",
        message: `must be a duration such as "15m", "2h" or "1h30m", got ${JSON.stringify(text)}`,
      });
      return z.NEVER;
    }
    if (ms < MINUTE_MS) {
      ctx.addIssue({ code: "custom", message: `must be at least 1 minute, got "${text}"` });
      return z.NEVER;
    }
    return ms;
  });

const httpUrl = z.string({ error: "must be an http(s) URL" }).transform((text, ctx) => {
  const parsed = parseHttpUrl(text);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: parsed.reason });
    return z.NEVER;
  }
  return parsed.url;
});

const selector = z.string({ error: "must be a CSS selector" }).trim().min(1, "must not be empty");

/** A region name in the gazetteer (고양시, 경기, Goyang) that names exactly one region. */
const regionName = z.string().transform((text, ctx) => {
  const found = lookupRegionName(text);
  if (found.length === 1) return (found[0] as { code: string }).code;
  ctx.addIssue({
    code: "custom",
    message:
      found.length === 0
        ? `unknown region ${JSON.stringify(text)}`
        : `ambiguous region ${JSON.stringify(text)} (${found.map((r) => r.fullName).join(", ")}): write it with its province`,
  });
  return z.NEVER;
});

const categoryId = z.string().refine((id) => getCategory(id) !== undefined, {
  error: (issue) => `unknown category ${JSON.stringify(issue.input)}`,
});

const common = {
  /** A note for the operator (where the key comes from); never read. */
  $comment: z.string().optional(),
  name: z
    .string({ error: "is required" })
    .regex(/^[a-z0-9-]+$/, "must be lower-case letters, digits and hyphens ([a-z0-9-]+)")
    .max(40, "must be at most 40 characters"),
  url: httpUrl,
  every: duration.prefault("1h"),
  keyEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, "must name an environment variable (A-Z, 0-9, _)")
    .optional(),
  defaults: z
    .strictObject({
      source: z.string().trim().min(1).optional(),
      region: regionName.optional(),
      category: categoryId.optional(),
    })
    .optional(),
  /** Hosts besides the source's own whose article pages may be fetched (fullText, html). */
  allowHosts: z.array(z.string().trim().toLowerCase().min(1)).optional(),
  maxItems: z.number().int().min(1).max(500).optional(),
};

const paging = {
  pageSize: z.number().int().min(1).max(500).default(100),
  maxPages: z.number().int().min(1).max(50).default(1),
};

const sourceSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({
      ...common,
      kind: z.literal("feed"),
      fullText: z.boolean().default(false),
      /** Selector for the article body on item pages (fullText); readability when absent. */
      body: selector.optional(),
    }),
    z.strictObject({
      ...common,
      kind: z.literal("bizinfo"),
      keyEnv: common.keyEnv.unwrap().default("BIZINFO_API_KEY"),
      ...paging,
    }),
    z.strictObject({
      ...common,
      kind: z.literal("kstartup"),
      keyEnv: common.keyEnv.unwrap().default("KSTARTUP_API_KEY"),
      ...paging,
      /** Only announcements still recruiting (`cond[rcrt_prgs_yn::EQ]=Y`). */
      openOnly: z.boolean().default(true),
    }),
    z.strictObject({
      ...common,
      kind: z.literal("html"),
      links: selector,
      body: selector,
      title: selector.optional(),
      date: selector.optional(),
    }),
  ],
  { error: `must be one of ${SOURCE_KINDS.join(", ")}` },
);

const fileSchema = z.strictObject({
  $comment: z.unknown().optional(),
  sources: z.array(z.unknown(), { error: "must be a list of sources" }),
});

export type SourceConfig = z.output<typeof sourceSchema> & {
  /** Hash of the source's entry as written: a change resumes a paused source. */
  configHash: string;
};

export type SourcesFile =
  | { status: "ok"; path: string; sources: SourceConfig[] }
  | { status: "absent"; path: string; sources: [] }
  | { status: "invalid"; path: string; errors: string[]; sources: [] };

function describePath(path: PropertyKey[]): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : String(p))).join(".");
}

/** Validates the parsed JSON of a sources file; errors name the source and the field. */
export function parseSources(
  json: unknown,
): { ok: true; sources: SourceConfig[] } | { ok: false; errors: string[] } {
  const file = fileSchema.safeParse(json);
  if (!file.success) {
    return {
      ok: false,
      errors: file.error.issues.map((issue) =>
        issue.path.length > 0 ? `${describePath(issue.path)}: ${issue.message}` : issue.message,
      ),
    };
  }
  const errors: string[] = [];
  const sources: SourceConfig[] = [];
  const names = new Map<string, number>();
  file.data.sources.forEach((raw, index) => {
    const rawName = (raw as { name?: unknown } | null)?.name;
    const label =
      typeof rawName === "string" ? `source "${rawName}" (#${index + 1})` : `source #${index + 1}`;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      errors.push(`${label}: must be an object`);
      return;
    }
    const parsed = sourceSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = describePath(issue.path);
        errors.push(`${label}: ${field ? `${field}: ` : ""}${issue.message}`);
      }
      return;
    }
    const earlier = names.get(parsed.data.name);
    if (earlier !== undefined) {
      errors.push(`${label}: name "${parsed.data.name}" is already used by source #${earlier}`);
      return;
    }
    names.set(parsed.data.name, index + 1);
    // The note is not configuration: editing it must not count as a change (which resumes).
    const { $comment: _note, ...entry } = raw as Record<string, unknown>;
    const configHash = createHash("sha256")
      .update(JSON.stringify(entry))
      .digest("hex")
      .slice(0, 16);
    sources.push({ ...parsed.data, configHash });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, sources };
}

/** Reads and validates a sources file; a missing file means "no fetching", not an error. */
export function loadSourcesFile(path: string): SourcesFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return { status: "absent", path, sources: [] };
    }
    return {
      status: "invalid",
      path,
      errors: [`cannot read ${path}: ${(error as Error).message}`],
      sources: [],
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      status: "invalid",
      path,
      errors: [`${path} is not valid JSON: ${(error as Error).message}`],
      sources: [],
    };
  }
  const parsed = parseSources(json);
  return parsed.ok
    ? { status: "ok", path, sources: parsed.sources }
    : { status: "invalid", path, errors: parsed.errors, sources: [] };
}

/** The host a source's requests go to: sources of one host run one at a time. */
export function sourceHost(source: Pick<SourceConfig, "url">): string {
  return new URL(source.url).host;
}
