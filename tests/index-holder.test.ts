/**
 * The bot's index holder warms each index it puts in service (runtime/warm-up.ts: the suggestion
 * engine built and the warm-up questions answered, off a user's path); the console's holder
 * leaves everything to first use. The warm-up questions never overlap the bench's timed ones.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BENCH_QUERIES } from "../bench/queries.ts";
import { buildIndex } from "../src/index/build.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import { normalizeInline } from "../src/ingest/normalize.ts";
import { IndexHolder } from "../src/runtime/index-holder.ts";
import { WARM_UP_QUESTIONS, warmUp } from "../src/runtime/warm-up.ts";

const SAMPLE = fileURLToPath(new URL("../index-data", import.meta.url));
const clock = () => new Date("2025-04-10T00:00:00Z");

/** Resolves when `index` has been warmed through the holder's warm function. */
function warmer(): { warm: (index: SearchIndex) => Promise<void>; warmed: SearchIndex[] } {
  const warmed: SearchIndex[] = [];
  return {
    warmed,
    warm: async (index) => {
      await warmUp(index, clock);
      warmed.push(index);
    },
  };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe("IndexHolder warm-up", () => {
  it("warms the first index and every index swapped in, after the current turn of the event loop", async () => {
    const first = await buildIndex([SAMPLE]);
    const { warm, warmed } = warmer();
    const holder = new IndexHolder(first, new Date(), { warm });
    expect(first.warmed).toBe(false);
    await until(() => warmed.length === 1);
    expect(warmed).toEqual([first]);
    expect(first.warmed).toBe(true);
    const second = await buildIndex([SAMPLE]);
    holder.swap(second);
    expect(second.warmed).toBe(false);
    await until(() => warmed.length === 2);
    expect(warmed[1]).toBe(second);
    expect(second.warmed).toBe(true);
  });

  it("leaves an index cold without a warm function (the console), until a suggestion needs it", async () => {
    const index = await buildIndex([SAMPLE]);
    new IndexHolder(index, new Date());
    await new Promise((r) => setTimeout(r, 20));
    expect(index.warmed).toBe(false);
    index.suggest("관세", 3);
    expect(index.warmed).toBe(true);
  });

  it("has warm-up questions that are none of the bench's timed queries", () => {
    const timed = new Set(BENCH_QUERIES.map((q) => normalizeInline(q.text).toLowerCase()));
    const overlap = WARM_UP_QUESTIONS.filter((q) => timed.has(normalizeInline(q).toLowerCase()));
    expect(overlap).toEqual([]);
    expect(WARM_UP_QUESTIONS.length).toBeGreaterThanOrEqual(10);
  });
});
