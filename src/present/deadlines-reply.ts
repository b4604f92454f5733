import type { DeadlineAnswer, DeadlineItem } from "../query/deadlines.ts";
import { eventKindLabel, statusLabel, t } from "./labels.ts";
import { codePointLength, escapeMarkdown, LIMITS, truncate } from "./limits.ts";
import { maskedLink } from "./links.ts";
import type { EmbedModel, Locale, ReplyModel } from "./reply-model.ts";

const DEADLINE_COLOR = 0xef4444;
const EVENT_COLOR = 0x3b82f6;
const OPEN_COLOR = 0x64748b;

/** "`D-8` 2025-04-18 [제목](url)": one line per item; lines are dropped, never cut, at the limit. */
function linesWithin(lines: string[], max: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    const add = codePointLength(line) + 1;
    if (length + add > max - 20) {
      kept.push(`… +${lines.length - kept.length}`);
      break;
    }
    kept.push(line);
    length += add;
  }
  return kept.join("\n");
}

function linked(title: string, url: string | null): string {
  return maskedLink(escapeMarkdown(truncate(title, 90)), url);
}

export function deadlineLine(item: DeadlineItem): string {
  return `\`${item.dday}\` ${item.end} ${linked(item.article.title, item.article.url)}`;
}

/** The reply to /deadlines list: deadlines soonest first, then events and open-ended calls. */
export function deadlinesReply(
  answer: DeadlineAnswer,
  options: { locale: Locale; events: boolean; open: boolean },
): ReplyModel {
  const { locale } = options;
  const embeds: EmbedModel[] = [];
  const header =
    locale === "ko"
      ? `📅 ${answer.asOf} 기준 ${answer.days}일 이내 — ${answer.deadlines.length}건`
      : `📅 ${answer.days} days from ${answer.asOf} — ${answer.deadlines.length} deadlines`;
  embeds.push({
    title: t("deadlinesTitle", locale),
    description:
      answer.deadlines.length > 0
        ? linesWithin(answer.deadlines.map(deadlineLine), LIMITS.description)
        : t("noDeadlines", locale),
    color: DEADLINE_COLOR,
    fields: [],
  });
  if (options.events && answer.events.length > 0) {
    const lines = answer.events.map(({ article, event }) => {
      const range =
        event.end && event.end !== event.start ? `${event.start} ~ ${event.end}` : event.start;
      return `${range} · ${eventKindLabel(event.kind, locale)} ${linked(article.title, article.url)}`;
    });
    embeds.push({
      title: t("eventsTitle", locale),
      description: linesWithin(lines, LIMITS.description),
      color: EVENT_COLOR,
      fields: [],
    });
  }
  if (options.open && answer.open.length > 0) {
    const lines = answer.open.map(
      (a) => `${statusLabel(a.application.status, locale)} · ${linked(a.title, a.url)}`,
    );
    embeds.push({
      title: t("openTitle", locale),
      description: linesWithin(lines, LIMITS.description),
      color: OPEN_COLOR,
      fields: [],
    });
  }
  return { content: header, embeds, buttons: [] };
}
