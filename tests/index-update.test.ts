import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { CORPUS_DIR, loadRealArticles } from "../bench/corpus.ts";
import { BENCH_QUERIES } from "../bench/queries.ts";
import { analyze } from "../src/analysis/tokenize.ts";
import { analyzeArticle } from "../src/extract/article.ts";
import { buildIndex, indexArticles } from "../src/index/build.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import { withArticles } from "../src/index/update.ts";
import { listDeadlines } from "../src/query/deadlines.ts";
import { addDays } from "../src/time/calendar.ts";
import type { AnalyzedArticle, Article } from "../src/types.ts";
import { everyAnswer, fields } from "./support/answers.ts";

const fetched = (id: string, body: string): Article => ({
  id,
  title: null,
  body,
  url: `https://news.example/${id}`,
  urlIsArticle: true,
  publishedAt: "2025-04-11",
  source: "테스트",
  reporter: null,
  origin: { file: "test", line: 1 },
});

/** The text engine's whole ranking of a query, by article id, with scores. */
function textHits(index: SearchIndex, query: string): [string, number][] {
  return index.text
    .top(query.split(" "), index.size)
    .top.map(({ doc, score }) => [index.article(doc).id, score]);
}

/** Every answer the bench questions give, the text engine's full rankings, and every article. */
async function everything(index: SearchIndex, more: readonly string[] = []): Promise<unknown> {
  const queries = [...BENCH_QUERIES.map((q) => q.text), ...more];
  return {
    answers: await everyAnswer(index, queries),
    rankings: queries.map((query) => textHits(index, query)),
    articles: index.allArticles().map(fields),
  };
}

describe("withArticles", () => {
  it("makes a new article searchable with the scores of a full build, and replaces by id", async () => {
    const base = await buildIndex(["index-data"]);
    const added = fetched(
      "new-1",
      "평택시는 관세 대응 수출기업 설명회를 오는 4월 24일 개최한다고 밝혔다. 신청은 4월 20일까지.",
    );
    const updated = await withArticles(base, [added]);
    expect(base.get("new-1")).toBeUndefined();
    const full = await indexArticles([...base.allArticles(), analyzeArticle(added)], base.meta);
    expect(textHits(updated, "관세")).toEqual(textHits(full, "관세"));
    expect(textHits(updated, "관세").map(([id]) => id)).toContain("new-1");

    const changed = { ...added, body: added.body.replace("4월 20일", "4월 30일") };
    const again = await withArticles(updated, [changed]);
    expect(again.size).toBe(updated.size);
    expect(again.get("new-1")?.application.end).toBe("2025-04-30");
  });
});

describe.skipIf(!existsSync(CORPUS_DIR))("withArticles on real articles", () => {
  let real: Article[];
  let baseArticles: AnalyzedArticle[];
  let base: SearchIndex;

  beforeAll(async () => {
    real = loadRealArticles();
    // Every fifth real article makes the running index; others arrive later.
    baseArticles = real.filter((_, i) => i % 5 === 0).map(analyzeArticle);
    const report = {
      files: [],
      read: 0,
      skipped: [],
      repaired: [],
      duplicates: [],
      droppedUrls: [],
    };
    base = await indexArticles(baseArticles, { sourceHash: "base", sourceStamp: "base", report });
  }, 120_000);

  it("answers exactly as a full build over the same articles: new ids, a replaced article, a moved deadline", async () => {
    // An announcement extended (연장 공고): the same id, its deadline moved by a line added to it.
    const extension = "\n※ 신청기간 연장: 2025년 6월 30일(월)까지";
    const extended = baseArticles.find((article, i) => {
      if (i < 10 || article.application.end === null) return false;
      const moved = analyzeArticle({ ...article, body: article.body + extension });
      const end = moved.application.end;
      // Moved far enough that a fortnight's /deadlines around the new end misses the old one.
      return (
        end !== null &&
        (article.application.end < addDays(end, -14) || article.application.end > addDays(end, 14))
      );
    });
    expect(extended).toBeDefined();
    const before = extended as AnalyzedArticle;
    const after: Article = { ...before, body: before.body + extension };
    // Another article replaced by a different text, then replaced again in the same batch.
    const replaced = baseArticles[3] as AnalyzedArticle;
    const newcomers = real.filter((_, i) => i % 5 === 1).slice(0, 60);
    const batch: Article[] = [
      ...newcomers.slice(0, 30),
      { ...replaced, title: "첫 번째 고침", body: (newcomers[40] as Article).body },
      after,
      ...newcomers.slice(30),
      { ...replaced, title: "두 번째 고침", body: (newcomers[41] as Article).body },
    ];

    const untouched = await everything(base);
    const updated = await withArticles(base, batch);
    // It holds more than its sources: no stamp of theirs vouches for a snapshot of it.
    expect(updated.meta.sourceStamp).toBeNull();
    expect(base.meta.sourceStamp).toBe("base");

    // The full build: the kept articles in their order, then the given ones (the last version
    // of an id, in the place of its first).
    const incoming = new Map(batch.map((article) => [article.id, article]));
    for (const article of batch) incoming.set(article.id, article);
    const full = await indexArticles(
      [
        ...baseArticles.filter((article) => !incoming.has(article.id)),
        ...[...incoming.values()].map(analyzeArticle),
      ],
      base.meta,
    );
    expect(updated.size).toBe(full.size);
    expect(updated.size).toBe(base.size + newcomers.length);
    // Words only the replaced texts had: gone from the index as if never there.
    const gone = [...new Set(analyze(`${replaced.title} ${replaced.body}`).words)].filter(
      (word) => base.text.documentFrequency(word) === 1 && full.text.documentFrequency(word) === 0,
    );
    expect(gone.length).toBeGreaterThan(0);
    const answers = await everything(updated, gone);
    expect(answers).toEqual(await everything(full, gone));
    expect(
      (answers as { rankings: unknown[][] }).rankings.filter((hits) => hits.length > 0).length,
    ).toBeGreaterThan(150);

    // The moved deadline is the one /deadlines lists; the old one is gone.
    const newEnd = updated.get(before.id)?.application.end as string;
    expect(newEnd).toBe(analyzeArticle(after).application.end);
    expect(newEnd).not.toBe(before.application.end);
    const days = async (index: SearchIndex, asOf: string) =>
      (await listDeadlines(index, { asOf, days: 14, region: null })).deadlines
        .filter((item) => item.article.id === before.id)
        .map((item) => item.end);
    expect(await days(updated, addDays(newEnd, -7))).toEqual([newEnd]);
    expect(await days(base, addDays(newEnd, -7))).toEqual([]);
    expect(updated.get(replaced.id)?.title).toBe("두 번째 고침");
    expect(updated.suggest("두 번째 고")).toEqual(full.suggest("두 번째 고"));

    // The given index still answers as before.
    expect(base.get(replaced.id)?.title).toBe(replaced.title);
    expect(base.get(before.id)?.application.end).toBe(before.application.end);
    expect(await everything(base)).toEqual(untouched);

    // And an update of an updated index is still the full build.
    const later = newcomers
      .slice(0, 5)
      .map((article) => ({ ...article, title: `${article.title} 수정` }));
    const twice = await withArticles(updated, later);
    const laterIds = new Set(later.map((article) => article.id));
    const fullTwice = await indexArticles(
      [
        ...full.allArticles().filter((article) => !laterIds.has(article.id)),
        ...later.map(analyzeArticle),
      ],
      base.meta,
    );
    expect(await everything(twice)).toEqual(await everything(fullTwice));
  }, 240_000);
});
