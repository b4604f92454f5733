/**
 * The lexicons of src/extract are data files: each says where it comes from, loads through
 * zod at start, and a broken edit fails with the file's path and what is wrong.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { dataFile, loadDataFile, regexFragment } from "../src/data/load-data-file.ts";
import { CATEGORIES } from "../src/extract/category-lexicon.ts";
import { OPEN_ENDED_FIRST_CHARS, OPEN_ENDED_PHRASES } from "../src/extract/schedule-cues.ts";

const LEXICONS = new URL("../src/extract/lexicons/", import.meta.url);

function scratch(name: string, content: string): URL {
  const dir = mkdtempSync(join(tmpdir(), "jiwon-lexicon-"));
  const path = join(dir, name);
  writeFileSync(path, content);
  return pathToFileURL(path);
}

describe("lexicon data files", () => {
  it("every file in src/extract/lexicons names its source", () => {
    const files = readdirSync(LEXICONS).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const json = JSON.parse(readFileSync(new URL(file, LEXICONS), "utf8")) as {
        source?: unknown;
      };
      expect(typeof json.source, file).toBe("string");
      expect((json.source as string).length, file).toBeGreaterThan(20);
    }
  });

  it("a file without its source, with a wrong type or a broken pattern is refused with its path", () => {
    const schema = dataFile({ words: z.array(z.string()), pattern: regexFragment });
    const noSource = scratch("a.json", JSON.stringify({ words: ["접수"], pattern: "마감" }));
    expect(() => loadDataFile(noSource, schema)).toThrow(/a\.json[\s\S]*source/);
    const badType = scratch("b.json", JSON.stringify({ source: "x", words: "접수", pattern: "a" }));
    expect(() => loadDataFile(badType, schema)).toThrow(/b\.json[\s\S]*words/);
    const badPattern = scratch(
      "c.json",
      JSON.stringify({ source: "x", words: [], pattern: "(?:" }),
    );
    expect(() => loadDataFile(badPattern, schema)).toThrow(/c\.json[\s\S]*regular expression/);
    const unknownKey = scratch(
      "d.json",
      JSON.stringify({ source: "x", words: [], pattern: "a", w: 1 }),
    );
    expect(() => loadDataFile(unknownKey, schema)).toThrow(/d\.json/);
    const notJson = scratch("e.json", "{ source: 'x' ");
    expect(() => loadDataFile(notJson, schema)).toThrow(/e\.json/);
  });

  it("categories keep their colours as numbers", () => {
    expect(CATEGORIES.find((c) => c.id === "seminar")?.color).toBe(0x3b82f6);
  });

  it("the open-ended prefilter lists the first character of every phrase it must let through", () => {
    const samples = [
      "예산 소진 시까지",
      "사업비 소진시 마감",
      "소진 시까지",
      "자금 소진 시 종료",
      "보증한도 소진 시까지",
      "지원금 소진시",
      "재원 소진 시",
      "한도 소진 시까지",
      "선착순 30개사",
      "모집 완료 시까지",
      "신청 마감 시까지",
      "접수 인원 충족 시까지",
      "인원 초과 시 조기 마감",
      "정원 도달 시 마감",
      "연중 상시 접수",
      "상시 모집",
      "수시 접수",
      "(상시)",
      "（수시）",
      "추후 공지",
      "별도 안내",
      "향후 공고",
      "차후 통보",
      "세부사업별 상이",
    ];
    for (const sample of samples) {
      const phrase = OPEN_ENDED_PHRASES.find((p) => new RegExp(p.pattern).test(sample));
      expect(phrase, sample).toBeDefined();
    }
    for (const phrase of OPEN_ENDED_PHRASES) {
      const re = new RegExp(phrase.pattern, "g");
      for (const sample of samples) {
        for (const m of sample.matchAll(re)) {
          expect(OPEN_ENDED_FIRST_CHARS, `${phrase.status}: ${m[0]}`).toContain(m[0][0]);
        }
      }
    }
  });
});
