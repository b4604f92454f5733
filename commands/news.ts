/**
 * /news search query:<text> [region] [category] [upcoming] and /news latest [region] [category].
 * Results page five at a time; the page buttons carry the whole question in their custom id.
 */
import { SlashCommandBuilder } from "@discordjs/builders";
import {
  type AutocompleteContext,
  type ButtonContext,
  booleanOption,
  type Choice,
  type CommandContext,
  type CommandReply,
  stringOption,
} from "../src/command/context.ts";
import {
  categoryOption,
  described,
  isReply,
  readFilters,
  regionOption,
} from "../src/command/options.ts";
import { queryChoices } from "../src/command/query-choices.ts";
import { regionChoices } from "../src/command/region-option.ts";
import { msg } from "../src/messages/catalogue.ts";
import { notice } from "../src/present/notice.ts";
import { decodePageState, type PageState } from "../src/present/paging.ts";
import { latestReply, searchReply } from "../src/present/search-reply.ts";
import { answerSearch, latestArticles } from "../src/query/answer.ts";
import { seoulDate } from "../src/time/calendar.ts";

export const QUERY_MAX = 200;

export const data = described(new SlashCommandBuilder().setName("news"), "command.news")
  .addSubcommand((sub) =>
    described(sub.setName("search"), "command.news.search")
      .addStringOption((o) =>
        described(o.setName("query"), "command.news.search.query")
          .setRequired(true)
          .setMaxLength(QUERY_MAX)
          .setAutocomplete(true),
      )
      .addStringOption(regionOption)
      .addStringOption(categoryOption)
      .addBooleanOption((o) => described(o.setName("upcoming"), "command.news.search.upcoming")),
  )
  .addSubcommand((sub) =>
    described(sub.setName("latest"), "command.news.latest")
      .addStringOption(regionOption)
      .addStringOption(categoryOption),
  );

const VIEWS = new Set(["search", "latest"]);

export function defer(): "public" {
  return "public";
}

function today(ctx: { clock: () => Date }): string {
  return seoulDate(ctx.clock());
}

async function searchPage(
  ctx: ButtonContext | CommandContext,
  state: PageState,
): Promise<CommandReply> {
  const asOf = state.asOf ?? today(ctx);
  const answer = await answerSearch(ctx.index(), {
    query: state.query,
    asOf,
    region: state.region,
    category: state.category,
    upcoming: state.upcoming,
  });
  const reply = searchReply(answer, {
    locale: ctx.locale,
    page: state.page,
    pageId: (page) => ctx.pageIds.encode({ ...state, asOf, page }),
  });
  return { ...reply, resultCount: answer.total };
}

async function latestPage(
  ctx: ButtonContext | CommandContext,
  state: PageState,
): Promise<CommandReply> {
  const asOf = state.asOf ?? today(ctx);
  const hits = await latestArticles(ctx.index(), {
    asOf,
    region: state.region,
    category: state.category,
  });
  const reply = latestReply(hits, asOf, state, {
    locale: ctx.locale,
    page: state.page,
    pageId: (page) => ctx.pageIds.encode({ ...state, asOf, page }),
  });
  return { ...reply, resultCount: hits.length };
}

export async function execute(ctx: CommandContext): Promise<CommandReply> {
  const filters = readFilters(ctx);
  if (isReply(filters)) return filters;
  const base = { page: 0, asOf: today(ctx), ...filters };
  if (ctx.subcommand === "latest") {
    return latestPage(ctx, { ...base, view: "latest", upcoming: false, query: "" });
  }
  const query = stringOption(ctx, "query");
  if (query === null) return notice(msg("search.emptyQuery", ctx.locale));
  if ([...query].length > QUERY_MAX)
    return notice(msg("search.queryTooLong", ctx.locale, { max: QUERY_MAX }));
  return searchPage(ctx, {
    ...base,
    view: "search",
    upcoming: booleanOption(ctx, "upcoming") ?? false,
    query,
  });
}

export function autocomplete(ctx: AutocompleteContext): Choice[] {
  const { name, value } = ctx.focused;
  if (name === "region") return regionChoices(value, ctx.locale);
  const typed = value.trim();
  return name === "query" && typed !== "" ? queryChoices(ctx, typed) : [];
}

export function ownsButton(customId: string): boolean {
  const state = decodePageState(customId);
  return state !== null && VIEWS.has(state.view);
}

export async function button(ctx: ButtonContext): Promise<CommandReply> {
  const state = ctx.pageIds.decode(ctx.customId);
  if (state === null) return notice(msg("paging.expired", ctx.locale));
  return state.view === "latest" ? latestPage(ctx, state) : searchPage(ctx, state);
}
