/**
 * `html` sources: a list page without a feed (the kind of page the shipped sample came from).
 * `links` selects the article links on the list page; each new link's page is then read with
 * `body` (and optionally `title` and `date`) selectors. An article is identified by its URL and
 * read once; the list page itself is fetched conditionally.
 */
import { inlineText, parsePage } from "../html-text.ts";
import { type FetchedItem, type KindFetcher, NOTHING_TO_REMEMBER, type Skip } from "../item.ts";
import { cleanLink } from "../links.ts";

const DEFAULT_MAX_ITEMS = 20;

export const fetchHtml: KindFetcher<"html"> = async (source, { http }) => {
  const response = await http.get(source.url, {
    accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    conditional: true,
  });
  if (response.status === "not-modified") {
    return { items: [], skipped: [], notModified: true, remember: NOTHING_TO_REMEMBER };
  }
  const document = parsePage(response.text);
  const items: FetchedItem[] = [];
  const skipped: Skip[] = [];
  const seen = new Set<string>();
  const anchors = [...document.querySelectorAll(source.links)];
  for (const anchor of anchors) {
    if (items.length >= (source.maxItems ?? DEFAULT_MAX_ITEMS)) break;
    // The selector may name the link itself or an element around it.
    const link = anchor.tagName === "A" ? anchor : anchor.querySelector("a[href]");
    const href = link?.getAttribute("href") ?? null;
    const url = cleanLink(href, response.url);
    const text = inlineText(link?.textContent ?? anchor.textContent ?? "");
    if (url === null) {
      skipped.push({
        item: text || (href ?? "(no href)"),
        reason: `unusable link ${JSON.stringify((href ?? "").slice(0, 80))}`,
      });
      continue;
    }
    if (seen.has(url)) continue;
    seen.add(url);
    items.push({
      itemId: url,
      url,
      title: text || null,
      body: "",
      publishedAt: null,
      outlet: source.defaults?.source ?? null,
      declared: null,
      page: {
        url,
        body: source.body,
        ...(source.title ? { title: source.title } : {}),
        ...(source.date ? { date: source.date } : {}),
        optional: false,
      },
    });
  }
  if (anchors.length === 0) {
    skipped.push({
      item: source.url,
      reason: `no element matches links selector ${JSON.stringify(source.links)}`,
    });
  }
  return { items, skipped, notModified: false, remember: response.remember };
};
