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
import {
  JOINING_PARTICLES,
  PARTICLES_SCHEMA,
  PLACE_PARTICLES,
  stripParticles,
} from "../src/analysis/particles.ts";
import { dataFile, loadDataFile, regexFragment } from "../src/data/load-data-file.ts";
import { CATEGORIES } from "../src/extract/category-lexicon.ts";
import { extractRegions } from "../src/extract/regions.ts";
import { OPEN_ENDED_FIRST_CHARS, OPEN_ENDED_PHRASES } from "../src/extract/schedule-cues.ts";
import { categoryColour, categoryColourIds, PALETTE } from "../src/present/palette.ts";

const LEXICONS = new URL("../src/extract/lexicons/", import.meta.url);
const ANALYSIS_LEXICONS = new URL("../src/analysis/lexicons/", import.meta.url);

function scratch(name: string, content: string): URL {
  const dir = mkdtempSync(join(tmpdir(), "jiwon-lexicon-"));
  const path = join(dir, name);
  writeFileSync(path, content);
  return pathToFileURL(path);
}

describe("lexicon data files", () => {
  it("every file in src/extract/lexicons and src/analysis/lexicons names its source", () => {
    const files = [LEXICONS, ANALYSIS_LEXICONS].flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .map((f) => new URL(f, dir)),
    );
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const json = JSON.parse(readFileSync(file, "utf8")) as {
        source?: unknown;
      };
      expect(typeof json.source, file.pathname).toBe("string");
      expect((json.source as string).length, file.pathname).toBeGreaterThan(20);
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

  it("every category has its colour in the palette, and no colour is kept for a category that is gone", () => {
    expect(categoryColourIds().sort()).toEqual(CATEGORIES.map((c) => c.id).sort());
    expect(categoryColour("seminar")).toBe(0x3b82f6);
    expect(categoryColour("no-such-category")).toBe(PALETTE.neutral);
    expect(categoryColour(undefined)).toBe(PALETTE.neutral);
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

describe("the one particle list (src/analysis/lexicons/particles.json)", () => {
  it("gives the stemmer particles and endings, but not the particles it never strips", () => {
    expect(stripParticles("설명회를")).toBe("설명회");
    expect(stripParticles("개최한다고")).toBe("개최");
    expect(stripParticles("소상공인들의")).toBe("소상공인");
    // 나 is a particle (광주나 전남) but ends too many words to be stripped.
    expect(stripParticles("아시아나")).toBe("아시아나");
    expect(stripParticles("고양시만큼")).toBe("고양시만큼");
  });

  it("gives the region reader the particles a place name takes, and no verb endings", () => {
    expect(PLACE_PARTICLES.has("에서")).toBe(true);
    expect(PLACE_PARTICLES.has("만큼")).toBe(true);
    expect(PLACE_PARTICLES.has("들의")).toBe(false);
    expect(PLACE_PARTICLES.has("한다")).toBe(false);
    for (const word of JOINING_PARTICLES) expect(PLACE_PARTICLES.has(word), word).toBe(true);
    expect(extractRegions("평택에서 열린다").codes).toEqual(["31070"]);
    expect(extractRegions("고양시만큼 큰 도시").codes).toEqual(["31100"]);
    expect(extractRegions("서울과 경기").codes).toEqual(["11", "31"]);
  });

  it("refuses an exception that is not a particle, or an ending that is one", () => {
    const base = {
      source: "test",
      particles: { note: "n", words: ["은", "는", "와"] },
      notStripped: { note: "n", words: ["은"] },
      notAfterPlaces: { note: "n", words: ["는"] },
      endings: { note: "n", words: ["한다"] },
      joining: { note: "n", words: ["와"] },
    };
    expect(PARTICLES_SCHEMA.safeParse(base).success).toBe(true);
    const load = (data: unknown) => () =>
      loadDataFile(scratch("particles.json", JSON.stringify(data)), PARTICLES_SCHEMA);
    expect(load({ ...base, notStripped: { note: "n", words: ["까지"] } })).toThrow(
      /particles\.json[\s\S]*까지 is not among the particles/,
    );
    expect(load({ ...base, joining: { note: "n", words: ["는"] } })).toThrow(
      /never follows a place/,
    );
    expect(load({ ...base, endings: { note: "n", words: ["은"] } })).toThrow(/is a particle too/);
    expect(load({ ...base, endings: { note: "n", words: ["한다", "한다"] } })).toThrow(/twice/);
    expect(load({ ...base, endings: { note: "n", words: ["ha"] } })).toThrow(/Hangul/);
  });
});
