import { categoryLabel, getCategory } from "../extract/category-lexicon.ts";
import { getRegion } from "../extract/gazetteer.ts";
import { eventKindLabel, statusLabel } from "../present/labels.ts";
import { fitColumns, padColumns, styleFor } from "../present/terminal.ts";
import { listDeadlines } from "../query/deadlines.ts";
import { positiveInt, UsageError } from "./args.ts";
import type { CliContext } from "./context.ts";

/** `jiwon deadlines`: application deadlines in the next N days, soonest first, with D-day labels. */
export async function runDeadlines(context: CliContext): Promise<number> {
  const { values } = context.args;
  const days = positiveInt(values.days, "days", 14);
  if (values.category && !getCategory(values.category)) {
    throw new UsageError(`unknown category "${values.category}"`);
  }
  const { index } = await context.loadIndex(context.dataPaths);
  const answer = await listDeadlines(index, {
    asOf: context.asOf,
    days,
    region: values.region ?? null,
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
  out.write(
    style.bold(`📅 ${context.asOf} 기준 ${days}일 이내 마감 — ${answer.deadlines.length}건\n`),
  );
  if (answer.deadlines.length === 0) out.write("  기간 안에 마감되는 신청이 없습니다.\n");
  for (const item of answer.deadlines) {
    out.write(
      `  ${style.accent(padColumns(item.dday, 6))} ${item.end}  ${fitColumns(item.article.title, 60)}\n`,
    );
    if (item.article.url) out.write(`  ${" ".repeat(18)}${style.link(item.article.url)}\n`);
  }
  if (values.events) {
    out.write(style.bold(`\n🗓  다가오는 일정 — ${answer.events.length}건\n`));
    for (const { article, event } of answer.events) {
      const range =
        event.end && event.end !== event.start ? `${event.start} ~ ${event.end}` : event.start;
      out.write(
        `  ${padColumns(range, 24)} ${padColumns(eventKindLabel(event.kind, "ko"), 8)} ${fitColumns(article.title, 50)}\n`,
      );
    }
  }
  if (values.open) {
    out.write(style.bold(`\n♾  기한 없는 접수 — ${answer.open.length}건\n`));
    for (const article of answer.open.slice(0, 50)) {
      out.write(
        `  ${padColumns(statusLabel(article.application.status, "ko"), 18)} ${fitColumns(article.title, 56)}\n`,
      );
    }
  }
  return 0;
}
