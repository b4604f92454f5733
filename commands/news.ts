/**
 * /news search query:<text> [region] [category] [upcoming] and /news latest [region] [category].
 * Results page five at a time; the page buttons carry the whole question in their custom id.
 */
import { SlashCommandBuilder } from "discord.js";
import { say } from "../src/command/bot-labels.ts";
import { clampChoices } from "../src/command/choices.ts";
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
  describedBoolean,
  filterLabels,
  isReply,
  notice,
  readFilters,
  regionOption,
} from "../src/command/options.ts";
import { regionChoices } from "../src/command/region-option.ts";
import { t } from "../src/present/labels.ts";
import { decodePageState, type PageState } from "../src/present/paging.ts";
import { listReply, searchReply } from "../src/present/search-reply.ts";
import { answerSearch, latestArticles } from "../src/query/answer.ts";
import { seoulDate } from "../src/time/calendar.ts";

export const QUERY_MAX = 200;

export const data = new SlashCommandBuilder()
  .setName("news")
  .setDescription("Korean small-business support news")
  .setDescriptionLocalizations({ ko: "소상공인·중소기업 지원 소식" })
  .addSubcommand((sub) =>
    sub
      .setName("search")
      .setDescription("Search the news: words, places, kinds of support, dates")
      .setDescriptionLocalizations({ ko: "지원 소식 검색 (낱말, 지역, 분야, 날짜)" })
      .addStringOption((o) =>
        o
          .setName("query")
          .setDescription("What to look for, e.g. 관세 or upcoming seminars in Goyang")
          .setDescriptionLocalizations({ ko: "찾을 내용 (예: 관세, 고양 설명회)" })
          .setRequired(true)
          .setMaxLength(QUERY_MAX)
          .setAutocomplete(true),
      )
      .addStringOption(regionOption)
      .addStringOption(categoryOption)
      .addBooleanOption((o) =>
        describedBoolean(o, "upcoming", {
          en: "Only events and deadlines from today on",
          ko: "오늘 이후의 일정·마감만",
        }),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName("latest")
      .setDescription("The newest articles")
      .setDescriptionLocalizations({ ko: "최신 소식" })
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
  const title = [`🗞️ ${t("latestTitle", ctx.locale)}`, ...filterLabels(state, ctx.locale)].join(
    " · ",
  );
  const reply = listReply(title, hits, asOf, {
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
  if (query === null) return notice(say("emptyQuery", ctx.locale));
  if ([...query].length > QUERY_MAX)
    return notice(say("queryTooLong", ctx.locale, { max: String(QUERY_MAX) }));
  return searchPage(ctx, {
    ...base,
    view: "search",
    upcoming: booleanOption(ctx, "upcoming") ?? false,
    query,
  });
}

/**
 * Completions for the word being typed, from the index's own vocabulary: "고양 설" offers
 * "고양 설명회". What was typed comes first, so picking nothing still searches for exactly that.
 */
function queryChoices(ctx: AutocompleteContext, typed: string): Choice[] {
  const words = typed.split(/\s+/);
  const last = words.pop() ?? "";
  const head = words.join(" ");
  const lower = last.toLowerCase();
  const terms = ctx
    .index()
    .suggest(last, 10)
    .flatMap((suggestion) => suggestion.split(/\s+/))
    .filter((term) => term.toLowerCase().startsWith(lower) && term.toLowerCase() !== lower);
  const completions = [...new Set(terms)].map((term) => (head ? `${head} ${term}` : term));
  return clampChoices([typed, ...completions].map((text) => ({ name: text, value: text })));
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
  if (state === null) return notice(say("buttonExpired", ctx.locale));
  return state.view === "latest" ? latestPage(ctx, state) : searchPage(ctx, state);
}
