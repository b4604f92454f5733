import { describe, expect, it } from "vitest";
import { isSafeHttpUrl, parseHttpUrl, safeHttpUrl } from "../src/ingest/safe-url.ts";

describe("parseHttpUrl", () => {
  it("percent-encodes everything that could end or reshape a markdown link", () => {
    const smuggled = "https://e.example/y)[로그인하기](https://phish.example/login)";
    const url = safeHttpUrl(smuggled);
    expect(url).not.toBeNull();
    expect(url).not.toMatch(/[()[\]<> ]/);
    expect(new URL(url as string).hostname).toBe("e.example");
    expect(decodeURIComponent(new URL(url as string).pathname)).toBe(
      "/y)[로그인하기](https://phish.example/login)",
    );
  });

  it("encodes spaces, angle brackets and quotes", () => {
    expect(safeHttpUrl("https://e.example/a b>c'd\"e`f|g")).toBe(
      "https://e.example/a%20b%3Ec%27d%22e%60f%7Cg",
    );
  });

  it("refuses other schemes, credentials, relative URLs without a base and garbage", () => {
    expect(parseHttpUrl("javascript:alert(1)")).toMatchObject({ ok: false });
    expect(parseHttpUrl("ftp://e.example/file")).toMatchObject({ ok: false });
    expect(parseHttpUrl("https://bank.example@phish.example/")).toEqual({
      ok: false,
      reason: "URL carries credentials",
    });
    expect(parseHttpUrl("/news/1")).toMatchObject({ ok: false });
    expect(parseHttpUrl("")).toEqual({ ok: false, reason: "empty URL" });
    expect(parseHttpUrl(`https://e.example/${"a".repeat(3000)}`)).toMatchObject({ ok: false });
  });

  it("resolves relative links against a base", () => {
    expect(safeHttpUrl("../view.do?id=7&x=(1)", "https://www.e.example/board/list.do")).toBe(
      "https://www.e.example/view.do?id=7&x=%281%29",
    );
  });

  it("is idempotent: a safe URL stays as it is", () => {
    for (const raw of [
      "https://e.example/y)[x](https://p.example)",
      "http://e.example/경기 소식?q=관세&p=1#top",
      "https://E.EXAMPLE:443/a/../b",
    ]) {
      const once = safeHttpUrl(raw) as string;
      expect(safeHttpUrl(once)).toBe(once);
      expect(isSafeHttpUrl(once)).toBe(true);
    }
    expect(isSafeHttpUrl("https://e.example/a b")).toBe(false);
  });
});
