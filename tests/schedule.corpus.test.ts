/**
 * Open-ended and dated applications on real public notices. The records are read from the
 * shared corpus at test time and picked by what their own text says; nothing of them is copied
 * into the repository. Skipped when the corpus is not on this machine.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractSchedule } from "../src/extract/schedule.ts";
import type { ApplicationStatus } from "../src/types.ts";

const CORPUS = process.env.JIWON_CORPUS ?? "/work/shared/corpus";
const present = existsSync(join(CORPUS, "bizinfo-2021.jsonl"));

interface CorpusRecord {
  id: string;
  title: string | null;
  publishedAt: string | null;
  body: string;
}

function load(file: string): CorpusRecord[] {
  return readFileSync(join(CORPUS, file), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as CorpusRecord);
}

function schedule(r: CorpusRecord, text = r.body) {
  return extractSchedule(text, { publishedAt: r.publishedAt });
}

/** The record's listed period, as written after "신청기간: ". */
function periodLine(r: CorpusRecord): string | null {
  return /^신청기간: ?(.*)$/m.exec(r.body)?.[1] ?? null;
}

function withoutPeriodLine(r: CorpusRecord): string {
  return r.body.replace(/^신청기간: ?.*$/m, "");
}

describe.skipIf(!present)("bizinfo 2021 records, read with their 신청기간 line", () => {
  const records = present ? load("bizinfo-2021.jsonl") : [];

  it.each<[string, ApplicationStatus]>([
    ["상시 접수", "rolling"],
    ["상시 모집", "rolling"],
    ["연중 상시", "rolling"],
    ["예산 소진시까지", "until-budget"],
    ["추후 공지", "tba"],
    ["세부사업별 상이", "varies"],
    ["사업별 상이", "varies"],
    ["선착순 접수", "first-come"],
    ["모집 완료시까지", "first-come"],
  ])("every record whose period says %s is %s", (line, status) => {
    const picked = records.filter((r) => periodLine(r) === line);
    expect(picked.length).toBeGreaterThan(3);
    const wrong = picked.filter((r) => schedule(r).application.status !== status).map((r) => r.id);
    expect(wrong).toEqual([]);
  });

  it("reads every dated period's end", () => {
    const picked = records
      .map((r) => ({
        r,
        m: /^(\d{4})(\d{2})(\d{2}) ~ (\d{4})(\d{2})(\d{2})$/.exec(periodLine(r) ?? ""),
      }))
      .filter((x) => x.m !== null);
    expect(picked.length).toBeGreaterThan(100);
    const wrong = picked
      .filter(({ r, m }) => {
        const a = schedule(r).application;
        return a.status !== "dated" || a.end !== `${m?.[4]}-${m?.[5]}-${m?.[6]}`;
      })
      .map(({ r }) => r.id);
    expect(wrong).toEqual([]);
  });
});

describe.skipIf(!present)("records read without their 신청기간 line", () => {
  const records = present
    ? [...load("bizinfo-2021.jsonl"), ...load("support-calls-2026.jsonl")]
    : [];

  it("still find a standing call named in the title (상시모집 공고)", () => {
    const picked = records.filter(
      (r) => /상시\s*모집\s*공고/.test(r.title ?? "") && /상시/.test(periodLine(r) ?? ""),
    );
    expect(picked.length).toBeGreaterThan(3);
    for (const r of picked)
      expect(schedule(r, withoutPeriodLine(r)).application.status, r.id).toBe("rolling");
  });

  it("never give an end date that contradicts the listed one", () => {
    const contradictions = records.filter((r) => {
      const line = periodLine(r);
      if (line === null) return false;
      const end = schedule(r, withoutPeriodLine(r)).application.end;
      if (end === null) return false;
      const listed = /(\d{4})[-.]?(\d{2})[-.]?(\d{2})\s*$/.exec(line);
      return !listed || end !== `${listed[1]}-${listed[2]}-${listed[3]}`;
    });
    expect(contradictions.map((r) => r.id)).toEqual([]);
  });
});

describe.skipIf(!present)("bizinfo 2026 notices (full 공고문 text)", () => {
  const records = present ? load("bizinfo-notices-2026.jsonl") : [];
  const text = (r: CorpusRecord) => `${r.title ?? ""}\n${r.body}`;
  const LABEL = "(?:신청|접수|모집)\\s*기간\\s*\\)?\\s*[:：]?\\s*";
  const ROLLING = new RegExp(`${LABEL}(?:연중\\s*)?상시`);
  const BUDGET = new RegExp(`${LABEL}[^\\n~]{0,30}~\\s*[^\\n]{0,12}?(?:예산|자금)\\s*소진`);
  const DATED = new RegExp(
    `${LABEL}(\\d{4})\\.\\s*(\\d{1,2})\\.\\s*(\\d{1,2})\\.?\\s*(?:\\([^)]*\\))?\\s*[~∼～]\\s*(?:(\\d{4})\\.\\s*)?(\\d{1,2})\\.\\s*(\\d{1,2})`,
  );

  it("reads 상시 under a period label as rolling", () => {
    const picked = records.filter((r) => ROLLING.test(r.body));
    expect(picked.length).toBeGreaterThan(5);
    const wrong = picked
      .filter((r) => schedule(r, text(r)).application.status !== "rolling")
      .map((r) => r.id);
    // One notice first announces its period as 별도 공고 (tba) before the 상시 line.
    expect(wrong.length).toBeLessThanOrEqual(1);
  });

  /** "~ 예산소진시까지(종료일: 2026.11.30.)": an open period with a hard stop. */
  const HARD_STOP = /소진\s*시?\s*까지\s*\(\s*종료일\s*[:：]\s*(\d{4})\.\s*(\d{1,2})\.\s*(\d{1,2})/;

  it("reads '<start> ~ 예산 소진 시까지' as until-budget with its start", () => {
    const picked = records.filter(
      (r) => BUDGET.test(r.body) && !ROLLING.test(r.body) && !HARD_STOP.test(r.body),
    );
    expect(picked.length).toBeGreaterThan(10);
    for (const r of picked) {
      const a = schedule(r, text(r)).application;
      expect(a.status, r.id).toBe("until-budget");
      expect(a.start, r.id).not.toBeNull();
      expect(a.end, r.id).toBeNull();
    }
  });

  it("dates '<start> ~ 예산 소진 시까지 (종료일: …)' with its hard stop", () => {
    const picked = records.filter((r) => BUDGET.test(r.body) && HARD_STOP.test(r.body));
    expect(picked.length).toBeGreaterThan(3);
    for (const r of picked) {
      const m = HARD_STOP.exec(r.body);
      const stop = `${m?.[1]}-${m?.[2]?.padStart(2, "0")}-${m?.[3]?.padStart(2, "0")}`;
      const a = schedule(r, text(r)).application;
      expect(a.status, r.id).toBe("dated");
      expect(a.start, r.id).not.toBeNull();
      expect(a.end, r.id).toBe(stop);
    }
  });

  it("reads a labelled dated period's end, and never another", () => {
    const picked = records
      .filter((r) => !ROLLING.test(r.body) && !BUDGET.test(r.body))
      .map((r) => ({ r, m: DATED.exec(r.body) }))
      .filter((x) => x.m !== null);
    expect(picked.length).toBeGreaterThan(30);
    const right = picked.filter(({ r, m }) => {
      const end = `${m?.[4] ?? m?.[1]}-${m?.[5]?.padStart(2, "0")}-${m?.[6]?.padStart(2, "0")}`;
      return schedule(r, text(r)).application.end === end;
    });
    expect(right.length / picked.length).toBeGreaterThan(0.95);
  });
});

describe.skipIf(!present)("나주시 press releases", () => {
  const records = present ? load("naju-press-2025.jsonl") : [];

  it("announce no deadline: they report what happened", () => {
    const withDeadline = records.filter(
      (r) => schedule(r, `${r.title}\n${r.body}`).application.end !== null,
    );
    expect(withDeadline.map((r) => r.id)).toEqual([]);
  });

  it("report past events on or before their publication date", () => {
    for (const r of records) {
      const published = (r.publishedAt ?? "").slice(0, 10);
      for (const e of schedule(r, `${r.title}\n${r.body}`).events) {
        if (/지난|열렸|개최했|열었|가졌|진행했/.test(e.text))
          expect(e.start <= published, `${r.id}: ${e.text}`).toBe(true);
      }
    }
  });
});
