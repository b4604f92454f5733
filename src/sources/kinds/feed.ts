/**
 * `feed` sources: RSS 2.0, RSS 1.0 (RDF) and Atom, told apart by the document itself (feedsmith,
 * the most tolerant parser that fits Node 20). Titles and descriptions lose their HTML; links are
 * resolved against the feed and cleaned of tracking parameters; an item is identified by its guid
 * (Atom id, RDF about), else its link, else its title and date. With `fullText`, each new or
 * changed item's page is read for its main text, because feed descriptions are often one line.
 */
import { createHash } from "node:crypto";
import { parseFeed } from "feedsmith";
import { parseFeedDate } from "../dates.ts";
import { htmlToText, inlineText } from "../html-text.ts";
import {
  type FetchedItem,
  type KindFetcher,
  NOTHING_TO_REMEMBER,
  type Skip,
  SourceFormatError,
} from "../item.ts";
import { cleanLink } from "../links.ts";

const ACCEPT_FEEDS =
  "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

/** The parts of one entry we read, whatever the format. */
interface Entry {
  id: string | null;
  link: string | null;
  title: string | null;
  /** HTML unless `plain`. */
  content: string | null;
  plain: boolean;
  date: string | null;
  author: string | null;
}

interface AtomText {
  value?: string;
  type?: string;
}

interface AtomLink {
  href?: string;
  rel?: string;
}

// feedsmith's result types are generic over every namespace; we read a handful of fields.
interface LooseItem {
  title?: string | AtomText;
  link?: string;
  links?: AtomLink[];
  id?: string;
  guid?: { value?: string };
  description?: string;
  summary?: AtomText;
  content?: AtomText & { encoded?: string };
  pubDate?: string;
  published?: string;
  updated?: string;
  dc?: { dates?: string[]; date?: string; creators?: string[]; creator?: string };
  rdf?: { about?: string };
  authors?: Array<{ name?: string } | string>;
}

interface LooseFeed {
  title?: string | AtomText;
  items?: LooseItem[];
  entries?: LooseItem[];
}

const textOf = (value: string | AtomText | undefined): string | null =>
  typeof value === "string" ? value : (value?.value ?? null);

function atomLink(links: AtomLink[] | undefined): string | null {
  if (!links?.length) return null;
  const alternate = links.find((l) => !l.rel || l.rel === "alternate") ?? links[0];
  return alternate?.href ?? null;
}

function entryOf(format: string, item: LooseItem): Entry {
  if (format === "atom") {
    const content = item.content?.value ? item.content : item.summary;
    return {
      id: item.id ?? null,
      link: atomLink(item.links),
      title: textOf(item.title),
      content: content?.value ?? null,
      // Atom says whether a text is HTML; plain text may hold a literal "<".
      plain: content?.type === undefined || content.type === "text",
      date: item.published ?? item.updated ?? item.dc?.dates?.[0] ?? null,
      author: typeof item.authors?.[0] === "object" ? (item.authors[0].name ?? null) : null,
    };
  }
  return {
    id: item.guid?.value ?? item.rdf?.about ?? null,
    link: item.link ?? null,
    title: textOf(item.title),
    content: item.content?.encoded ?? item.description ?? null,
    plain: false,
    date: item.pubDate ?? item.dc?.dates?.[0] ?? item.dc?.date ?? null,
    author: item.dc?.creators?.[0] ?? item.dc?.creator ?? null,
  };
}

function parse(text: string): { format: string; feed: LooseFeed } {
  try {
    // Whitespace (even a BOM-less blank line) before `<?xml` is common and harmless.
    const parsed = parseFeed(text.replace(/^\s+/, "")) as { format: string; feed: LooseFeed };
    return parsed;
  } catch (error) {
    throw new SourceFormatError(
      `not a readable RSS, RDF or Atom feed: ${(error as Error).message}`,
    );
  }
}

export const fetchFeed: KindFetcher<"feed"> = async (source, { http }) => {
  const response = await http.get(source.url, { accept: ACCEPT_FEEDS, conditional: true });
  if (response.status === "not-modified") {
    return { items: [], skipped: [], notModified: true, remember: NOTHING_TO_REMEMBER };
  }
  const { format, feed } = parse(response.text);
  const raw = (format === "atom" ? feed.entries : feed.items) ?? [];
  const feedTitle = inlineText(textOf(feed.title) ?? "") || null;
  const items: FetchedItem[] = [];
  const skipped: Skip[] = [];
  const limit = source.maxItems ?? raw.length;
  raw.slice(0, limit).forEach((rawItem, index) => {
    const entry = entryOf(format, rawItem);
    const url = cleanLink(entry.link, response.url);
    const title = entry.title ? inlineText(entry.title) || null : null;
    const body = entry.content
      ? entry.plain
        ? entry.content.trim()
        : htmlToText(entry.content)
      : "";
    const publishedAt = parseFeedDate(entry.date);
    const where = entry.id ?? url ?? title ?? `item ${index + 1}`;
    if (!title && !body) {
      skipped.push({ item: where, reason: "item has neither title nor text" });
      return;
    }
    const itemId =
      entry.id?.trim() ||
      url ||
      createHash("sha256")
        .update(`${title ?? ""}\u0000${entry.date ?? ""}`)
        .digest("hex")
        .slice(0, 24);
    items.push({
      itemId,
      url,
      title,
      // A feed item with only a title is still news: its title is its text.
      body: body || (title as string),
      publishedAt,
      outlet: source.defaults?.source ?? feedTitle,
      declared: null,
      ...(source.fullText && url
        ? { page: { url, ...(source.body ? { body: source.body } : {}), optional: true } }
        : {}),
    });
  });
  return { items, skipped, notModified: false, remember: response.remember };
};
