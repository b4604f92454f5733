import { categoryLabel, getCategory } from "../extract/category-lexicon.ts";
import { regionLabel } from "../extract/gazetteer.ts";
import { ddayLabel } from "../time/calendar.ts";
import type { AnalyzedArticle, ArticleEvent } from "../types.ts";
import { eventKindLabel, statusLabel, t } from "./labels.ts";
import { codePointLength, escapeMarkdown, LIMITS, truncate } from "./limits.ts";
import { linkUrl } from "./links.ts";
import type { EmbedModel, FieldModel, Locale } from "./reply-model.ts";

const DEFAULT_COLOR = 0x94a3b8;

function eventLine(event: ArticleEvent, asOf: string, locale: Locale): string {
  const range =
    event.end && event.end !== event.start ? `${event.start} ~ ${event.end}` : event.start;
  const dday = event.start >= asOf ? ` (${ddayLabel(asOf, event.start)})` : "";
  return `${eventKindLabel(event.kind, locale)} ${range}${dday}`;
}

function applicationLine(article: AnalyzedArticle, asOf: string, locale: Locale): string | null {
  const app = article.application;
  if (app.status === "none") return null;
  if (app.status !== "dated") return statusLabel(app.status, locale);
  const range =
    app.start && app.end
      ? `${app.start} ~ ${app.end}`
      : app.end
        ? `~ ${app.end}`
        : (app.start ?? "");
  const dday = app.end && app.end >= asOf ? ` (${ddayLabel(asOf, app.end)})` : "";
  const firstCome = app.firstCome ? ` · ${t("firstCome", locale)}` : "";
  return `${range}${dday}${firstCome}`;
}

function field(name: string, value: string | null | undefined, inline = true): FieldModel | null {
  if (!value?.trim()) return null;
  return {
    name: truncate(name, LIMITS.fieldName),
    value: truncate(value, LIMITS.fieldValue),
    inline,
  };
}

/** One result as an embed: linked title, summary, region/category/schedule/application/source. */
export function articleEmbed(
  article: AnalyzedArticle,
  options: { asOf: string; locale: Locale; highlight?: ArticleEvent | null },
): EmbedModel {
  const { asOf, locale } = options;
  const events = options.highlight
    ? [options.highlight]
    : article.events.filter((e) => (e.end ?? e.start) >= asOf);
  const regions = article.regions.slice(0, 6).map((code) => regionLabel(code, locale));
  const categories = article.categories.slice(0, 4).map((id) => categoryLabel(id, locale));
  const source = article.source ?? "";
  const url = linkUrl(article.url);
  const sourceValue = url
    ? `${escapeMarkdown(source) || url}${article.urlIsArticle ? "" : ` (${t("listPage", locale)})`}`
    : escapeMarkdown(source);
  const fields = [
    field(t("region", locale), regions.join(", ")),
    field(t("category", locale), categories.join(", ")),
    field(
      t("schedule", locale),
      events
        .slice(0, 3)
        .map((e) => eventLine(e, asOf, locale))
        .join("\n"),
    ),
    field(t("application", locale), applicationLine(article, asOf, locale)),
    field(t("source", locale), sourceValue),
  ].filter((f): f is FieldModel => f !== null);
  const footer = [
    article.source,
    article.publishedAt ? `${t("published", locale)} ${article.publishedAt}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
  return {
    title: truncate(escapeMarkdown(article.title), LIMITS.title),
    url: url ?? undefined,
    description: truncate(escapeMarkdown(article.summary), LIMITS.description),
    color: getCategory(article.categories[0] ?? "")?.color ?? DEFAULT_COLOR,
    fields,
    footer: footer ? truncate(footer, LIMITS.footer) : undefined,
  };
}

function embedChars(embed: EmbedModel): number {
  return (
    codePointLength(embed.title ?? "") +
    codePointLength(embed.description ?? "") +
    codePointLength(embed.footer ?? "") +
    embed.fields.reduce((n, f) => n + codePointLength(f.name) + codePointLength(f.value), 0)
  );
}

/** Keeps a message within 6,000 characters across its embeds by shortening descriptions. */
export function fitEmbeds(embeds: EmbedModel[]): EmbedModel[] {
  const kept = embeds.slice(0, LIMITS.embeds);
  let total = kept.reduce((n, e) => n + embedChars(e), 0);
  for (let budget = 200; total > LIMITS.totalEmbedChars && budget >= 0; budget -= 100) {
    for (const embed of kept) {
      if (embed.description && codePointLength(embed.description) > budget) {
        embed.description = budget > 0 ? truncate(embed.description, budget) : undefined;
      }
    }
    total = kept.reduce((n, e) => n + embedChars(e), 0);
  }
  return kept;
}
