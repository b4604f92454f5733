import { type Locale, msg } from "../messages/catalogue.ts";
import { discordLength, LIMITS } from "./limits.ts";
import type { ButtonModel } from "./reply-model.ts";

/**
 * Everything needed to redraw a page of results lives in the button's custom id, so buttons keep
 * working after the interaction token expires and after a bot restart. Format (≤ 100 chars):
 *   pg|<view>|<page>|<asOf YYYYMMDD or ->|<region or ->|<category or ->|<flags>|<query or days>
 * A query too long to fit is stored by the transport under a short key (`@key` in the last slot).
 */
export type PageView = "search" | "latest" | "deadlines";

export interface PageState {
  view: PageView;
  page: number;
  asOf: string | null;
  region: string | null;
  category: string | null;
  upcoming: boolean;
  /** The search text, or the day count for deadlines. */
  query: string;
}

const VIEWS: Record<PageView, string> = { search: "s", latest: "l", deadlines: "d" };
const PREFIX = "pg";

function slot(value: string | null): string {
  return value === null || value === "" ? "-" : value.replaceAll("|", "¦");
}

export function encodePageState(state: PageState): string | null {
  const asOf = state.asOf ? state.asOf.replaceAll("-", "") : null;
  const id = [
    PREFIX,
    VIEWS[state.view],
    String(state.page),
    slot(asOf),
    slot(state.region),
    slot(state.category),
    state.upcoming ? "u" : "-",
    state.query.replaceAll("|", "¦"),
  ].join("|");
  return discordLength(id) <= LIMITS.customId ? id : null;
}

export function decodePageState(customId: string): PageState | null {
  const parts = customId.split("|");
  if (parts.length < 8 || parts[0] !== PREFIX) return null;
  const [, view, page, asOf, region, category, flags] = parts;
  const query = parts.slice(7).join("|");
  const viewName = (Object.keys(VIEWS) as PageView[]).find((v) => VIEWS[v] === view);
  if (!viewName || !/^\d+$/.test(page ?? "")) return null;
  const value = (s: string | undefined) => (s === undefined || s === "-" ? null : s);
  const compactDate = value(asOf);
  return {
    view: viewName,
    page: Number(page),
    asOf:
      compactDate && /^\d{8}$/.test(compactDate)
        ? `${compactDate.slice(0, 4)}-${compactDate.slice(4, 6)}-${compactDate.slice(6)}`
        : null,
    region: value(region),
    category: value(category),
    upcoming: flags === "u",
    query,
  };
}

/** How many pages `total` items fill, at least one. */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** `page` moved into 0 … pages − 1. */
export function clampPage(page: number, pages: number): number {
  return Math.min(Math.max(0, page), pages - 1);
}

/**
 * ◀ Previous and Next ▶ under a paged reply; none for a single page, or when `pageId` cannot give
 * an id for a neighbour (a state too long even with its query stashed).
 */
export function pageButtons(
  pages: number,
  page: number,
  locale: Locale,
  pageId: (page: number) => string | null,
): ButtonModel[] {
  if (pages <= 1) return [];
  // Disabled buttons still need valid, distinct ids: clamp instead of pointing at page -1.
  const previous = pageId(Math.max(0, page - 1));
  const next = pageId(Math.min(pages - 1, page + 1));
  if (previous === null || next === null) return [];
  return [
    { customId: previous, label: `◀ ${msg("paging.previous", locale)}`, disabled: page <= 0 },
    { customId: next, label: `${msg("paging.next", locale)} ▶`, disabled: page >= pages - 1 },
  ];
}
