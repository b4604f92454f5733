import type { AlertQuestion } from "../alerts/alert.ts";
import { previewAlert } from "../alerts/preview.ts";
import { resolveRegion } from "../command/region-option.ts";
import { getRegion } from "../data/gazetteer.ts";
import { getCategory } from "../extract/category-lexicon.ts";
import { normalizeInline } from "../ingest/normalize.ts";
import { msg } from "../messages/catalogue.ts";
import { alertInterpretation } from "../present/alert-message.ts";
import { fitColumns, styleFor } from "../present/terminal.ts";
import { addDays, ddayLabel } from "../time/calendar.ts";
import { positiveInt, UsageError } from "./args.ts";
import type { CliContext } from "./context.ts";

/** The command line speaks Korean, like the news it lists. */
const LOCALE = "ko";
export const DEFAULT_PREVIEW_DAYS = 7;

/**
 * `jiwon alerts preview "QUERY"`: what an alert with this question would have posted over the
 * last N days, day by day, each day's articles asked the question as of that day — so an
 * operator can tune a question without Discord.
 */
export async function runAlerts(context: CliContext): Promise<number> {
  const [action, ...words] = context.args.positionals;
  if (action !== "preview") {
    throw new UsageError('alerts needs an action: jiwon alerts preview "QUERY" [--days N]');
  }
  const query = normalizeInline(words.join(" "));
  if (!query)
    throw new UsageError('alerts preview needs a question, e.g. jiwon alerts preview "관세"');
  const { values } = context.args;
  const days = positiveInt(values.days, "days", DEFAULT_PREVIEW_DAYS);
  const region = values.region === undefined ? null : resolveRegion(values.region);
  if (values.region !== undefined && region === null) {
    throw new UsageError(`unknown region "${values.region}"`);
  }
  if (values.category && !getCategory(values.category)) {
    throw new UsageError(`unknown category "${values.category}"`);
  }
  const question: AlertQuestion = { query, region, category: values.category ?? null };
  const { index } = await context.loadIndex(context.dataPaths);
  const preview = await previewAlert(index, question, { asOf: context.asOf, days });
  const from = addDays(context.asOf, 1 - days);
  const total = preview.reduce((n, day) => n + day.hits.length, 0);

  if (values.json) {
    const json = {
      query,
      interpretation: alertInterpretation(question, context.asOf, LOCALE),
      from,
      to: context.asOf,
      posts: preview.map(({ date, hits }) => ({
        date,
        articles: hits.map(({ article }) => ({
          id: article.id,
          title: article.title,
          url: article.url,
          publishedAt: article.publishedAt,
          regions: article.regions.map((c) => getRegion(c)?.name ?? c),
          applicationEnd: article.application.end,
        })),
      })),
    };
    context.out.write(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }

  const style = styleFor(context.out);
  const out = context.out;
  const interpretation = alertInterpretation(question, context.asOf, LOCALE);
  out.write(
    `${style.bold(`🔔 ${msg("alerts.preview.header", LOCALE, { interpretation, from, to: context.asOf, count: total })}`)}\n`,
  );
  if (total === 0) out.write(`  ${msg("alerts.preview.none", LOCALE)}\n`);
  for (const { date, hits } of preview) {
    out.write(
      `\n${style.accent(msg("alerts.preview.day", LOCALE, { date, count: hits.length }))}\n`,
    );
    for (const { article } of hits) {
      const end = article.application.end;
      const deadline = end
        ? `  ${msg("deadlines.closes", LOCALE, { date: end })} (${ddayLabel(date, end)})`
        : "";
      out.write(`  • ${fitColumns(article.title, 64)}${style.dim(deadline)}\n`);
      if (article.url) out.write(`    ${style.link(article.url)}\n`);
    }
  }
  return 0;
}
