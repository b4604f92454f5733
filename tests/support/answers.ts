import { BENCH_AS_OF } from "../../bench/queries.ts";
import type { SearchIndex } from "../../src/index/search-index.ts";
import { answerSearch, latestArticles } from "../../src/query/answer.ts";
import { listDeadlines } from "../../src/query/deadlines.ts";
import type { AnalyzedArticle } from "../../src/types.ts";

/** Every field of an article, read one by one (an index may hand out views, not plain objects). */
export function fields(a: AnalyzedArticle): AnalyzedArticle {
  return {
    id: a.id,
    title: a.title,
    body: a.body,
    url: a.url,
    urlIsArticle: a.urlIsArticle,
    publishedAt: a.publishedAt,
    source: a.source,
    reporter: a.reporter,
    origin: { file: a.origin.file, line: a.origin.line },
    summary: a.summary,
    regions: [...a.regions],
    categories: [...a.categories],
    application: { ...a.application },
    events: a.events.map((e) => ({ ...e })),
  };
}

/** Everything a user can get out of an index, for comparing two indexes answer by answer. */
export async function everyAnswer(
  index: SearchIndex,
  queries: readonly string[],
): Promise<unknown[]> {
  const answers: unknown[] = [];
  for (const query of queries) {
    const answer = await answerSearch(index, { query, asOf: BENCH_AS_OF });
    answers.push([
      query,
      answer.total,
      answer.hits.map((h) => [h.article.id, h.score, h.event]),
      answer.hits.slice(0, 5).map((h) => fields(h.article)),
      answer.alternatives.map((a) => [a.relaxed, a.total, a.hits.map((h) => h.article.id)]),
      answer.suggestions,
      index.suggest(query.slice(0, -1)),
    ]);
  }
  for (const region of [null, "서울", "경기"]) {
    for (const days of [7, 60]) {
      const d = await listDeadlines(index, { asOf: BENCH_AS_OF, days, region });
      answers.push([
        region,
        days,
        d.deadlines.map((i) => [i.article.id, i.end, i.daysLeft, i.dday]),
        d.events.map((e) => [e.article.id, e.event]),
        d.open.map((a) => a.id),
      ]);
    }
    const latest = await latestArticles(index, { asOf: BENCH_AS_OF, region });
    answers.push(latest.map((h) => fields(h.article)));
  }
  return answers;
}
