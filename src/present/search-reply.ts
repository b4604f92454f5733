import { formatCount, type Locale, msg } from "../messages/catalogue.ts";
import type { SearchAnswer, SearchHit } from "../query/answer.ts";
import { articleEmbed, fitEmbeds } from "./article-embed.ts";
import { interpretationLine } from "./interpretation.ts";
import { escapeMarkdown, LIMITS, truncate } from "./limits.ts";
import type { ButtonModel, EmbedModel, ReplyModel } from "./reply-model.ts";

export const PAGE_SIZE = 5;

export interface PageOptions {
  locale: Locale;
  page: number;
  /** Custom ids of the Previous and Next buttons for a given page, or null when not pageable. */
  pageId: (page: number) => string | null;
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

export function pageButtons(total: number, page: number, options: PageOptions): ButtonModel[] {
  const pages = pageCount(total);
  if (pages <= 1) return [];
  // Disabled buttons still need valid, distinct ids: clamp instead of pointing at page -1.
  const previous = options.pageId(Math.max(0, page - 1));
  const next = options.pageId(Math.min(pages - 1, page + 1));
  if (previous === null || next === null) return [];
  return [
    {
      customId: previous,
      label: `◀ ${msg("paging.previous", options.locale)}`,
      disabled: page <= 0,
    },
    {
      customId: next,
      label: `${msg("paging.next", options.locale)} ▶`,
      disabled: page >= pages - 1,
    },
  ];
}

/** "1,234건", "1 result", "1,234 results". */
export function resultCount(total: number, locale: Locale): string {
  const key = total === 1 ? "search.totalOne" : "search.total";
  return msg(key, locale, { total: formatCount(total, locale) });
}

/** "1,234건 · 1/40쪽": the total counts every match; pages cover the hits carried. */
function countLine(total: number, shown: number, page: number, locale: Locale): string {
  const count = resultCount(total, locale);
  return `${count} · ${msg("paging.page", locale, { page: page + 1, pages: pageCount(shown) })}`;
}

export function hitsPage(hits: SearchHit[], asOf: string, options: PageOptions): EmbedModel[] {
  const page = Math.min(Math.max(0, options.page), pageCount(hits.length) - 1);
  return fitEmbeds(
    hits
      .slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)
      .map((hit) =>
        articleEmbed(hit.article, { asOf, locale: options.locale, highlight: hit.event }),
      ),
  );
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
    color: 0x94a3b8,
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
  const page = Math.min(Math.max(0, options.page), pageCount(answer.hits.length) - 1);
  const content = `🔎 ${escapeMarkdown(interpretation)} — ${countLine(answer.total, answer.hits.length, page, options.locale)}`;
  return {
    content: truncate(content, LIMITS.content),
    embeds: hitsPage(answer.hits, answer.asOf, { ...options, page }),
    buttons: pageButtons(answer.hits.length, page, options),
  };
}

/** A plain list of hits (latest news), paged like search results. */
export function listReply(
  title: string,
  hits: SearchHit[],
  asOf: string,
  options: PageOptions,
): ReplyModel {
  if (hits.length === 0) {
    return {
      content: title,
      embeds: [{ title: msg("search.noResults", options.locale), fields: [], color: 0x94a3b8 }],
      buttons: [],
    };
  }
  const page = Math.min(Math.max(0, options.page), pageCount(hits.length) - 1);
  return {
    content: `${title} — ${countLine(hits.length, hits.length, page, options.locale)}`,
    embeds: hitsPage(hits, asOf, { ...options, page }),
    buttons: pageButtons(hits.length, page, options),
  };
}
