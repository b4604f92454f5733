/**
 * /deadlines list [days] [region] [category] — application deadlines closing soon, for everyone;
 * /deadlines subscribe channel:<text channel> [region] [category] [hour] and
 * /deadlines unsubscribe [channel] — daily reminder digests, for members who can manage channels;
 * /deadlines status — the server's subscriptions with their last error, for everyone.
 */
import { SlashCommandBuilder } from "@discordjs/builders";
import { ChannelType } from "discord-api-types/v10";
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
  channelOption,
  described,
  isReply,
  readFilters,
  regionOption,
} from "../src/command/options.ts";
import { canManageChannels } from "../src/command/permissions.ts";
import { regionChoices } from "../src/command/region-option.ts";
import { msg } from "../src/messages/catalogue.ts";
import { deadlinesPage } from "../src/present/deadlines-reply.ts";
import { notice } from "../src/present/notice.ts";
import { decodePageState, type PageState } from "../src/present/paging.ts";
import {
  subscribedReply,
  subscriptionStatusReply,
  unsubscribedReply,
} from "../src/present/subscription-reply.ts";
import { DEFAULT_DEADLINE_DAYS } from "../src/query/answer.ts";
import { listDeadlines } from "../src/query/deadlines.ts";
import { MAX_DIGEST_ATTEMPTS } from "../src/state/store.ts";
import { seoulDate } from "../src/time/calendar.ts";

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
  const reply = deadlinesPage(answer, {
    locale: ctx.locale,
    page: state.page,
    scope: state,
    pageId: (page) => ctx.pageIds.encode({ ...state, asOf, page }),
  });
  return { ...reply, resultCount: answer.deadlines.length };
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
  const reply = subscribedReply(subscription, {
    locale: ctx.locale,
    mentions: ctx.transport === "discord",
    offline: ctx.transport === "console",
  });
  return { ...reply, resultCount: 1 };
}

function unsubscribe(ctx: CommandContext): CommandReply {
  const channel = channelOption(ctx) ?? ctx.channelId;
  if (ctx.guildId === null || channel === null) return notice(msg("error.guildOnly", ctx.locale));
  const removed = ctx.store.unsubscribe(ctx.guildId, channel);
  const reply = unsubscribedReply(channel, removed > 0, {
    locale: ctx.locale,
    mentions: ctx.transport === "discord",
  });
  return { ...reply, resultCount: removed };
}

/** /deadlines status: each subscription of the server with today's digest, read from the store. */
function status(ctx: CommandContext, guildId: string): CommandReply {
  const today = seoulDate(ctx.clock());
  const entries = ctx.store.listForGuild(guildId).map((subscription) => {
    const run = ctx.store.digestRun(guildId, subscription.channelId, today);
    return {
      subscription,
      today:
        run === null
          ? null
          : {
              status: run.status,
              error: run.error,
              retrying: run.status === "failed" && run.attempts < MAX_DIGEST_ATTEMPTS,
            },
    };
  });
  const reply = subscriptionStatusReply(entries, {
    locale: ctx.locale,
    mentions: ctx.transport === "discord",
  });
  return { ...reply, resultCount: entries.length };
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
        : status(ctx, ctx.guildId);
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
