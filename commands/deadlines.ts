/**
 * /deadlines list [days] [region] [category] — application deadlines closing soon, for everyone;
 * /deadlines subscribe channel:<text channel> [region] [category] [hour] and
 * /deadlines unsubscribe [channel] — daily reminder digests, for members who can manage channels;
 * /deadlines status — the server's subscriptions with their last error, for everyone.
 */
import { ChannelType, SlashCommandBuilder } from "discord.js";
import { say } from "../src/command/bot-labels.ts";
import {
  type AutocompleteContext,
  type ButtonContext,
  type Choice,
  type CommandContext,
  type CommandReply,
  type DeferMode,
  integerOption,
  stringOption,
} from "../src/command/context.ts";
import {
  categoryOption,
  describedInteger,
  filterLabels,
  isReply,
  notice,
  readFilters,
  regionOption,
} from "../src/command/options.ts";
import { canManageChannels } from "../src/command/permissions.ts";
import { regionChoices } from "../src/command/region-option.ts";
import { channelLabel, statusReply } from "../src/command/subscription-replies.ts";
import { deadlinesReply } from "../src/present/deadlines-reply.ts";
import { t } from "../src/present/labels.ts";
import { decodePageState, type PageState } from "../src/present/paging.ts";
import type { ButtonModel } from "../src/present/reply-model.ts";
import { DEFAULT_DEADLINE_DAYS } from "../src/query/answer.ts";
import { listDeadlines } from "../src/query/deadlines.ts";
import { seoulDate } from "../src/time/calendar.ts";

export const DEADLINES_PER_PAGE = 10;
const MAX_DAYS = 365;

const channelTypes = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

export const data = new SlashCommandBuilder()
  .setName("deadlines")
  .setDescription("Application deadlines closing soon, and daily reminders")
  .setDescriptionLocalizations({ ko: "마감 임박 지원사업과 매일 알림" })
  .addSubcommand((sub) =>
    sub
      .setName("list")
      .setDescription("Deadlines closing in the next days")
      .setDescriptionLocalizations({ ko: "곧 마감되는 신청 목록" })
      .addIntegerOption((o) =>
        describedInteger(
          o,
          "days",
          {
            en: `How many days ahead (default ${DEFAULT_DEADLINE_DAYS})`,
            ko: `며칠 앞까지 (기본 ${DEFAULT_DEADLINE_DAYS}일)`,
          },
          { min: 1, max: MAX_DAYS },
        ),
      )
      .addStringOption(regionOption)
      .addStringOption(categoryOption),
  )
  .addSubcommand((sub) =>
    sub
      .setName("subscribe")
      .setDescription("Post a daily digest of closing deadlines in a channel (Manage Channels)")
      .setDescriptionLocalizations({ ko: "채널에 매일 마감 알림 보내기 (채널 관리 권한)" })
      .addChannelOption((o) =>
        o
          .setName("channel")
          .setDescription("Where the reminders go")
          .setDescriptionLocalizations({ ko: "알림을 받을 채널" })
          .addChannelTypes(...channelTypes)
          .setRequired(true),
      )
      .addStringOption(regionOption)
      .addStringOption(categoryOption)
      .addIntegerOption((o) =>
        describedInteger(
          o,
          "hour",
          { en: "Hour of the day, Korea time (0–23)", ko: "알림 시각, 한국 시간 (0–23시)" },
          { min: 0, max: 23 },
        ),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName("unsubscribe")
      .setDescription("Stop the reminders of a channel (this channel by default)")
      .setDescriptionLocalizations({ ko: "채널 알림 끄기 (기본: 이 채널)" })
      .addChannelOption((o) =>
        o
          .setName("channel")
          .setDescription("The channel to stop")
          .setDescriptionLocalizations({ ko: "알림을 끌 채널" })
          .addChannelTypes(...channelTypes),
      ),
  )
  .addSubcommand((sub) =>
    sub
      .setName("status")
      .setDescription("This server's reminder subscriptions and their last errors")
      .setDescriptionLocalizations({ ko: "이 서버의 알림 구독과 최근 오류" }),
  );

/** Only the list searches the index; the rest is a quick SQLite read or write. */
export function defer(ctx: CommandContext): DeferMode {
  return ctx.subcommand === "list" ? "public" : null;
}

function pageButtons(
  ctx: ButtonContext | CommandContext,
  state: PageState,
  pages: number,
): ButtonModel[] {
  if (pages <= 1) return [];
  const previous = ctx.pageIds.encode({ ...state, page: state.page - 1 });
  const next = ctx.pageIds.encode({ ...state, page: state.page + 1 });
  if (previous === null || next === null) return [];
  return [
    { customId: previous, label: `◀ ${t("previous", ctx.locale)}`, disabled: state.page <= 0 },
    { customId: next, label: `${t("next", ctx.locale)} ▶`, disabled: state.page >= pages - 1 },
  ];
}

async function listPage(
  ctx: ButtonContext | CommandContext,
  state: PageState,
): Promise<CommandReply> {
  const asOf = state.asOf ?? seoulDate(ctx.clock());
  const days = Number(state.query) || DEFAULT_DEADLINE_DAYS;
  const answer = await listDeadlines(ctx.index(), {
    asOf,
    days,
    region: state.region,
    category: state.category,
  });
  const pages = Math.max(1, Math.ceil(answer.deadlines.length / DEADLINES_PER_PAGE));
  const page = Math.min(Math.max(0, state.page), pages - 1);
  const shown = {
    ...answer,
    deadlines: answer.deadlines.slice(page * DEADLINES_PER_PAGE, (page + 1) * DEADLINES_PER_PAGE),
  };
  const reply = deadlinesReply(shown, { locale: ctx.locale, events: page === 0, open: false });
  const scope = filterLabels(state, ctx.locale);
  const total = answer.deadlines.length;
  const header =
    ctx.locale === "ko"
      ? `📅 ${asOf} 기준 ${days}일 이내 — ${total}건`
      : `📅 ${days} days from ${asOf} — ${total} deadline${total === 1 ? "" : "s"}`;
  const paging =
    pages > 1
      ? ctx.locale === "ko"
        ? ` · ${page + 1}/${pages}쪽`
        : ` · page ${page + 1}/${pages}`
      : "";
  return {
    ...reply,
    content: [header, ...scope].join(" · ") + paging,
    buttons: pageButtons(ctx, { ...state, asOf, page }, pages),
    resultCount: total,
  };
}

function subscribe(ctx: CommandContext): CommandReply {
  const channel = channelOption(ctx) ?? ctx.channelId;
  const filters = readFilters(ctx);
  if (isReply(filters)) return filters;
  if (ctx.guildId === null || channel === null) return notice(say("guildOnly", ctx.locale));
  const hour = integerOption(ctx, "hour") ?? ctx.settings.reminderHour;
  const subscription = ctx.store.subscribe({
    guildId: ctx.guildId,
    channelId: channel,
    region: filters.region,
    category: filters.category,
    hour,
    createdBy: ctx.userId,
  });
  const scope = filterLabels(subscription, ctx.locale);
  const lines = [
    say("subscribed", ctx.locale, { channel: channelLabel(ctx, channel), hour: String(hour) }),
    say("subscribedScope", ctx.locale, { scope: scope.join(" · ") || say("allNews", ctx.locale) }),
  ];
  if (ctx.transport === "console") lines.push("", say("offlineNote", ctx.locale));
  return {
    embeds: [{ description: lines.join("\n"), color: 0x22c55e, fields: [] }],
    buttons: [],
    resultCount: 1,
  };
}

function unsubscribe(ctx: CommandContext): CommandReply {
  const channel = channelOption(ctx) ?? ctx.channelId;
  if (ctx.guildId === null || channel === null) return notice(say("guildOnly", ctx.locale));
  const removed = ctx.store.unsubscribe(ctx.guildId, channel);
  const text = say(removed > 0 ? "unsubscribed" : "notSubscribed", ctx.locale, {
    channel: channelLabel(ctx, channel),
  });
  return {
    embeds: [{ description: text, color: 0x64748b, fields: [] }],
    buttons: [],
    resultCount: removed,
  };
}

/** A channel id from Discord, or what was typed in the console (#name, <#id>). */
function channelOption(ctx: CommandContext): string | null {
  const value = stringOption(ctx, "channel");
  return value === null ? null : value.replace(/^<#(\d+)>$/, "$1").replace(/^#/, "");
}

export async function execute(ctx: CommandContext): Promise<CommandReply> {
  switch (ctx.subcommand) {
    case "subscribe":
    case "unsubscribe": {
      if (ctx.guildId === null) return notice(say("guildOnly", ctx.locale));
      if (!canManageChannels(ctx.memberPermissions))
        return notice(say("needManageChannels", ctx.locale));
      return ctx.subcommand === "subscribe" ? subscribe(ctx) : unsubscribe(ctx);
    }
    case "status":
      return ctx.guildId === null
        ? notice(say("guildOnly", ctx.locale))
        : statusReply(ctx, ctx.guildId);
    default: {
      const filters = readFilters(ctx);
      if (isReply(filters)) return filters;
      const days = integerOption(ctx, "days") ?? DEFAULT_DEADLINE_DAYS;
      return listPage(ctx, {
        view: "deadlines",
        page: 0,
        asOf: seoulDate(ctx.clock()),
        ...filters,
        upcoming: false,
        query: String(Math.min(Math.max(1, days), MAX_DAYS)),
      });
    }
  }
}

export function autocomplete(ctx: AutocompleteContext): Choice[] {
  return ctx.focused.name === "region" ? regionChoices(ctx.focused.value, ctx.locale) : [];
}

export function ownsButton(customId: string): boolean {
  return decodePageState(customId)?.view === "deadlines";
}

export async function button(ctx: ButtonContext): Promise<CommandReply> {
  const state = ctx.pageIds.decode(ctx.customId);
  if (state === null) return notice(say("buttonExpired", ctx.locale));
  return listPage(ctx, state);
}
