import { regionLabel } from "../data/gazetteer.ts";
import { categoryLabel } from "../extract/category-lexicon.ts";
import { type Locale, msg } from "../messages/catalogue.ts";
import type { AnalyzedArticle, ArticleEvent } from "../types.ts";
import { ddaySuffix } from "./dday.ts";
import { escapeMarkdown, LIMITS, neutralizeMentions, truncate } from "./limits.ts";
import { linkUrl } from "./links.ts";
import { categoryColour } from "./palette.ts";
import type { EmbedModel, FieldModel } from "./reply-model.ts";

function eventLine(event: ArticleEvent, asOf: string, locale: Locale): string {
  const range =
    event.end && event.end !== event.start ? `${event.start} ~ ${event.end}` : event.start;
  // A question about an event that already happened answers with it, marked as past.
  const past = (event.end ?? event.start) < asOf ? ` (${msg("event.past", locale)})` : "";
  return `${msg(`event.kind.${event.kind}`, locale)} ${range}${ddaySuffix(asOf, event.start)}${past}`;
}

function applicationLine(article: AnalyzedArticle, asOf: string, locale: Locale): string | null {
  const app = article.application;
  if (app.status === "none") return null;
  if (app.status !== "dated") return msg(`application.status.${app.status}`, locale);
  const range =
    app.start && app.end
      ? `${app.start} ~ ${app.end}`
      : app.end
        ? `~ ${app.end}`
        : (app.start ?? "");
  const dday = app.end ? ddaySuffix(asOf, app.end) : "";
  const firstCome = app.firstCome ? ` · ${msg("application.firstCome", locale)}` : "";
  return `${range}${dday}${firstCome}`;
}

/** The outlet (or the link when it has no name), marked when the link is only its list page. */
function sourceLine(article: AnalyzedArticle, locale: Locale): string {
  const source = escapeMarkdown(article.source ?? "");
  const url = linkUrl(article.url);
  if (!url) return source;
  const text = source || url;
  return article.urlIsArticle ? text : msg("article.onListPage", locale, { source: text });
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
  const url = linkUrl(article.url);
  const fields = [
    field(msg("field.region", locale), regions.join(", ")),
    field(msg("field.category", locale), categories.join(", ")),
    field(
      msg("field.schedule", locale),
      events
        .slice(0, 3)
        .map((e) => eventLine(e, asOf, locale))
        .join("\n"),
    ),
    field(msg("field.application", locale), applicationLine(article, asOf, locale)),
    field(msg("field.source", locale), sourceLine(article, locale)),
  ].filter((f): f is FieldModel => f !== null);
  // Footers show no markdown, so only mentions are broken there (no backslashes to show).
  const footer = [
    article.source === null ? null : neutralizeMentions(article.source),
    article.publishedAt ? msg("article.published", locale, { date: article.publishedAt }) : null,
  ]
    .filter(Boolean)
    .join(" · ");
  return {
    title: truncate(escapeMarkdown(article.title), LIMITS.title),
    url: url ?? undefined,
    description: truncate(escapeMarkdown(article.summary), LIMITS.description),
    color: categoryColour(article.categories[0]),
    fields,
    footer: footer ? truncate(footer, LIMITS.footer) : undefined,
  };
}
