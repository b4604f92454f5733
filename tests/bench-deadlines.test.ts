import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_DIR, loadRealArticles } from "../bench/corpus.ts";
import { drawGoldSample, GOLD_SIZE, loadGold } from "../bench/deadline-gold.ts";
import {
  addToTally,
  emptyTally,
  figures,
  periodLineTruth,
  REASONS,
  reasonOf,
  verdictOf,
  withoutPeriodLine,
} from "../bench/deadline-score.ts";
import type { Application } from "../src/types.ts";

function app(status: Application["status"], end: string | null = null): Application {
  return { status, start: null, end, text: "", firstCome: false };
}

describe("the 신청기간 line as truth", () => {
  it.each([
    ["2026-03-02 ~ 2026-03-20", { status: "dated", end: "2026-03-20" }],
    ["~ 2026.04.30", { status: "dated", end: "2026-04-30" }],
    ["20210301 ~ 20210331", { status: "dated", end: "2021-03-31" }],
    ["예산 소진시까지", { status: "until-budget", end: null }],
    ["2026년 1월 ~ 예산 소진시까지", { status: "until-budget", end: null }],
    ["상시 접수", { status: "rolling", end: null }],
    ["연중 수시", { status: "rolling", end: null }],
    ["선착순 마감", { status: "first-come", end: null }],
    ["모집 완료시까지", { status: "first-come", end: null }],
    ["추후 공지", { status: "tba", end: null }],
    ["세부사업별 상이", { status: "varies", end: null }],
  ])("reads %s", (line, truth) => {
    expect(periodLineTruth(line)).toEqual(truth);
  });

  it.each(["종료", "D-7", "매월 10일까지", "방문 3일전까지", "오늘 마감"])(
    "judges nothing for %s",
    (line) => {
      expect(periodLineTruth(line)).toBeNull();
    },
  );

  it("removes the line and the blank line it leaves", () => {
    const body = "주관: 중소벤처기업부\n신청기간: 상시 접수\n\n대상: 소상공인";
    expect(withoutPeriodLine(body)).toBe("주관: 중소벤처기업부\n대상: 소상공인");
  });
});

describe("verdicts", () => {
  const dated = { status: "dated", end: "2026-05-08" } as const;
  const budget = { status: "until-budget", end: null } as const;

  it("takes an end as right only when it is the truth's", () => {
    expect(verdictOf(dated, app("dated", "2026-05-08"))).toBe("right");
    expect(verdictOf(dated, app("dated", "2025-05-08"))).toBe("wrong-end");
  });

  it("takes a status-only truth as right only with the same status and no invented end", () => {
    expect(verdictOf(budget, app("until-budget"))).toBe("right");
    expect(verdictOf(budget, app("rolling"))).toBe("wrong-status");
    expect(verdictOf(budget, app("until-budget", "2026-11-30"))).toBe("wrong-end");
    expect(verdictOf(budget, app("none"))).toBe("missed");
  });

  it("counts an open status on a dated truth as wrong, silence as missed", () => {
    expect(verdictOf(dated, app("rolling"))).toBe("wrong-status");
    expect(verdictOf(dated, app("none"))).toBe("missed");
    expect(verdictOf(dated, { status: "dated", end: null })).toBe("missed");
  });

  it("scores precision over answers and recall over findable truths", () => {
    const t = emptyTally();
    addToTally(t, dated, app("dated", "2026-05-08")); // right
    addToTally(t, dated, app("dated", "2026-04-22")); // wrong end
    addToTally(t, budget, app("until-budget")); // right
    addToTally(t, budget, app("none")); // missed
    addToTally(t, { status: "none", end: null }, app("none")); // silent and right, not findable
    addToTally(t, { status: "none", end: null }, app("dated", "2026-01-01")); // invented
    const f = figures(t);
    expect(f.precision).toMatchObject({ n: 2, d: 4 });
    expect(f.recall).toMatchObject({ n: 2, d: 4 });
    expect(f.endPrecision).toMatchObject({ n: 1, d: 3 });
    expect(f.endRecall).toMatchObject({ n: 1, d: 2 });
    expect(f.endOnOpen).toBe(1);
    expect(f.statusAccuracy).toMatchObject({ n: 4, d: 6 });
  });
});

describe("reasons for a wrong end", () => {
  const truth = { status: "dated", end: "2026-10-03" } as const;

  it("names a wrong year before anything else", () => {
    expect(reasonOf(truth, "2025-10-03", "2차 신청은 10월 3일까지")).toBe(REASONS.year);
  });

  it("uses the gold's decoys when the prediction is one", () => {
    const decoys = [
      { date: "2026-12-31", kind: "사업기간" },
      { date: "2026-09-20", kind: "당초 마감" },
    ];
    expect(reasonOf(truth, "2026-12-31", "", decoys)).toBe(`${REASONS.period} (사업기간)`);
    expect(reasonOf(truth, "2026-09-20", "", decoys)).toBe(`${REASONS.extension} (당초 마감)`);
  });

  it("names one programme's end on a varies notice", () => {
    const varies = { status: "varies", end: null } as const;
    expect(reasonOf(varies, "2026-06-24", "", [{ date: "2026-06-24", kind: "Czech track" }])).toBe(
      `${REASONS.programme} (Czech track)`,
    );
    expect(reasonOf(varies, "2026-06-24", "")).toBe(REASONS.programme);
  });

  it("reads the evidence for the other classes", () => {
    expect(reasonOf(truth, "2026-09-20", "접수기간 연장: 9.20 → 10.3")).toBe(REASONS.extension);
    expect(reasonOf(truth, "2026-12-31", "협약기간: 협약일 ~ 2026.12.31.")).toBe(REASONS.period);
    expect(reasonOf(truth, "2026-05-08", "| 신청접수 | 4.22~5.8 |")).toBe(REASONS.table);
    expect(reasonOf(truth, "2026-09-30", "9월 중 접수 예정")).toBe(REASONS.month);
    expect(reasonOf(truth, "2026-09-08", "다음 주 화요일까지 신청")).toBe(REASONS.relative);
    expect(reasonOf({ status: "rolling", end: null }, "2026-09-08", "")).toBe(REASONS.invented);
    expect(reasonOf(truth, "2026-09-08", "신청 마감")).toBe(REASONS.earlier);
  });
});

describe("the gold file's shape", () => {
  const dir = mkdtempSync(join(tmpdir(), "jiwon-gold-"));
  const write = (notices: unknown[]) => {
    const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify({ description: "test", notices }));
    return path;
  };
  const notice = {
    id: "a",
    status: "dated",
    start: "2026-04-22",
    end: "2026-05-08",
    events: [{ what: "설명회", start: "2026-04-25", end: null }],
    decoys: [{ date: "2026-12-31", kind: "사업기간" }],
    note: "접수 기간 표의 신청접수 행",
  };

  it("loads a well-formed notice", () => {
    expect(loadGold(write([notice])).notices).toHaveLength(1);
  });

  it.each([
    ["an end on a status-only notice", { ...notice, status: "rolling" }],
    ["a start after the end", { ...notice, start: "2026-06-01" }],
    ["a malformed date", { ...notice, end: "2026.05.08" }],
    ["an unknown status", { ...notice, status: "open" }],
    ["corpus text under an unknown key", { ...notice, body: "…" }],
    ["no note", { ...notice, note: "" }],
  ])("refuses %s", (_, bad) => {
    expect(() => loadGold(write([bad]))).toThrow();
  });

  it("refuses a repeated id", () => {
    expect(() => loadGold(write([notice, notice]))).toThrow(/repeated id/);
  });
});

describe("bench/deadlines-gold.json", () => {
  it("is well-formed and holds the sampling rule's size", () => {
    const gold = loadGold();
    expect(gold.notices).toHaveLength(GOLD_SIZE);
  });

  // The gold is exactly the draw of the rule stated before reading: no notice swapped afterwards.
  it.skipIf(!existsSync(join(CORPUS_DIR, "bizinfo-notices-2026.jsonl")))(
    "holds exactly the notices the sampling rule draws, in draw order",
    () => {
      const draw = drawGoldSample(loadRealArticles());
      expect(loadGold().notices.map((n) => n.id)).toEqual(draw);
    },
  );
});
