import { describe, expect, it } from "vitest";
import { analyzeArticle } from "../src/extract/article.ts";
import { buildIndex, indexArticles } from "../src/index/build.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import { withArticles } from "../src/index/update.ts";
import type { Article } from "../src/types.ts";

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

/** The text engine's ranking of a query, by article id. */
function textHits(index: SearchIndex, query: string): [string, number][] {
  return index.text
    .top(query, index.size)
    .top.map(({ doc, score }) => [index.article(doc).id, score]);
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
