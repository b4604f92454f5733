/**
 * `bizinfo` sources: 기업마당's Open API (`bizinfoApi.do?crtfcKey=KEY&dataType=json`). Real answers
 * are a flat `{"jsonArray": [ … ]}`; the guide shows `{"jsonArray": {"item": [ … ]}}` and a lone
 * item object also occurs, so all three are read. Each notice keeps its structured facts:
 * `reqstBeginEndDe` is the application period (declared, it wins over the text's guess), hashtags
 * name regions, the 분야 a category; the summary (HTML with numeric entities and `\r\n`) plus the
 * target, agencies and period become the article's text. `totCnt` is repeated in every item.
 */

import type { Declared } from "../../types.ts";
import { parseFeedDate } from "../dates.ts";
import { htmlToText, inlineText } from "../html-text.ts";
import { type FetchedItem, type KindFetcher, type Skip, SourceFormatError } from "../item.ts";
import { cleanLink } from "../links.ts";
import { fieldText, portalCategories, portalRegions, splitValues } from "../portal-fields.ts";
import { collectPages } from "./paged.ts";

const SITE = "https://www.bizinfo.go.kr/";

type Notice = Record<string, unknown>;

const str = fieldText;

/** The notices of one answer, whichever of the documented shapes it has. */
export function noticesOf(json: unknown): Notice[] {
  if (typeof json !== "object" || json === null) {
    throw new SourceFormatError("bizinfo answer is not a JSON object");
  }
  const root = json as Record<string, unknown>;
  const list = root.jsonArray ?? (root.pblancId !== undefined ? root : undefined);
  if (list === undefined) {
    const keys = Object.keys(root).slice(0, 5).join(", ");
    const message = str(root.reqErr) ?? str(root.message) ?? str(root.errMsg);
    throw new SourceFormatError(
      `bizinfo answer has no jsonArray${message ? `: ${message}` : ` (keys: ${keys || "none"})`}`,
    );
  }
  const items = Array.isArray(list)
    ? list
    : typeof list === "object" && list !== null && "item" in list
      ? (list as { item: unknown }).item
      : list;
  const array = Array.isArray(items) ? items : items ? [items] : [];
  return array.filter((n): n is Notice => typeof n === "object" && n !== null);
}

function bodyOf(notice: Notice): string {
  const lines: string[] = [];
  const summary = str(notice.bsnsSumryCn);
  if (summary) lines.push(htmlToText(summary));
  const labelled: Array<[string, unknown]> = [
    ["지원분야", notice.pldirSportRealmLclasCodeNm],
    ["지원대상", notice.trgetNm],
    ["소관부처", notice.jrsdInsttNm],
    ["수행기관", notice.excInsttNm],
    ["신청기간", notice.reqstBeginEndDe],
  ];
  for (const [label, value] of labelled) {
    const text = str(value);
    if (text) lines.push(`${label}: ${inlineText(splitValues(text).join(", ") || text)}`);
  }
  return lines.join("\n");
}

function declaredOf(notice: Notice): Declared | null {
  const declared: Declared = {};
  const period = str(notice.reqstBeginEndDe);
  if (period) declared.applicationPeriod = period;
  const tags = splitValues(str(notice.hashtags) ?? str(notice.hashTags));
  const regions = portalRegions(tags);
  if (regions !== undefined) declared.regions = regions;
  const categories = portalCategories(
    "bizinfo",
    splitValues(str(notice.pldirSportRealmLclasCodeNm)),
  );
  if (categories.length > 0) declared.categories = categories;
  return Object.keys(declared).length > 0 ? declared : null;
}

function itemOf(notice: Notice, outlet: string): FetchedItem | Skip {
  const id = str(notice.pblancId);
  const title = str(notice.pblancNm);
  if (!id) return { item: title ?? "(untitled)", reason: "notice without pblancId" };
  const body = bodyOf(notice);
  if (!title && !body) return { item: id, reason: "notice without title or text" };
  return {
    itemId: id,
    url: cleanLink(str(notice.pblancUrl), SITE),
    title: title ? inlineText(title) : null,
    body: body || (title as string),
    publishedAt: parseFeedDate(str(notice.creatPnttm)),
    outlet,
    declared: declaredOf(notice),
  };
}

export const fetchBizinfo: KindFetcher<"bizinfo"> = async (source, { http, key }) => {
  if (!key) throw new SourceFormatError(`no API key: set ${source.keyEnv}`);
  const outlet = source.defaults?.source ?? "기업마당";
  return collectPages(
    source,
    async (page) => {
      const url = new URL(source.url);
      url.searchParams.set("crtfcKey", key);
      url.searchParams.set("dataType", "json");
      url.searchParams.set("searchCnt", String(source.pageSize * source.maxPages));
      url.searchParams.set("pageUnit", String(source.pageSize));
      url.searchParams.set("pageIndex", String(page));
      const response = await http.get(url.href, { accept: "application/json" });
      if (response.status !== "ok") return { records: [], total: null };
      let json: unknown;
      try {
        json = JSON.parse(response.text);
      } catch {
        const start = inlineText(response.text.slice(0, 120));
        throw new SourceFormatError(`bizinfo answer is not JSON: ${JSON.stringify(start)}`);
      }
      const records = noticesOf(json);
      const total = Number(str(records[0]?.totCnt) ?? Number.NaN);
      return { records, total: Number.isFinite(total) ? total : null };
    },
    (notice) => itemOf(notice, outlet),
  );
};
