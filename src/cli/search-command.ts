import { getRegion } from "../data/gazetteer.ts";
import { categoryLabel } from "../extract/category-lexicon.ts";
import { msg } from "../messages/catalogue.ts";
import { interpretationLine } from "../present/interpretation.ts";
import { resultCount } from "../present/search-reply.ts";
import { fitColumns, padColumns, styleFor, wrapColumns } from "../present/terminal.ts";
import { answerSearch } from "../query/answer.ts";
import { positiveInt, UsageError } from "./args.ts";
import type { CliContext } from "./context.ts";

/** The command line speaks Korean, like the news it searches. */
const LOCALE = "ko";

/** `jiwon search "QUERY"`: ranked hits, with what the question was understood to mean. */
export async function runSearch(context: CliContext): Promise<number> {
  const query = context.args.positionals.join(" ").trim();
  if (!query) throw new UsageError('search needs a query, e.g. jiwon search "관세"');
  const limit = positiveInt(context.args.values.limit, "limit", 10);
  const { index } = await context.loadIndex(context.dataPaths);
  const answer = await answerSearch(index, { query, asOf: context.asOf });
  const hits = answer.hits.slice(0, limit);

  if (context.args.values.json) {
    const json = {
      interpretation: {
        regions: answer.parsed.regions.map((c) => getRegion(c)?.name ?? c),
        categories: answer.parsed.categories.map((c) => categoryLabel(c, "en")),
        from:
          answer.parsed.window?.from ?? (answer.parsed.intent === "events" ? context.asOf : null),
        to: answer.parsed.window?.to ?? null,
        terms: answer.parsed.terms,
      },
      hits: hits.map(({ article, score }) => ({
        id: article.id,
        title: article.title,
        url: article.url,
        score: Number(score.toFixed(4)),
        publishedAt: article.publishedAt,
        regions: article.regions.map((c) => getRegion(c)?.name ?? c),
        categories: article.categories.map((c) => categoryLabel(c, "en")),
        summary: article.summary,
      })),
    };
    context.out.write(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }

  const style = styleFor(context.out);
  const out = context.out;
  out.write(
    `${style.dim(`🔎 ${interpretationLine(answer.parsed, context.asOf, LOCALE)} — ${resultCount(answer.total, LOCALE)}`)}\n`,
  );
  if (hits.length === 0) {
    out.write(`${msg("search.noResults", LOCALE)}.\n`);
    for (const alt of answer.alternatives) {
      out.write(
        `  ${msg(`search.relaxed.${alt.relaxed}`, LOCALE)}: ${alt.hits
          .slice(0, 3)
          .map((h) => h.article.title)
          .join(" / ")}\n`,
      );
    }
    if (answer.suggestions.length) {
      out.write(
        `  ${msg("search.suggestions", LOCALE, { suggestions: answer.suggestions.join(", ") })}\n`,
      );
    }
    return 0;
  }
  const width = 76;
  hits.forEach(({ article, score, event }, i) => {
    const rank = padColumns(`${i + 1}.`, 4);
    const meta = [
      article.publishedAt ?? "",
      article.regions.map((c) => getRegion(c)?.name ?? c).join(","),
      article.categories.map((c) => categoryLabel(c, LOCALE)).join(","),
      event ? `${msg(`event.kind.${event.kind}`, LOCALE)} ${event.start}` : "",
      article.application.end
        ? msg("deadlines.closes", LOCALE, { date: article.application.end })
        : "",
    ].filter(Boolean);
    out.write(
      `${rank}${style.bold(fitColumns(article.title, width))} ${style.dim(score.toFixed(1))}\n`,
    );
    out.write(`    ${style.dim(fitColumns(meta.join(" · "), width))}\n`);
    for (const line of wrapColumns(article.summary, width).slice(0, 2)) out.write(`    ${line}\n`);
    if (article.url) out.write(`    ${style.link(article.url)}\n`);
  });
  return 0;
}
