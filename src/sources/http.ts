/**
 * The polite HTTP client every fetcher uses: one request at a time per host with a minimum gap
 * between them, a User-Agent naming jiwon and a contact URL, a timeout per request, a size cap
 * per response (after decompression), at most a few redirects (each target through the URL
 * gate), conditional requests with the ETag / Last-Modified remembered per URL, and failures
 * typed so the scheduler can back off (timeouts, 5xx, network) or wait (429 Retry-After).
 * Bodies are read as bytes and decoded by charset.ts, never with `response.text()`.
 */

import { parseHttpUrl } from "../ingest/safe-url.ts";
import type { Validators } from "../state/articles.ts";
import type { Clock } from "../types.ts";
import { decodeBody } from "./charset.ts";

export const DEFAULT_HTTP = {
  timeoutMs: 15_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  gapMs: 2_000,
} as const;

/** Retry-After beyond this is treated as this: a typo on a server must not silence a source. */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000;

export type FailureKind =
  | "timeout"
  | "network"
  | "http"
  | "rate-limited"
  | "too-large"
  | "redirects"
  | "bad-url";

export class FetchFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status: number | null = null,
    /** From a 429's Retry-After, in milliseconds. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = "FetchFailure";
  }
}

export interface ValidatorStore {
  validators(url: string): Validators | null;
  saveValidators(url: string, validators: Validators, at: string): void;
}

export interface HttpOptions {
  userAgent: string;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Minimum time between the end of one request to a host and the start of the next. */
  gapMs?: number;
  validators?: ValidatorStore;
  clock?: Clock;
  /** Strings never to show in an error or key (API keys). */
  secrets?: () => readonly string[];
}

export interface Fetched {
  status: "ok";
  /** The URL the body came from, after redirects. */
  url: string;
  text: string;
  charset: string;
  contentType: string | null;
  bytes: number;
  /**
   * Remembers this response's validators for the next conditional request. Call it once the body
   * has been used (stored): remembering them earlier would turn a failed store into a 304 forever.
   */
  remember(): void;
}

export interface NotModified {
  status: "not-modified";
  url: string;
}

export interface GetOptions {
  accept?: string;
  /** Send If-None-Match / If-Modified-Since from the last response (feeds, list pages). */
  conditional?: boolean;
}

export interface HttpClient {
  get(url: string, options?: GetOptions): Promise<Fetched | NotModified>;
  /** `url` with secrets and key parameters masked, for messages and logs. */
  redact(url: string): string;
}

const KEY_PARAMS = /^(crtfckey|servicekey|apikey|api_key|key|token|access_token)$/i;

/** Serialises requests per host and keeps the minimum gap between them. */
export class HostGate {
  readonly #chains = new Map<string, Promise<unknown>>();
  readonly #lastEnd = new Map<string, number>();

  constructor(readonly gapMs: number) {}

  run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#chains.get(host) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const wait = (this.#lastEnd.get(host) ?? 0) + this.gapMs - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        try {
          return await task();
        } finally {
          this.#lastEnd.set(host, Date.now());
        }
      });
    this.#chains.set(host, next);
    // Forget a finished chain so the map does not grow with every host ever seen.
    void next.then(
      () => this.#chains.get(host) === next && this.#chains.delete(host),
      () => this.#chains.get(host) === next && this.#chains.delete(host),
    );
    return next;
  }
}

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date); null when absent. */
export function retryAfterMs(value: string | null, now: Date): number | null {
  if (value === null || value.trim() === "") return null;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now.getTime();
  if (Number.isNaN(ms)) return null;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new FetchFailure(
      "too-large",
      `${url}: response of ${declared} bytes is over the ${maxBytes}-byte cap`,
    );
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new FetchFailure("too-large", `${url}: response is over the ${maxBytes}-byte cap`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export function createHttpClient(options: HttpOptions): HttpClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_HTTP.timeoutMs;
  const maxBytes = options.maxBytes ?? DEFAULT_HTTP.maxBytes;
  const maxRedirects = options.maxRedirects ?? DEFAULT_HTTP.maxRedirects;
  const gate = new HostGate(options.gapMs ?? DEFAULT_HTTP.gapMs);
  const clock = options.clock ?? (() => new Date());

  /** Masks key parameters in every URL of `text`, and the known secrets anywhere. */
  function redact(text: string): string {
    let masked = text.replace(/https?:\/\/[^\s"'<>]+/g, (found) => {
      const trailing = found.match(/[:;,.)]+$/)?.[0] ?? "";
      const url = trailing ? found.slice(0, -trailing.length) : found;
      try {
        const parsed = new URL(url);
        let changed = false;
        for (const name of [...parsed.searchParams.keys()]) {
          if (KEY_PARAMS.test(name)) {
            parsed.searchParams.set(name, "***");
            changed = true;
          }
        }
        return (changed ? parsed.href.replace(/=\*\*\*|=%2A%2A%2A/g, "=***") : url) + trailing;
      } catch {
        return found;
      }
    });
    for (const secret of options.secrets?.() ?? []) {
      if (secret.length >= 4) {
        masked = masked.split(secret).join("***").split(encodeURIComponent(secret)).join("***");
      }
    }
    return masked;
  }

  async function request(url: string, headers: Record<string, string>): Promise<Response> {
    const host = new URL(url).host;
    return gate.run(host, async () => {
      try {
        return await fetch(url, {
          headers,
          redirect: "manual",
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const name = (error as Error).name;
        if (name === "TimeoutError" || name === "AbortError") {
          throw new FetchFailure("timeout", `${redact(url)}: no answer within ${timeoutMs} ms`);
        }
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const why = cause?.code ?? cause?.message ?? (error as Error).message;
        throw new FetchFailure("network", `${redact(url)}: ${why}`);
      }
    });
  }

  async function get(url: string, getOptions: GetOptions = {}): Promise<Fetched | NotModified> {
    const start = parseHttpUrl(url);
    if (!start.ok) throw new FetchFailure("bad-url", `${redact(url)}: ${start.reason}`);
    const key = redact(start.url);
    const known = getOptions.conditional ? options.validators?.validators(key) : null;
    const headers: Record<string, string> = {
      "user-agent": options.userAgent,
      accept: getOptions.accept ?? "*/*",
      "accept-language": "ko-KR,ko;q=0.9,en;q=0.5",
    };
    if (known?.etag) headers["if-none-match"] = known.etag;
    if (known?.lastModified) headers["if-modified-since"] = known.lastModified;

    let current = start.url;
    for (let hop = 0; ; hop++) {
      const response = await request(current, headers);
      const status = response.status;
      if (status >= 300 && status < 400 && status !== 304) {
        await response.body?.cancel();
        const location = response.headers.get("location");
        if (hop >= maxRedirects) {
          throw new FetchFailure(
            "redirects",
            `${redact(start.url)}: more than ${maxRedirects} redirects`,
            status,
          );
        }
        const next = location === null ? null : parseHttpUrl(location, current);
        if (!next?.ok) {
          throw new FetchFailure(
            "bad-url",
            `${redact(current)}: redirect ${status} to an unusable location${next ? ` (${next.reason})` : ""}`,
            status,
          );
        }
        current = next.url;
        continue;
      }
      if (status === 304) {
        await response.body?.cancel();
        if (known) return { status: "not-modified", url: current };
        throw new FetchFailure("http", `${redact(current)}: 304 to an unconditional request`, 304);
      }
      if (status === 429) {
        await response.body?.cancel();
        const wait = retryAfterMs(response.headers.get("retry-after"), clock());
        throw new FetchFailure(
          "rate-limited",
          `${redact(current)}: 429 Too Many Requests${wait !== null ? ` (retry after ${Math.ceil(wait / 1000)} s)` : ""}`,
          429,
          wait,
        );
      }
      if (status < 200 || status >= 300) {
        await response.body?.cancel();
        const reason = response.statusText ? ` ${response.statusText}` : "";
        throw new FetchFailure("http", `${redact(current)}: HTTP ${status}${reason}`, status);
      }
      let bytes: Uint8Array;
      try {
        bytes = await readCapped(response, maxBytes, redact(current));
      } catch (error) {
        if (error instanceof FetchFailure) throw error;
        const name = (error as Error).name;
        if (name === "TimeoutError" || name === "AbortError") {
          throw new FetchFailure(
            "timeout",
            `${redact(current)}: body not received within ${timeoutMs} ms`,
          );
        }
        throw new FetchFailure("network", `${redact(current)}: ${(error as Error).message}`);
      }
      const contentType = response.headers.get("content-type");
      const decoded = decodeBody(bytes, contentType);
      const validators: Validators = {
        etag: response.headers.get("etag"),
        lastModified: response.headers.get("last-modified"),
      };
      return {
        status: "ok",
        url: current,
        text: decoded.text,
        charset: decoded.charset,
        contentType,
        bytes: bytes.byteLength,
        remember: () => {
          if (getOptions.conditional) {
            options.validators?.saveValidators(key, validators, clock().toISOString());
          }
        },
      };
    }
  }

  return { get, redact };
}

/** `jiwon/0.1 (+https://contact.example)`: who is fetching and how to reach them. */
export function userAgent(contactUrl: string | null): string {
  return contactUrl ? `jiwon/0.1 (+${contactUrl})` : "jiwon/0.1 (Korean support-news bot)";
}
