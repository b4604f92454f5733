/**
 * The deadline gold set (bench/deadlines-gold.json, how it was read: bench/JUDGING.md
 * "Deadlines"): 40 long notices whose application period and events were read by a person. The
 * file holds ids, dates and the reader's notes only, never corpus text.
 *
 * The notices were drawn by `drawGoldSample`, a rule fixed before any of them was read; the draw
 * is kept in code so anyone can check that the gold is exactly the draw.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { z } from "zod";
import type { Article } from "../src/types.ts";
import { mulberry32 } from "./corpus.ts";
import { PERIOD_LINE } from "./deadline-score.ts";

const ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");
const status = z.enum(["dated", "rolling", "first-come", "until-budget", "tba", "varies", "none"]);

const goldNotice = z
  .object({
    id: z.string().min(1),
    status,
    start: ymd.nullable(),
    end: ymd.nullable(),
    /** Events the notice announces (설명회, 교육, 박람회 …): a short label of my own and dates. */
    events: z.array(z.object({ what: z.string().min(1), start: ymd, end: ymd.nullable() })),
    /** Dates a reader could take for the deadline but are not (사업기간, 당초 마감 …). */
    decoys: z.array(z.object({ date: ymd, kind: z.string().min(1) })),
    /** Where the truth comes from, in the reader's words. */
    note: z.string().min(1),
  })
  .strict()
  .refine((n) => n.status === "dated" || n.end === null, {
    message: "only a dated application has an end",
  })
  .refine((n) => n.status !== "dated" || n.end !== null || n.start !== null, {
    message: "a dated application needs a start or an end",
  })
  .refine((n) => n.start === null || n.end === null || n.start <= n.end, {
    message: "start after end",
  });

const goldFile = z
  .object({ description: z.string(), notices: z.array(goldNotice) })
  .strict()
  .refine((g) => new Set(g.notices.map((n) => n.id)).size === g.notices.length, {
    message: "repeated id",
  });

export type GoldNotice = z.infer<typeof goldNotice>;
export type GoldSet = z.infer<typeof goldFile>;

export const GOLD_PATH = new URL("./deadlines-gold.json", import.meta.url);

export function loadGold(path: string | URL = GOLD_PATH): GoldSet {
  const parsed = goldFile.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`${String(path)}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------
// The sampling rule (JUDGING.md, "Deadlines"), fixed before reading
// ---------------------------------------------------------------------------------------------

export const GOLD_SEED = 0x676f6c64; // "gold"
export const GOLD_SIZE = 40;
const LONG = 3000;
const NAJU_LONG = 1500;
const NAJU_MAX = 6;
const BTP_MAX = 6;
/** A release that announces an application or an event (a cue word anywhere in it). */
const NAJU_ANNOUNCES = /신청|접수|모집|개최|설명회|교육|행사|축제|박람회/;

/** The attached notice of a 기업마당 record (after the summary's blank line), whitespace-folded. */
function attachedText(body: string): string {
  const cut = body.indexOf("\n\n");
  return (cut < 0 ? body : body.slice(cut)).replace(/\s+/g, " ").trim();
}

function shuffled<T>(items: readonly T[], rng: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * The gold draw, from the articles as ingested (so ids are the index's): up to 6 naju-press
 * releases over 1,500 characters that name an application or event cue, 6 btp notices over
 * 3,000 characters, and bizinfo notices over 3,000 characters to make 40; none with a
 * `신청기간:` line; a bizinfo notice whose attached text equals one already drawn is skipped. One
 * mulberry32 stream (GOLD_SEED) shuffles naju, then btp, then bizinfo, each in ingestion order.
 */
export function drawGoldSample(articles: readonly Article[]): string[] {
  const rng = mulberry32(GOLD_SEED);
  const of = (file: string) =>
    articles.filter((a) => basename(a.origin.file) === file && !PERIOD_LINE.test(a.body));
  const naju = shuffled(
    of("naju-press-2025.jsonl").filter(
      (a) => a.body.length > NAJU_LONG && NAJU_ANNOUNCES.test(a.body),
    ),
    rng,
  ).slice(0, NAJU_MAX);
  const btp = shuffled(
    of("btp-notices-2025.jsonl").filter((a) => a.body.length > LONG),
    rng,
  ).slice(0, BTP_MAX);
  const chosen = [...naju, ...btp];
  const seen = new Set<string>();
  for (const a of shuffled(
    of("bizinfo-notices-2026.jsonl").filter((a) => a.body.length > LONG),
    rng,
  )) {
    if (chosen.length >= GOLD_SIZE) break;
    const attached = attachedText(a.body);
    if (seen.has(attached)) continue;
    seen.add(attached);
    chosen.push(a);
  }
  return chosen.map((a) => a.id);
}
