import { formatCount, type Locale, msg } from "../messages/catalogue.ts";
import type { SearchAnswer, SearchHit } from "../query/answer.ts";
import { articleEmbed } from "./article-embed.ts";
import { withinEmbedBudget } from "./embed-budget.ts";
import { interpretationLine } from "./interpretation.ts";
import { escapeMarkdown, LIMITS, truncate } from "./limits.ts";
import { clampPage, pageButtons, pageCount } from "./paging.ts";
import { PALETTE } from "./palette.ts";
import type { EmbedModel, ReplyModel } from "./reply-model.ts";
import { type Scope, scopeLabels } from "./scope.ts";

export const PAGE_SIZE = 5;

export interface PageOptions {
  locale: Locale;
  page: number;
  /** Custom ids of the Previous and Next buttons for a given page, or null when not pageable. */
  pageId: (page: number) => string | null;
}

/** "1,234건", "1 result", "1,234 results". */
export function resultCount(total: number, locale: Locale): string {
  const key = total === 1 ? "search.totalOne" : "search.total";
  return msg(key, locale, { total: formatCount(total, locale) });
}

/** "1,234건 · 1/40쪽": the total counts every match; pages cover the hits carried. */
function countLine(total: number, pages: number, page: number, locale: Locale): string {
  const count = resultCount(total, locale);
  return `${count} · ${msg("paging.page", locale, { page: page + 1, pages })}`;
}

/** One page of hits: the page's embeds and the buttons to its neighbours. */
function hitsPage(hits: readonly SearchHit[], asOf: string, options: PageOptions) {
  const pages = pageCount(hits.length, PAGE_SIZE);
  const page = clampPage(options.page, pages);
  const embeds = withinEmbedBudget(
    hits
      .slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)
      .map((hit) =>
        articleEmbed(hit.article, { asOf, locale: options.locale, highlight: hit.event }),
      ),
  );
  const buttons = pageButtons(pages, page, options.locale, options.pageId);
  return { page, pages, embeds, buttons };
}

function emptyEmbed(answer: SearchAnswer, interpretation: string, locale: Locale): EmbedModel {
  const lines: string[] = [];
  const alternatives = answer.alternatives.map((alt) => {
    const label = msg(`search.relaxed.${alt.relaxed}`, locale);
    const titles = alt.hits
      .slice(0, 3)
      .map((h) => `• ${escapeMarkdown(truncate(h.article.title, 80))}`);
    return {
      name: `${label} (${alt.total})`,
      value: truncate(titles.join("\n"), LIMITS.fieldValue),
    };
  });
  if (answer.suggestions.length > 0) {
    lines.push(
      msg("search.suggestions", locale, {
        suggestions: answer.suggestions.map((s) => escapeMarkdown(s)).join(", "),
      }),
    );
  }
  const hasFilters =
    answer.parsed.regions.length > 0 ||
    answer.parsed.window !== null ||
    answer.parsed.intent !== "articles";
  return {
    title: hasFilters
      ? msg("search.nothingFor", locale, { interpretation: truncate(interpretation, 180) })
      : msg("search.noResults", locale),
    description: lines.length ? lines.join("\n") : undefined,
    color: PALETTE.neutral,
    fields: alternatives.filter((f) => f.value.length > 0).map((f) => ({ ...f, inline: false })),
  };
}

/** The reply to a search: interpretation and count on top, one embed per result, paging buttons. */
export function searchReply(answer: SearchAnswer, options: PageOptions): ReplyModel {
  const interpretation = interpretationLine(answer.parsed, answer.asOf, options.locale);
  if (answer.total === 0) {
    return {
      content: `🔎 ${escapeMarkdown(interpretation)}`,
      embeds: [emptyEmbed(answer, interpretation, options.locale)],
      buttons: [],
    };
  }
  const { page, pages, embeds, buttons } = hitsPage(answer.hits, answer.asOf, options);
  const count = countLine(answer.total, pages, page, options.locale);
  return {
    content: truncate(`🔎 ${escapeMarkdown(interpretation)} — ${count}`, LIMITS.content),
    embeds,
    buttons,
  };
}

/** /news latest: the newest articles in the scope, paged like search results. */
export function latestReply(
  hits: readonly SearchHit[],
  asOf: string,
  scope: Scope,
  options: PageOptions,
): ReplyModel {
  const title = [
    `🗞️ ${msg("news.latestTitle", options.locale)}`,
    ...scopeLabels(scope, options.locale),
  ].join(" · ");
  if (hits.length === 0) {
    return {
      content: title,
      embeds: [
        { title: msg("search.noResults", options.locale), fields: [], color: PALETTE.neutral },
      ],
      buttons: [],
    };
  }
  const { page, pages, embeds, buttons } = hitsPage(hits, asOf, options);
  return {
    content: `${title} — ${countLine(hits.length, pages, page, options.locale)}`,
    embeds,
    buttons,
  };
}
