/**
 * A loopback web server for the sources tests: it serves the fixture files of
 * tests/fixtures/sources in their real formats and encodings, and every fault a real source has
 * (500, 404, a hang past the timeout, 304 after an ETag, malformed XML, a body over the size cap,
 * a redirect loop, 429 with Retry-After). Routes can be swapped while a test runs (a feed that
 * publishes an extension notice). Only 127.0.0.1 is bound; every request is recorded.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

export const FIXTURES = join(import.meta.dirname, "../fixtures/sources");

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

export interface ServedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  at: number;
}

export interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Send an ETag of the body and answer 304 to a matching If-None-Match. */
  etag?: boolean;
  /** Never answer (the client must time out). */
  hang?: boolean;
}

export interface SourceServer {
  url: string;
  requests: ServedRequest[];
  /** Replaces (or adds) the route for a path, e.g. a feed's next version. */
  route(path: string, route: Route | ((query: URLSearchParams) => Route)): void;
  requestsTo(path: string): ServedRequest[];
  close(): Promise<void>;
}

const XML = "text/xml";
const JSON_TYPE = "application/json;charset=UTF-8";

/** The routes every test server starts with. */
export function defaultRoutes(): Record<string, Route | ((query: URLSearchParams) => Route)> {
  return {
    // EUC-KR declared only in the XML prolog; the header names no charset.
    "/mss/press.xml": {
      body: fixture("mss-press.euc-kr.xml"),
      headers: { "content-type": XML },
      etag: true,
    },
    // The same bytes with the charset only in the header and the prolog stripped.
    "/mss/press-header.xml": {
      body: Buffer.from(
        fixture("mss-press.euc-kr.xml")
          .toString("latin1")
          .replace(/<\?xml[^>]*\?>/, ""),
        "latin1",
      ),
      headers: { "content-type": "application/rss+xml; charset=EUC-KR" },
    },
    "/goyang/atom.xml": {
      body: fixture("regional-atom.xml"),
      headers: { "content-type": "application/atom+xml; charset=utf-8" },
      etag: true,
    },
    "/mss/notices.rdf": {
      body: fixture("mss-notices.rdf"),
      headers: { "content-type": "application/rdf+xml" },
    },
    "/uss/rss/bizinfoApi.do": (query) =>
      query.get("crtfcKey") === "test-biz-key"
        ? { body: fixture("bizinfo-page1.json"), headers: { "content-type": JSON_TYPE } }
        : {
            body: '{"reqErr":"인증키가 유효하지 않습니다."}',
            headers: { "content-type": JSON_TYPE },
          },
    "/B552735/kisedKstartupService01/getAnnouncementInformation01": (query) =>
      query.get("serviceKey") === "test/ks+key=="
        ? { body: fixture("kstartup-page1.json"), headers: { "content-type": JSON_TYPE } }
        : {
            status: 200,
            body: "<OpenAPI_ServiceResponse><cmmMsgHeader><errMsg>SERVICE ERROR</errMsg><returnAuthMsg>SERVICE_KEY_IS_NOT_REGISTERED_ERROR</returnAuthMsg></cmmMsgHeader></OpenAPI_ServiceResponse>",
            headers: { "content-type": "text/xml;charset=UTF-8" },
          },
    "/news/list.html": {
      body: fixture("list.html"),
      headers: { "content-type": "text/html" },
      etag: true,
    },
    "/news/articleView.html": (query) =>
      query.get("idxno") === "2001"
        ? {
            body: fixture("article-2001.html"),
            headers: { "content-type": "text/html; charset=utf-8" },
          }
        : query.get("idxno") === "5001"
          ? {
              body: fixture("article-5001.html"),
              headers: { "content-type": "text/html; charset=utf-8" },
            }
          : query.get("idxno") === "5002"
            ? {
                body: fixture("article-5002.euc-kr.html"),
                headers: { "content-type": "text/html" },
              }
            : { status: 404, body: "not found" },
    "/site/smba/ex/bbs/View.do": { status: 404, body: "no such page" },
    "/fault/500.xml": { status: 500, body: "Internal Server Error" },
    "/fault/404.xml": { status: 404, body: "Not Found" },
    "/fault/slow.xml": { hang: true },
    "/fault/malformed.xml": {
      body: '<?xml version="1.0"?><rss version="2.0"><channel><title>깨진 피드</title><item><title>닫히지 않은',
      headers: { "content-type": XML },
    },
    "/fault/huge.xml": {
      body: Buffer.alloc(6 * 1024 * 1024, 0x20),
      headers: { "content-type": XML },
    },
    "/fault/loop.xml": { status: 302, headers: { location: "/fault/loop2.xml" } },
    "/fault/loop2.xml": { status: 301, headers: { location: "/fault/loop.xml" } },
    "/fault/429.xml": { status: 429, headers: { "retry-after": "120" }, body: "slow down" },
  };
}

function send(res: ServerResponse, route: Route, ifNoneMatch: string | undefined): void {
  if (route.hang) return; // the socket stays open until the client gives up or the server closes
  const body = route.body === undefined ? Buffer.alloc(0) : Buffer.from(route.body);
  const headers: Record<string, string> = { ...route.headers };
  if (route.etag) {
    const etag = `"${createHash("sha1").update(body).digest("hex").slice(0, 16)}"`;
    headers.etag = etag;
    if (ifNoneMatch === etag) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
  }
  res.writeHead(route.status ?? 200, { "content-length": String(body.byteLength), ...headers });
  res.end(body);
}

export async function startSourceServer(): Promise<SourceServer> {
  const routes = new Map(Object.entries(defaultRoutes()));
  const requests: ServedRequest[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push({ path: url.pathname + url.search, headers: req.headers, at: Date.now() });
    const found = routes.get(url.pathname);
    if (!found) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("no route");
      return;
    }
    const route = typeof found === "function" ? found(url.searchParams) : found;
    const header = req.headers["if-none-match"];
    send(res, route, Array.isArray(header) ? header[0] : header);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (path, route) => routes.set(path, route),
    requestsTo: (path) => requests.filter((r) => r.path.split("?")[0] === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
