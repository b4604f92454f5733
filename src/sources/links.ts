/**
 * Article links from sources, made safe and comparable: resolved against the page they were on,
 * passed through the URL gate, with tracking parameters removed so the same article reached from
 * a feed (`&call_from=rsslink`) and from a newsletter (`?utm_source=…`) is one URL.
 */
import { safeHttpUrl } from "../ingest/safe-url.ts";

const TRACKING = /^(utm_[a-z]+|call_from|fbclid|gclid|mc_cid|mc_eid|ref_src)$/i;

export function cleanLink(raw: string | null | undefined, base?: string): string | null {
  if (!raw) return null;
  const safe = safeHttpUrl(raw.trim(), base);
  if (safe === null) return null;
  const url = new URL(safe);
  let changed = false;
  for (const name of [...url.searchParams.keys()]) {
    if (TRACKING.test(name)) {
      url.searchParams.delete(name);
      changed = true;
    }
  }
  return changed ? safeHttpUrl(url.href) : safe;
}

/** True when `url` is on the source's own host or one it allows (article pages to fetch). */
export function hostAllowed(
  url: string,
  sourceUrl: string,
  allowHosts: readonly string[] = [],
): boolean {
  const host = new URL(url).hostname.toLowerCase();
  const own = new URL(sourceUrl).hostname.toLowerCase();
  const bare = (h: string) => h.replace(/^www\./, "");
  return bare(host) === bare(own) || allowHosts.some((allowed) => host === allowed);
}
