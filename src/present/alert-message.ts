/**
 * One alert message: a header naming the alert, then one embed per article in the format of
 * `/news search` (title linked to the source, summary, region, category, deadline with D-day), at
 * most ten, and "and N more — /news search …" when a round brought more. A changed deadline is
 * marked as such, with the deadline the channel was told before.
 */
import {
  type Alert,
  type AlertQuestion,
  ARTICLES_PER_POST,
  alertRequest,
} from "../alerts/alert.ts";
import type { ItemKind } from "../alerts/match.ts";
import { type Locale, msg } from "../messages/catalogue.ts";
import { interpret } from "../query/answer.ts";
import type { AnalyzedArticle } from "../types.ts";
import { articleEmbed } from "./article-embed.ts";
import { ddaySuffix } from "./dday.ts";
import { withinEmbedBudget } from "./embed-budget.ts";
import { interpretationLine } from "./interpretation.ts";
import { escapeMarkdown, LIMITS, truncate } from "./limits.ts";
import { PALETTE } from "./palette.ts";
import type { EmbedModel, ReplyModel } from "./reply-model.ts";

export interface AlertMessageItem {
  article: AnalyzedArticle;
  kind: ItemKind;
  previousEnd: string | null;
}

export interface AlertMessageOptions {
  /** Today in Seoul: D-days count from it. */
  asOf: string;
  /** Set for a daily digest: the day it collects. */
  digestDate?: string | null;
}

/** "/news search query:관세 region:평택시", to find the rest; backticks cannot close the code span. */
export function searchCommand(alert: Pick<Alert, "query" | "region" | "category">): string {
  const plain = (text: string) => text.replace(/[`\n\r]/g, " ").trim();
  const parts = [`/news search query:${plain(alert.query)}`];
  if (alert.region) parts.push(`region:${plain(alert.region)}`);
  if (alert.category) parts.push(`category:${plain(alert.category)}`);
  return `\`${truncate(parts.join(" "), 300)}\``;
}

/**
 * What the alert's question means on `asOf`, in `locale` ("평택시 · 수출 · “관세”"), read as
 * /news search reads it: its time words move with the day, and each reader gets their language.
 */
export function alertInterpretation(alert: AlertQuestion, asOf: string, locale: Locale): string {
  return interpretationLine(interpret(alertRequest(alert, asOf)), asOf, locale);
}

/** "알림 #3 · 평택시 · “관세”": the alert as its header and lists name it (markdown escaped). */
export function alertTitle(
  alert: Pick<Alert, "id" | "query" | "region" | "category">,
  asOf: string,
  locale: Locale,
): string {
  return msg("alerts.name", locale, {
    id: alert.id,
    interpretation: escapeMarkdown(truncate(alertInterpretation(alert, asOf, locale), 300)),
  });
}

function changeEmbed(item: AlertMessageItem, asOf: string, locale: Locale): EmbedModel {
  const embed = articleEmbed(item.article, { asOf, locale });
  const end = item.article.application.end;
  const after = end ? `${end}${ddaySuffix(asOf, end)}` : null;
  const none = msg("alerts.change.none", locale);
  const change = {
    name: `🔁 ${msg("alerts.change.field", locale)}`,
    value: `${item.previousEnd ?? none} → ${after ?? none}`,
    inline: false,
  };
  const prefix = `[${msg("alerts.change.field", locale)}] `;
  return {
    ...embed,
    title: truncate(`${prefix}${embed.title ?? ""}`, LIMITS.title),
    color: PALETTE.attention,
    fields: [change, ...embed.fields].slice(0, LIMITS.fields),
  };
}

/** The message for one alert's items (changes first, as given), within Discord's limits. */
export function alertMessage(
  alert: Pick<Alert, "id" | "query" | "region" | "category" | "locale">,
  items: readonly AlertMessageItem[],
  options: AlertMessageOptions,
): ReplyModel {
  const { locale } = alert;
  const { asOf } = options;
  const shown = items.slice(0, ARTICLES_PER_POST);
  const changed = items.filter((item) => item.kind === "change").length;
  const added = items.length - changed;
  const counts = [
    added > 0 ? msg("alerts.post.new", locale, { count: added }) : null,
    changed > 0 ? msg("alerts.post.changed", locale, { count: changed }) : null,
  ].filter((part): part is string => part !== null);
  const when = options.digestDate
    ? `${msg("alerts.post.digest", locale, { date: options.digestDate })} · `
    : "";
  const lines = [`🔔 ${alertTitle(alert, asOf, locale)} — ${when}${counts.join(" · ")}`];
  const rest = items.length - shown.length;
  if (rest > 0) {
    lines.push(msg("alerts.post.more", locale, { count: rest, command: searchCommand(alert) }));
  }
  const embeds = shown.map((item) =>
    item.kind === "change"
      ? changeEmbed(item, asOf, locale)
      : articleEmbed(item.article, { asOf, locale }),
  );
  return {
    content: truncate(lines.join("\n"), LIMITS.content),
    embeds: withinEmbedBudget(embeds),
    buttons: [],
  };
}
