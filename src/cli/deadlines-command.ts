import { resolveRegion } from "../command/region-option.ts";
import { getRegion } from "../data/gazetteer.ts";
import { categoryLabel, getCategory } from "../extract/category-lexicon.ts";
import { msg } from "../messages/catalogue.ts";
import { deadlinesHeader } from "../present/deadlines-reply.ts";
import { resultCount } from "../present/search-reply.ts";
import { fitColumns, padColumns, styleFor } from "../present/terminal.ts";
import { listDeadlines } from "../query/deadlines.ts";
import { positiveInt, UsageError } from "./args.ts";
import type { CliContext } from "./context.ts";

/** The command line speaks Korean, like the news it lists. */
const LOCALE = "ko";

/** "다가오는 일정 — 3건" */
function titled(key: "deadlines.eventsTitle" | "deadlines.openTitle", count: number): string {
  return `${msg(key, LOCALE)} — ${resultCount(count, LOCALE)}`;
}

/** `jiwon deadlines`: application deadlines in the next N days, soonest first, with D-day labels. */
export async function runDeadlines(context: CliContext): Promise<number> {
  const { values } = context.args;
  const days = positiveInt(values.days, "days", 14);
  if (values.category && !getCategory(values.category)) {
    throw new UsageError(`unknown category "${values.category}"`);
  }
  const region = values.region === undefined ? null : resolveRegion(values.region);
  if (values.region !== undefined && region === null) {
    throw new UsageError(
      `unknown region "${values.region}": give a 시·도 or 시·군·구 name (경기, 고양) or a region code`,
    );
  }
  const { index } = await context.loadIndex(context.dataPaths);
  const answer = await listDeadlines(index, {
    asOf: context.asOf,
    days,
    region,
    category: values.category ?? null,
  });
  if (values.json) {
    const rows = answer.deadlines.map(({ article, end, dday }) => ({
      id: article.id,
      title: article.title,
      url: article.url,
      end,
      dday,
      status: article.application.status,
      regions: article.regions.map((c) => getRegion(c)?.name ?? c),
      categories: article.categories.map((c) => categoryLabel(c, "en")),
    }));
    context.out.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const style = styleFor(context.out);
  const out = context.out;
  const header = deadlinesHeader(context.asOf, days, answer.deadlines.length, LOCALE);
  out.write(style.bold(`📅 ${msg("deadlines.title", LOCALE)} · ${header}\n`));
  if (answer.deadlines.length === 0) out.write(`  ${msg("deadlines.none", LOCALE)}.\n`);
  for (const item of answer.deadlines) {
    out.write(
      `  ${style.accent(padColumns(item.dday, 6))} ${item.end}  ${fitColumns(item.article.title, 60)}\n`,
    );
    if (item.article.url) out.write(`  ${" ".repeat(18)}${style.link(item.article.url)}\n`);
  }
  if (values.events) {
    out.write(style.bold(`\n🗓  ${titled("deadlines.eventsTitle", answer.events.length)}\n`));
    for (const { article, event } of answer.events) {
      const range =
        event.end && event.end !== event.start ? `${event.start} ~ ${event.end}` : event.start;
      out.write(
        `  ${padColumns(range, 24)} ${padColumns(msg(`event.kind.${event.kind}`, LOCALE), 8)} ${fitColumns(article.title, 50)}\n`,
      );
    }
  }
  if (values.open) {
    out.write(style.bold(`\n♾  ${titled("deadlines.openTitle", answer.open.length)}\n`));
    for (const article of answer.open.slice(0, 50)) {
      out.write(
        `  ${padColumns(msg(`application.status.${article.application.status}`, LOCALE), 18)} ${fitColumns(article.title, 56)}\n`,
      );
    }
  }
  return 0;
}
