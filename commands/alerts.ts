/**
 * /alerts add query:<text> [region] [category] [channel] [mode] — save a question whose new
 * matching articles are posted to a channel; /alerts remove|pause|resume id:<number> — for members
 * who can manage channels (checked here, not only by Discord); /alerts list — for everyone.
 */
import { SlashCommandBuilder, type SlashCommandStringOption } from "@discordjs/builders";
import { ChannelType, InteractionContextType } from "discord-api-types/v10";
import {
  ALERT_MODES,
  type Alert,
  type AlertMode,
  type AlertQuestion,
  alertRequest,
  MANUAL_PAUSE,
  MAX_ALERTS_PER_GUILD,
} from "../src/alerts/alert.ts";
import { lastMatches } from "../src/alerts/preview.ts";
import {
  type AutocompleteContext,
  type Choice,
  type CommandContext,
  type CommandReply,
  type DeferMode,
  stringOption,
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
import { queryChoices } from "../src/command/query-choices.ts";
import { regionChoices } from "../src/command/region-option.ts";
import { normalizeInline } from "../src/ingest/normalize.ts";
import { msg } from "../src/messages/catalogue.ts";
import { alertInterpretation } from "../src/present/alert-message.ts";
import {
  type AlertsReplyOptions,
  alertAddedReply,
  alertChangedReply,
  alertListReply,
} from "../src/present/alerts-reply.ts";
import { interpretationLine } from "../src/present/interpretation.ts";
import { escapeMarkdown } from "../src/present/limits.ts";
import { notice } from "../src/present/notice.ts";
import { interpret } from "../src/query/answer.ts";
import { isPlainSearch } from "../src/query/parse.ts";
import { digestHourFor } from "../src/schedule/alerts.ts";
import { seoulDate } from "../src/time/calendar.ts";

export const ALERT_QUERY_MAX = 200;
/** How far back `/alerts add` looks for the articles it would have posted. */
export const SAMPLE_DAYS = 30;
const SAMPLE_SIZE = 3;

const channelTypes = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

function idOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return described(option.setName("id"), "command.alerts.id")
    .setRequired(true)
    .setMaxLength(12)
    .setAutocomplete(true);
}

export const data = described(new SlashCommandBuilder().setName("alerts"), "command.alerts")
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    described(sub.setName("add"), "command.alerts.add")
      .addStringOption((o) =>
        described(o.setName("query"), "command.alerts.add.query")
          .setRequired(true)
          .setMaxLength(ALERT_QUERY_MAX)
          .setAutocomplete(true),
      )
      .addStringOption(regionOption)
      .addStringOption(categoryOption)
      .addChannelOption((o) =>
        described(o.setName("channel"), "command.alerts.add.channel").addChannelTypes(
          ...channelTypes,
        ),
      )
      .addStringOption((o) =>
        described(o.setName("mode"), "command.alerts.add.mode").addChoices(
          ...ALERT_MODES.map((mode) => ({
            name: msg(`alerts.choice.${mode}`, "en"),
            name_localizations: { ko: msg(`alerts.choice.${mode}`, "ko") },
            value: mode,
          })),
        ),
      ),
  )
  .addSubcommand((sub) => described(sub.setName("list"), "command.alerts.list"))
  .addSubcommand((sub) =>
    described(sub.setName("remove"), "command.alerts.remove").addStringOption(idOption),
  )
  .addSubcommand((sub) =>
    described(sub.setName("pause"), "command.alerts.pause").addStringOption(idOption),
  )
  .addSubcommand((sub) =>
    described(sub.setName("resume"), "command.alerts.resume").addStringOption(idOption),
  );

/** Adding looks back over a month of articles; the rest is a quick SQLite read or write. */
export function defer(ctx: CommandContext): DeferMode {
  return ctx.subcommand === "add" ? "ephemeral" : null;
}

function replyOptions(ctx: CommandContext): AlertsReplyOptions {
  return {
    locale: ctx.locale,
    asOf: seoulDate(ctx.clock()),
    mentions: ctx.transport === "discord",
    digestHour: digestHourFor(ctx.store, ctx.settings.reminderHour),
  };
}

async function add(ctx: CommandContext, guildId: string): Promise<CommandReply> {
  const typed = stringOption(ctx, "query");
  const query = typed === null ? "" : normalizeInline(typed);
  if (query === "") return notice(msg("search.emptyQuery", ctx.locale));
  if ([...query].length > ALERT_QUERY_MAX)
    return notice(msg("search.queryTooLong", ctx.locale, { max: ALERT_QUERY_MAX }));
  const filters = readFilters(ctx);
  if (isReply(filters)) return filters;
  const channelId = channelOption(ctx) ?? ctx.channelId;
  if (channelId === null) return notice(msg("error.guildOnly", ctx.locale));
  const mode = (stringOption(ctx, "mode") ?? "instant") as AlertMode;
  if (!ALERT_MODES.includes(mode)) return notice(msg("error.failed", ctx.locale));

  const today = seoulDate(ctx.clock());
  const question: AlertQuestion = { query, ...filters };
  const parsed = interpret(alertRequest(question, today));
  if (isPlainSearch(parsed) && parsed.terms.length === 0) {
    return notice(msg("alerts.nothingToAsk", ctx.locale, { query: escapeMarkdown(query) }));
  }
  const interpretation = interpretationLine(parsed, today, ctx.locale);
  const saved = ctx.store.alerts.add(
    {
      guildId,
      channelId,
      ...question,
      interpretation,
      mode,
      locale: ctx.locale,
      createdBy: ctx.userId,
    },
    MAX_ALERTS_PER_GUILD,
  );
  if (!saved.ok) return notice(msg("alerts.limit", ctx.locale, { max: MAX_ALERTS_PER_GUILD }));
  const { alert } = saved;

  const sample = await lastMatches(ctx.index(), question, {
    asOf: today,
    days: SAMPLE_DAYS,
    limit: SAMPLE_SIZE,
  });
  const reply = alertAddedReply(alert, sample, {
    ...replyOptions(ctx),
    sampleDays: SAMPLE_DAYS,
    offline: ctx.transport === "console",
  });
  return { ...reply, resultCount: 1 };
}

function list(ctx: CommandContext, guildId: string): CommandReply {
  const alerts = ctx.store.alerts.listForGuild(guildId);
  return { ...alertListReply(alerts, replyOptions(ctx)), resultCount: alerts.length };
}

/** The server's alert named by the id option ("3" or "#3"), or the reply saying there is none. */
function chosenAlert(ctx: CommandContext, guildId: string): Alert | CommandReply {
  const typed = stringOption(ctx, "id") ?? "";
  const id = /^#?(\d{1,9})$/.exec(typed)?.[1];
  const alert = id === undefined ? null : ctx.store.alerts.get(Number(id));
  if (alert === null || alert.guildId !== guildId) {
    return notice(msg("alerts.unknown", ctx.locale, { id: escapeMarkdown(typed) }));
  }
  return alert;
}

function manage(ctx: CommandContext, guildId: string): CommandReply {
  const alert = chosenAlert(ctx, guildId);
  if ("embeds" in alert) return alert;
  const { id } = alert;
  const options = { locale: ctx.locale, asOf: seoulDate(ctx.clock()) };
  switch (ctx.subcommand) {
    case "remove":
      ctx.store.alerts.remove(guildId, id);
      return { ...alertChangedReply("removed", alert, options), resultCount: 1 };
    case "pause":
      if (alert.pausedAt !== null) return notice(msg("alerts.alreadyPaused", ctx.locale, { id }));
      ctx.store.alerts.setPaused(guildId, id, MANUAL_PAUSE);
      return { ...alertChangedReply("paused", alert, options), resultCount: 1 };
    default:
      if (alert.pausedAt === null) return notice(msg("alerts.notPaused", ctx.locale, { id }));
      ctx.store.alerts.setPaused(guildId, id, null);
      return { ...alertChangedReply("resumed", alert, options), resultCount: 1 };
  }
}

export async function execute(ctx: CommandContext): Promise<CommandReply> {
  const guildId = ctx.guildId;
  if (guildId === null) return notice(msg("error.guildOnly", ctx.locale));
  if (ctx.subcommand === "list") return list(ctx, guildId);
  if (!canManageChannels(ctx.memberPermissions))
    return notice(msg("alerts.needManageChannels", ctx.locale));
  return ctx.subcommand === "add" ? add(ctx, guildId) : manage(ctx, guildId);
}

/** The server's alerts whose number or question contains what is typed. */
function alertChoices(ctx: AutocompleteContext, typed: string): Choice[] {
  if (ctx.guildId === null) return [];
  const key = typed.replace(/^#/, "").toLowerCase();
  const today = seoulDate(ctx.clock());
  return ctx.store.alerts
    .listForGuild(ctx.guildId)
    .filter(
      (alert) =>
        key === "" ||
        String(alert.id).startsWith(key) ||
        alert.interpretation.toLowerCase().includes(key) ||
        alert.query.toLowerCase().includes(key),
    )
    .map((alert) => ({
      name: `#${alert.id} · ${alertInterpretation(alert, today, ctx.locale)}${alert.pausedAt ? " ⏸️" : ""}`,
      value: String(alert.id),
    }));
}

export function autocomplete(ctx: AutocompleteContext): Choice[] {
  const { name, value } = ctx.focused;
  if (name === "region") return regionChoices(value, ctx.locale);
  if (name === "id") return alertChoices(ctx, value.trim());
  const typed = value.trim();
  return name === "query" && typed !== "" ? queryChoices(ctx, typed) : [];
}
