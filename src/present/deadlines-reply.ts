import { type Locale, msg } from "../messages/catalogue.ts";
import type { DeadlineAnswer, DeadlineItem } from "../query/deadlines.ts";
import { embedLength } from "./embed-budget.ts";
import { discordLength, escapeMarkdown, LIMITS, truncate } from "./limits.ts";
import { maskedLink } from "./links.ts";
import { clampPage, pageButtons, pageCount } from "./paging.ts";
import { PALETTE } from "./palette.ts";
import type { EmbedModel, ReplyModel } from "./reply-model.ts";
import { type Scope, scopeLabels } from "./scope.ts";

/** Deadlines on one page of /deadlines list. */
export const DEADLINES_PER_PAGE = 10;

/** "`D-8` 2025-04-18 [제목](url)": one line per item; lines are dropped, never cut, at the limit. */
function linesWithin(lines: string[], max: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    const add = discordLength(line) + 1;
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

/** "2025-04-10 기준 30일 이내 — 2건", "30 days from 2025-04-10 — 1 deadline". */
export function deadlinesHeader(asOf: string, days: number, count: number, locale: Locale): string {
  return msg(count === 1 ? "deadlines.headerOne" : "deadlines.header", locale, {
    asOf,
    days,
    count,
  });
}

/**
 * The reply to /deadlines list: deadlines soonest first, then events and open-ended calls. Each
 * list gets what the lists before it left of the message's embed budget, so whole lines are
 * dropped (and counted) rather than a later list cut.
 */
export function deadlinesReply(
  answer: DeadlineAnswer,
  options: { locale: Locale; events: boolean; open: boolean },
): ReplyModel {
  const { locale } = options;
  const embeds: EmbedModel[] = [];
  /** A list embed, its lines within what the embeds before it left of the budget. */
  const list = (title: string, lines: string[], color: number): EmbedModel => {
    const used = embeds.reduce((n, e) => n + embedLength(e), 0) + discordLength(title);
    const room = Math.min(LIMITS.description, LIMITS.totalEmbedChars - used);
    return { title, description: linesWithin(lines, room), color, fields: [] };
  };
  const header = `📅 ${deadlinesHeader(answer.asOf, answer.days, answer.deadlines.length, locale)}`;
  const title = msg("deadlines.title", locale);
  embeds.push(
    answer.deadlines.length > 0
      ? list(title, answer.deadlines.map(deadlineLine), PALETTE.urgent)
      : { title, description: msg("deadlines.none", locale), color: PALETTE.urgent, fields: [] },
  );
  if (options.events && answer.events.length > 0) {
    const lines = answer.events.map(({ article, event }) => {
      const range =
        event.end && event.end !== event.start ? `${event.start} ~ ${event.end}` : event.start;
      return `${range} · ${msg(`event.kind.${event.kind}`, locale)} ${linked(article.title, article.url)}`;
    });
    embeds.push(list(msg("deadlines.eventsTitle", locale), lines, PALETTE.event));
  }
  if (options.open && answer.open.length > 0) {
    const lines = answer.open.map(
      (a) =>
        `${msg(`application.status.${a.application.status}`, locale)} · ${linked(a.title, a.url)}`,
    );
    embeds.push(list(msg("deadlines.openTitle", locale), lines, PALETTE.quiet));
  }
  return { content: header, embeds, buttons: [] };
}

export interface DeadlinesPageOptions {
  locale: Locale;
  page: number;
  /** The region and category the list was asked for, named in its header. */
  scope: Scope;
  /** Custom ids of the Previous and Next buttons for a given page, or null when not pageable. */
  pageId: (page: number) => string | null;
}

/**
 * One page of /deadlines list: ten deadlines, the events of the window on the first page only,
 * and a header with the scope and the page.
 */
export function deadlinesPage(answer: DeadlineAnswer, options: DeadlinesPageOptions): ReplyModel {
  const { locale } = options;
  const pages = pageCount(answer.deadlines.length, DEADLINES_PER_PAGE);
  const page = clampPage(options.page, pages);
  const shown = {
    ...answer,
    deadlines: answer.deadlines.slice(page * DEADLINES_PER_PAGE, (page + 1) * DEADLINES_PER_PAGE),
  };
  const reply = deadlinesReply(shown, { locale, events: page === 0, open: false });
  const total = answer.deadlines.length;
  const header = `📅 ${deadlinesHeader(answer.asOf, answer.days, total, locale)}`;
  const paging = pages > 1 ? ` · ${msg("paging.page", locale, { page: page + 1, pages })}` : "";
  return {
    ...reply,
    content: [header, ...scopeLabels(options.scope, locale)].join(" · ") + paging,
    buttons: pageButtons(pages, page, locale, options.pageId),
  };
}
