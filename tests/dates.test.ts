import { describe, expect, it } from "vitest";
import { type DateContext, type DateMention, findDates } from "../src/extract/dates.ts";

const PUB: DateContext = { publishedAt: "2025-04-10" }; // a Thursday
const NO_PUB: DateContext = { publishedAt: null };

/** The single mention in `text`, failing loudly when there is none or several. */
function one(text: string, ctx = PUB): DateMention {
  const found = findDates(text, ctx);
  expect(found, `mentions in: ${text}`).toHaveLength(1);
  return found[0] as DateMention;
}

function spans(text: string, ctx = PUB): Array<[string, string | null]> {
  return findDates(text, ctx).map((m) => [m.start, m.end]);
}

describe("full dates", () => {
  it.each([
    ["접수 마감은 2026. 4. 30.까지입니다.", "2026-04-30"],
    ["신청서는 2026-04-30 18시까지 제출해야 한다.", "2026-04-30"],
    ["공고일 2026.04.30 기준으로 판단합니다.", "2026-04-30"],
    ["신청기간: 20260430 마감", "2026-04-30"],
    ["접수는 '26.4.30.(목)까지 받습니다.", "2026-04-30"],
    ["사업설명회는 2026년 4월 30일 열린다.", "2026-04-30"],
    ["2026/4/30 오후 3시 발표", "2026-04-30"],
  ])("%s", (text, date) => {
    const m = one(text);
    expect(m.start).toBe(date);
    expect(m.end).toBeNull();
    expect(m.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it("keeps offsets and the written text", () => {
    const text = "접수 마감은 2026. 4. 30.까지입니다.";
    const m = one(text);
    expect(text.slice(m.index, m.index + m.length)).toBe(m.text);
    expect(m.text.startsWith("2026. 4. 30.")).toBe(true);
  });
});

describe("month-day and bare day against the publication date", () => {
  it("reads 오는 5월 13일(화) 오후 2시 with its time", () => {
    const m = one("고양시는 오는 5월 13일(화) 오후 2시 시청 문예회관에서 세무 설명회를 연다.");
    expect(m.start).toBe("2025-05-13");
    expect(m.time).toBe("14:00");
    expect(m.confidence).toBeGreaterThan(0.85);
  });

  it("reads a bare day with its weekday in the publication month", () => {
    const m = one("설명회는 13일(화) 오후 2시에 열린다.", { publishedAt: "2025-05-08" });
    expect(m.start).toBe("2025-05-13");
  });

  it("takes a bare day's month from the date just before it in the sentence", () => {
    expect(spans("설명회는 5월 13일(화), 상담회는 15일(목) 열린다.")).toEqual([
      ["2025-05-13", null],
      ["2025-05-15", null],
    ]);
  });

  it("reads a deadline 4월 30일까지", () => {
    const m = one("참가 신청은 4월 30일까지 누리집에서 받는다.");
    expect(m.start).toBe("2025-04-30");
  });

  it("reads 30일 18:00까지 as this month's coming deadline", () => {
    const m = one("서류는 30일 18:00까지 제출하면 된다.");
    expect(m.start).toBe("2025-04-30");
    expect(m.time).toBe("18:00");
  });

  it.each([
    ["지난 8일 내일꿈제작소에서 협약을 체결했다.", "2025-04-08"],
    ["오는 5일 개소식을 연다.", "2025-05-05"],
    ["9일 서울스퀘어에서 라운드테이블을 개최했다.", "2025-04-09"],
    ["이달 25일 설명회가 열린다.", "2025-04-25"],
    ["지난달 28일 간담회를 열었다.", "2025-03-28"],
    ["다음 달 2일 협약식을 연다.", "2025-05-02"],
  ])("%s", (text, date) => {
    expect(one(text).start).toBe(date);
  });
});

describe("ranges", () => {
  it.each([
    ["양주시가 오는 15일부터 18일까지 교육생을 모집한다.", "2025-04-15", "2025-04-18"],
    ["접수는 4월 15~18일 진행된다.", "2025-04-15", "2025-04-18"],
    ["교육은 5월 7일부터 7월 5일까지 진행된다.", "2025-05-07", "2025-07-05"],
    ["신청기간: 4. 15.(화) ~ 4. 18.(금)", "2025-04-15", "2025-04-18"],
    ["접수기간 : 2021-04-01 ~ 2021-04-30", "2021-04-01", "2021-04-30"],
    ["신청기간: 2026-03-01 ~ 2026-03-31", "2026-03-01", "2026-03-31"],
    ["모집기간: 2026. 3. 4.(수) ∼ 3. 20.(금)", "2026-03-04", "2026-03-20"],
    ["모집기간: 2026. 3. 4. ～ 3. 20.", "2026-03-04", "2026-03-20"],
    ["모집기간: 2026. 3. 4. - 3. 20.", "2026-03-04", "2026-03-20"],
    ["신청기간: 20220201 ~ 20220331", "2022-02-01", "2022-03-31"],
    ["접수: 2025년 12월 17일(수) ~ 1월 9일(금)", "2025-12-17", "2026-01-09"],
    ["행사는 오는 28일부터 5월 2일까지 열린다.", "2025-04-28", "2025-05-02"],
  ])("%s", (text, start, end) => {
    const m = one(text);
    expect([m.start, m.end]).toEqual([start, end]);
  });

  it("lets a range end inherit the month and year it omits", () => {
    const m = one("신청 기간은 2026년 3월 25일부터 4일까지이다.");
    expect([m.start, m.end]).toEqual(["2026-03-25", "2026-04-04"]);
  });

  it("keeps the start's time and skips a time range", () => {
    const m = one("교육일정: 2025.7.10.(목) 10:00 ~ 17:00, 총 6시간");
    expect([m.start, m.end, m.time]).toEqual(["2025-07-10", null, "10:00"]);
  });
});

describe("times", () => {
  it.each([
    ["4월 9일 오후 2시 20분, 시청에서", "14:20"],
    ["5월 13일 오전 10시 개최", "10:00"],
    ["5월 13일 14시 개최", "14:00"],
    ["4월 30일 18:00까지", "18:00"],
    ["5월 13일(화) 오후 3시 반", "15:30"],
  ])("%s", (text, time) => {
    expect(one(text).time).toBe(time);
  });
});

describe("parts of a month", () => {
  it.each([
    ["결과는 5월 초 발표된다.", "2025-05-01", "2025-05-10"],
    ["결과는 5월 중순 발표된다.", "2025-05-11", "2025-05-20"],
    ["결과는 5월 말 발표된다.", "2025-05-21", "2025-05-31"],
    ["결과는 2월 말 발표된다.", "2025-02-21", "2025-02-28"],
    ["결과는 이달 말 나온다.", "2025-04-21", "2025-04-30"],
  ])("%s is a low-confidence range", (text, start, end) => {
    const m = one(text);
    expect([m.start, m.end]).toEqual([start, end]);
    expect(m.confidence).toBeLessThan(0.5);
  });

  it("is not an invitation (초청) or a word starting with 말", () => {
    expect(findDates("5월 초청 강연과 5월 말씀", PUB)).toEqual([]);
  });
});

describe("relative words", () => {
  it.each([
    ["접수는 오늘 마감된다.", "2025-04-10", null],
    ["금일 18시까지 접수한다.", "2025-04-10", null],
    ["내일부터 신청을 받는다.", "2025-04-11", null],
    ["익일 오전 10시 발표한다.", "2025-04-11", null],
    ["모레 설명회가 열린다.", "2025-04-12", null],
    ["이번 주 안에 신청해야 한다.", "2025-04-07", "2025-04-13"],
    ["다음 주 중 발표한다.", "2025-04-14", "2025-04-20"],
    ["이번 달 중 공고한다.", "2025-04-01", "2025-04-30"],
    ["다음 달부터 접수한다.", "2025-05-01", "2025-05-31"],
  ])("%s", (text, start, end) => {
    const m = one(text);
    expect([m.start, m.end]).toEqual([start, end]);
  });

  it("does not read 내일꿈제작소 or 오늘날 as days", () => {
    expect(findDates("내일꿈제작소는 오늘날 청년 공간이다.", PUB)).toEqual([]);
  });

  it("needs the publication date", () => {
    expect(findDates("내일부터 신청을 받는다.", NO_PUB)).toEqual([]);
  });
});

describe("year inference", () => {
  it("오는 points forward", () => {
    expect(one("오는 3월 2일 개강한다.").start).toBe("2026-03-02");
  });

  it("지난 points backward", () => {
    expect(one("지난 11월 20일 협약을 맺었다.").start).toBe("2024-11-20");
  });

  it("otherwise takes the nearest year", () => {
    expect(one("2월 3일 공고된 사업이다.").start).toBe("2025-02-03");
    expect(one("9월 3일 박람회가 열린다.").start).toBe("2025-09-03");
  });

  it("crosses the new year forwards", () => {
    expect(one("1월 5일 설명회가 열린다.", { publishedAt: "2025-12-20" }).start).toBe("2026-01-05");
  });

  it("crosses the new year backwards", () => {
    expect(one("12월 28일 간담회가 열렸다.", { publishedAt: "2026-01-03" }).start).toBe(
      "2025-12-28",
    );
  });

  it("honours 내년 and 지난해", () => {
    expect(one("내년 1월 5일 시행한다.").start).toBe("2026-01-05");
    expect(one("지난해 10월 2일 발표했다.").start).toBe("2024-10-02");
  });

  it("accepts a timestamp as the publication date, read in Seoul", () => {
    const m = one("오는 13일 개최한다.", { publishedAt: "2025-12-05T09:00:00+09:00" });
    expect(m.start).toBe("2025-12-13");
    // 20:00 UTC on the 31st is already 1 January in Seoul: "내일" is the 2nd
    expect(one("내일 개최한다.", { publishedAt: "2025-12-31T20:00:00Z" }).start).toBe("2026-01-02");
  });
});

describe("weekday in parentheses", () => {
  it("confirms the nearest year", () => {
    const confirmed = one("5월 13일(화) 개최");
    const plain = one("5월 13일 개최");
    expect(confirmed.start).toBe("2025-05-13");
    expect(confirmed.confidence).toBeGreaterThan(plain.confidence);
  });

  it("moves to the neighbouring year it fits", () => {
    // 2025-01-06 is a Monday, 2026-01-06 a Tuesday; the nearer is 2025 without the weekday
    const ctx = { publishedAt: "2025-07-01" };
    expect(one("1월 6일 개최", ctx).start).toBe("2025-01-06");
    const moved = one("1월 6일(화) 개최", ctx);
    expect(moved.start).toBe("2026-01-06");
    expect(moved.confidence).toBeLessThan(one("1월 6일 개최", ctx).confidence);
  });

  it("lowers confidence when no year fits", () => {
    const wrong = one("5월 13일(목) 개최");
    expect(wrong.start).toBe("2025-05-13");
    expect(wrong.confidence).toBeLessThan(0.5);
  });

  it("lowers confidence of an explicit date it contradicts", () => {
    expect(one("2025. 5. 13.(목) 개최").confidence).toBeLessThan(
      one("2025. 5. 13.(화) 개최").confidence,
    );
  });
});

describe("without a publication date", () => {
  it("leaves a month-day unresolved", () => {
    expect(findDates("5월 13일 설명회를 연다.", NO_PUB)).toEqual([]);
    expect(findDates("13일(화) 설명회를 연다.", NO_PUB)).toEqual([]);
  });

  it("takes the year from a dated expression in the text", () => {
    expect(spans("2026년 3월 2일 공고. 신청은 3월 20일(금)까지 받는다.", NO_PUB)).toEqual([
      ["2026-03-02", null],
      ["2026-03-20", null],
    ]);
  });

  it("still reads full dates", () => {
    expect(one("2026. 4. 30.까지", NO_PUB).start).toBe("2026-04-30");
  });
});

describe("calendar validity", () => {
  it.each([
    "2월 30일 개최",
    "2026. 2. 30. 마감",
    "2025년 2월 29일 마감",
    "2026-13-01 마감",
    "4월 31일까지",
    "신청: 4월 28일 ~ 4월 31일",
  ])("rejects %s rather than rolling over", (text) => {
    expect(findDates(text, PUB)).toEqual([]);
  });
});

describe("things that are not dates", () => {
  it.each([
    "문의: 02-2077-3924 또는 010-1234-5678",
    "최대 1,000만원을 지원한다.",
    "매출이 3.5% 늘었다.",
    "제3조 제2항에 따른다.",
    "관계자 10여 명이 참석했다.",
    "버전 v1.2.3 배포",
    "2025년 사업 계획",
    "2025년 4월 기준 통계",
    "44일 동안 총 320시간 교육",
    "통지를 받은 날부터 30일 이내",
    "방문 7일 전까지 신청",
    "정기모집 매월 1일 ~ 20일",
    "처리에 3~5일 소요된다.",
    "1일 2회 운영한다.",
    "창업 3~7년차 기업",
    "공고 제2025-574호",
    "사업자등록번호 123-45-67890",
    "12월은 11일까지 신청",
  ])("%s", (text) => {
    expect(findDates(text, PUB)).toEqual([]);
  });
});
