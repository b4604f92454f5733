/**
 * `kstartup` sources: K-Startup's announcements on the public-data portal
 * (`getAnnouncementInformation01?serviceKey=KEY&returnType=json&page=1&perPage=100`). The key goes
 * through URLSearchParams once, decoded first when the operator pasted the portal's encoded form
 * (double encoding is answered with 403). Answers: `{currentCount, matchCount, page, perPage,
 * totalCount, data: [ … ]}`; the gateway's errors come as XML (`<returnAuthMsg>`) or as
 * `{code, msg}` even when JSON was asked for. `pbanc_sn` identifies an announcement (`id` is only
 * a row number); the receipt dates are the declared application period, an open end meaning 수시.
 */

import type { Declared } from "../../types.ts";
import { parseFeedDate } from "../dates.ts";
import { htmlToText, inlineText } from "../html-text.ts";
import { type FetchedItem, type KindFetcher, type Skip, SourceFormatError } from "../item.ts";
import { cleanLink } from "../links.ts";
import { fieldText, portalCategories, portalRegions, splitValues } from "../portal-fields.ts";
import { collectPages } from "./paged.ts";

const SITE = "https://www.k-startup.go.kr/";

type Announcement = Record<string, unknown>;

const str = fieldText;

/** The key as the portal wants it in URLSearchParams: decoded once if it was pasted encoded. */
export function decodedServiceKey(key: string): string {
  if (!/%[0-9A-Fa-f]{2}/.test(key)) return key;
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

function gatewayError(text: string): string | null {
  const tag = (name: string) => text.match(new RegExp(`<${name}>([^<]*)</${name}>`))?.[1]?.trim();
  return tag("returnAuthMsg") || tag("errMsg") || tag("resultMsg") || null;
}

function answerOf(text: string): { data: Announcement[]; total: number | null } {
  const trimmed = text.trim();
  if (trimmed.startsWith("<")) {
    const why = gatewayError(trimmed);
    throw new SourceFormatError(`K-Startup answered XML${why ? `: ${why}` : " instead of JSON"}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    throw new SourceFormatError(
      `K-Startup answer is not JSON: ${JSON.stringify(inlineText(trimmed.slice(0, 120)))}`,
    );
  }
  const root = (typeof json === "object" && json !== null ? json : {}) as Record<string, unknown>;
  if (!Array.isArray(root.data)) {
    const why = str(root.msg) ?? str(root.message) ?? str(root.resultMsg);
    throw new SourceFormatError(
      `K-Startup answer has no data list${why ? `: ${why}${root.code !== undefined ? ` (code ${String(root.code)})` : ""}` : ""}`,
    );
  }
  const total = Number(root.totalCount ?? root.matchCount);
  return {
    data: root.data.filter((a): a is Announcement => typeof a === "object" && a !== null),
    total: Number.isFinite(total) ? total : null,
  };
}

function bodyOf(a: Announcement, period: string | null): string {
  const lines: string[] = [];
  const content = str(a.pbanc_ctnt);
  if (content) lines.push(htmlToText(content));
  const labelled: Array<[string, unknown]> = [
    ["지원분야", a.supt_biz_clsfc],
    ["지원지역", a.supt_regin],
    ["신청대상", a.aply_trgt_ctnt],
    ["주관기관", a.pbanc_ntrp_nm],
    ["접수기간", period],
  ];
  for (const [label, value] of labelled) {
    const text = str(value);
    if (text) lines.push(`${label}: ${inlineText(text)}`);
  }
  return lines.join("\n");
}

/** `20250401 ~ 20250430`; an announcement without an end is open until further notice (수시). */
function periodOf(a: Announcement): string | null {
  const start = str(a.pbanc_rcpt_bgng_dt);
  const end = str(a.pbanc_rcpt_end_dt);
  if (!start && !end) return null;
  return `${start ?? ""} ~ ${end ?? "수시 접수"}`.trim();
}

function itemOf(a: Announcement, outlet: string): FetchedItem | Skip {
  const id = str(a.pbanc_sn);
  const title = str(a.biz_pbanc_nm);
  if (!id) return { item: title ?? "(untitled)", reason: "announcement without pbanc_sn" };
  const period = periodOf(a);
  const body = bodyOf(a, period);
  if (!title && !body) return { item: id, reason: "announcement without title or text" };
  const declared: Declared = {};
  if (period) declared.applicationPeriod = period;
  const regions = portalRegions(splitValues(str(a.supt_regin)));
  if (regions !== undefined) declared.regions = regions;
  const categories = portalCategories("kstartup", splitValues(str(a.supt_biz_clsfc)));
  if (categories.length > 0) declared.categories = categories;
  return {
    itemId: id,
    url: cleanLink(str(a.detl_pg_url), SITE),
    title: title ? inlineText(title) : null,
    body: body || (title as string),
    // No creation time in the answer: the receipt start is when the call went public.
    publishedAt: parseFeedDate(str(a.pbanc_rcpt_bgng_dt)),
    outlet: str(a.pbanc_ntrp_nm)
      ? `${outlet} · ${inlineText(str(a.pbanc_ntrp_nm) as string)}`
      : outlet,
    declared: Object.keys(declared).length > 0 ? declared : null,
  };
}

export const fetchKstartup: KindFetcher<"kstartup"> = async (source, { http, key }) => {
  if (!key) throw new SourceFormatError(`no API key: set ${source.keyEnv}`);
  const outlet = source.defaults?.source ?? "K-Startup";
  return collectPages(
    source,
    async (page) => {
      const url = new URL(source.url);
      url.searchParams.set("serviceKey", decodedServiceKey(key));
      url.searchParams.set("returnType", "json");
      url.searchParams.set("page", String(page));
      url.searchParams.set("perPage", String(source.pageSize));
      if (source.openOnly) url.searchParams.set("cond[rcrt_prgs_yn::EQ]", "Y");
      const response = await http.get(url.href, { accept: "application/json" });
      if (response.status !== "ok") return { records: [], total: null };
      const { data, total } = answerOf(response.text);
      return { records: data, total };
    },
    (announcement) => itemOf(announcement, outlet),
  );
};
