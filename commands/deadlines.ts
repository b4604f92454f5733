/**
 * /deadlines list [days] [region] [category] — application deadlines closing soon, for everyone;
 * /deadlines subscribe channel:<text channel> [region] [category] [hour] and
 * /deadlines unsubscribe [channel] — daily reminder digests, for members who can manage channels;
 * /deadlines status — the server's subscriptions with their last error, for everyone.
 */
import { ChannelType, SlashCommandBuilder } from "discord.js";
import {
  type AutocompleteContext,
  type ButtonContext,
  type Choice,
  type CommandContext,
  type CommandReply,
  type DeferMode,
  integerOption,
} from "../src/command/context.ts";
import {
  categoryOption,
  described,
  filterLabels,
  isReply,
  notice,
  readFilters,
  regionOption,
} from "../src/command/options.ts";
import { canManageChannels } from "../src/command/permissions.ts";
import { regionChoices } from "../src/command/region-option.ts";
import { channelLabel, channelOption, statusReply } from "../src/command/subscription-replies.ts";
import { msg } from "../src/messages/catalogue.ts";
import { deadlinesHeader, deadlinesReply } from "../src/present/deadlines-reply.ts";
import { decodePageState, type PageState } from "../src/present/paging.ts";
import type { ButtonModel } from "../src/present/reply-model.ts";
import { DEFAULT_DEADLINE_DAYS } from "../src/query/answer.ts";
import { listDeadlines } from "../src/query/deadlines.ts";
import { seoulDate } from "../src/time/calendar.ts";

export const DEADLINES_PER_PAGE = 10;
const MAX_DAYS = 365;

const channelTypes = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

export const data = described(new SlashCommandBuilder().setName("deadlines"), "command.deadlines")
  .addSubcommand((sub) =>
    described(sub.setName("list"), "command.deadlines.list")
      .addIntegerOption((o) =>
        described(o.setName("days"), "command.deadlines.list.days", {
          days: DEFAULT_DEADLINE_DAYS,
        })
          .setMinValue(1)
          .setMaxValue(MAX_DAYS),
      )
      .addStringOption(regionOption)
      .addStringOption(categoryOption),
  )
  .addSubcommand((sub) =>
    described(sub.setName("subscribe"), "command.deadlines.subscribe")
      .addChannelOption((o) =>
        described(o.setName("channel"), "command.deadlines.subscribe.channel")
          .addChannelTypes(...channelTypes)
          .setRequired(true),
      )
      .addStringOption(regionOption)
      .addStringOption(categoryOption)
      .addIntegerOption((o) =>
        described(o.setName("hour"), "command.deadlines.subscribe.hour")
          .setMinValue(0)
          .setMaxValue(23),
      ),
  )
  .addSubcommand((sub) =>
    described(sub.setName("unsubscribe"), "command.deadlines.unsubscribe").addChannelOption((o) =>
      described(o.setName("channel"), "command.deadlines.unsubscribe.channel").addChannelTypes(
        ...channelTypes,
      ),
    ),
  )
  .addSubcommand((sub) => described(sub.setName("status"), "command.deadlines.status"));

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
    {
      customId: previous,
      label: `◀ ${msg("paging.previous", ctx.locale)}`,
      disabled: state.page <= 0,
    },
    {
      customId: next,
      label: `${msg("paging.next", ctx.locale)} ▶`,
      disabled: state.page >= pages - 1,
    },
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
  const header = `📅 ${deadlinesHeader(asOf, days, total, ctx.locale)}`;
  const paging = pages > 1 ? ` · ${msg("paging.page", ctx.locale, { page: page + 1, pages })}` : "";
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
  if (ctx.guildId === null || channel === null) return notice(msg("error.guildOnly", ctx.locale));
  const hour = integerOption(ctx, "hour") ?? ctx.settings.reminderHour;
  const subscription = ctx.store.subscribe({
    guildId: ctx.guildId,
    channelId: channel,
    region: filters.region,
    category: filters.category,
    hour,
    locale: ctx.locale,
    createdBy: ctx.userId,
  });
  const scope = filterLabels(subscription, ctx.locale);
  const lines = [
    msg("subscribe.done", ctx.locale, { channel: channelLabel(ctx, channel), hour }),
    msg("subscribe.scope", ctx.locale, {
      scope: scope.join(" · ") || msg("filter.everything", ctx.locale),
    }),
  ];
  if (ctx.transport === "console") lines.push("", msg("subscribe.offlineNote", ctx.locale));
  return {
    embeds: [{ description: lines.join("\n"), color: 0x22c55e, fields: [] }],
    buttons: [],
    resultCount: 1,
  };
}

function unsubscribe(ctx: CommandContext): CommandReply {
  const channel = channelOption(ctx) ?? ctx.channelId;
  if (ctx.guildId === null || channel === null) return notice(msg("error.guildOnly", ctx.locale));
  const removed = ctx.store.unsubscribe(ctx.guildId, channel);
  const text = msg(removed > 0 ? "unsubscribe.done" : "unsubscribe.notSubscribed", ctx.locale, {
    channel: channelLabel(ctx, channel),
  });
  return {
    embeds: [{ description: text, color: 0x64748b, fields: [] }],
    buttons: [],
    resultCount: removed,
  };
}

export async function execute(ctx: CommandContext): Promise<CommandReply> {
  switch (ctx.subcommand) {
    case "subscribe":
    case "unsubscribe": {
      if (ctx.guildId === null) return notice(msg("error.guildOnly", ctx.locale));
      if (!canManageChannels(ctx.memberPermissions))
        return notice(msg("subscribe.needManageChannels", ctx.locale));
      return ctx.subcommand === "subscribe" ? subscribe(ctx) : unsubscribe(ctx);
    }
    case "status":
      return ctx.guildId === null
        ? notice(msg("error.guildOnly", ctx.locale))
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
  if (state === null) return notice(msg("paging.expired", ctx.locale));
  return listPage(ctx, state);
}
