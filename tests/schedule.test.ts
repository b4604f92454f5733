import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { DateContext } from "../src/extract/dates.ts";
import { extractSchedule } from "../src/extract/schedule.ts";
import type { EventKind } from "../src/types.ts";

const PUB: DateContext = { publishedAt: "2025-04-10" };

function app(text: string, ctx = PUB) {
  return extractSchedule(text, ctx).application;
}

function events(text: string, ctx = PUB) {
  return extractSchedule(text, ctx).events.map((e) => [e.kind, e.start, e.end]);
}

describe("application period", () => {
  it.each([
    ["신청기간: 2026-03-01 ~ 2026-03-31", "2026-03-01", "2026-03-31"],
    ["접수기간 : 2021-04-01 ~ 2021-04-30", "2021-04-01", "2021-04-30"],
    ["□ 모집기간: 2026. 3. 4.(수) ~ 3. 20.(금) 18:00까지", "2026-03-04", "2026-03-20"],
    ["공모 기간은 4월 21일부터 30일까지다.", "2025-04-21", "2025-04-30"],
    ["시는 오는 15일부터 18일까지 일자리센터에서 교육생을 모집한다.", "2025-04-15", "2025-04-18"],
  ])("%s", (text, start, end) => {
    expect(app(text)).toMatchObject({ status: "dated", start, end, firstCome: false });
  });

  it.each([
    ["참가 신청은 4월 30일까지 누리집에서 받는다.", "2025-04-30"],
    ["서류는 4월 30일 18시까지 이메일로 제출하면 된다.", "2025-04-30"],
    ["접수 마감은 4월 30일이다.", "2025-04-30"],
    ["4월 30일 모집 마감", "2025-04-30"],
    ["접수기간 : ~ 2026. 5. 8.(금) 18:00까지", "2026-05-08"],
  ])("a deadline alone: %s", (text, end) => {
    expect(app(text)).toMatchObject({ status: "dated", start: null, end });
  });

  it("reads an open range in a title: 모집 안내(~7.8)", () => {
    const text = "2025 혁신스쿨 교육생 모집 안내(~7.8)\n교육은 온라인으로 진행합니다.";
    expect(app(text, { publishedAt: "2025-06-20" })).toMatchObject({
      status: "dated",
      end: "2025-07-08",
    });
  });

  it("gives the deadline to 신청, not to the nearer 설명회", () => {
    const s = extractSchedule("4월 30일까지 설명회 참가 신청을 받는다.", PUB);
    expect(s.application).toMatchObject({ status: "dated", end: "2025-04-30" });
    expect(s.events).toEqual([]);
  });

  it("joins a separate opening date to the deadline", () => {
    const text = "접수 시작: 2026. 4. 1.(수)\n접수 마감: 2026. 4. 30.(목) 18:00";
    expect(app(text)).toMatchObject({ status: "dated", start: "2026-04-01", end: "2026-04-30" });
  });

  it("takes a label from the heading line above", () => {
    const text = "□ 신청기간\n○ 2026. 3. 4.(수) ~ 3. 20.(금)\n□ 신청방법: 온라인";
    expect(app(text)).toMatchObject({ status: "dated", start: "2026-03-04", end: "2026-03-20" });
  });

  it("never invents a deadline from a single date without 까지 or 마감", () => {
    expect(app("시는 15일 교육생을 모집한다고 밝혔다.")).toMatchObject({ end: null });
  });

  it("keeps the evidence short", () => {
    const long = `${"이번 사업은 지역 소상공인의 경영 안정과 매출 회복을 돕기 위해 마련됐으며 ".repeat(4)}신청 기간은 4월 30일까지이다.`;
    const a = app(long);
    expect(a.end).toBe("2025-04-30");
    expect(a.text.length).toBeLessThanOrEqual(120);
    expect(a.text).toContain("4월 30일까지");
  });
});

describe("events", () => {
  it.each<[string, EventKind, string]>([
    ["오는 5월 13일 시청에서 세무 설명회를 개최한다.", "seminar", "2025-05-13"],
    ["5월 13일 창업 세미나가 열린다.", "seminar", "2025-05-13"],
    ["5월 13일 지역경제 포럼이 열린다.", "seminar", "2025-05-13"],
    ["지난 8일 소공인 대표들과 현장 간담회를 열었다.", "seminar", "2025-04-08"],
    ["5월 13일 수출 실무 특강이 열린다.", "seminar", "2025-05-13"],
    ["5월 13일 정책 토론회를 개최한다.", "seminar", "2025-05-13"],
    ["5월 13일 요양보호사 양성 과정을 시작한다.", "course", "2025-05-13"],
    ["지난 9일 업무협약 체결식을 가졌다.", "ceremony", "2025-04-09"],
    ["지난 9일 양 기관은 협약식을 열었다.", "ceremony", "2025-04-09"],
    ["오는 5월 2일 청년센터가 개관한다.", "ceremony", "2025-05-02"],
    ["오는 5월 2일 창업지원센터 개소식을 연다.", "ceremony", "2025-05-02"],
    ["지난 9일 서포터즈 발대식을 열었다.", "ceremony", "2025-04-09"],
    ["지난 9일 협의체 출범식을 가졌다.", "ceremony", "2025-04-09"],
    ["관계기관과 비상경제협의체 회의를 9일 진행했다.", "meeting", "2025-04-09"],
    ["9일 서울스퀘어에서 정책 라운드테이블을 개최했다.", "meeting", "2025-04-09"],
    ["지난 9일 상생협의회를 개최했다.", "meeting", "2025-04-09"],
    ["오는 5월 13일 일자리 박람회가 열린다.", "fair", "2025-05-13"],
    ["오는 5월 13일 수출 상담회를 연다.", "fair", "2025-05-13"],
    ["오는 5월 13일 공예품 전시회가 열린다.", "fair", "2025-05-13"],
    ["오는 5월 13일 사업 설명·상담회를 연다.", "fair", "2025-05-13"],
    ["오는 5월 13일 시민 한마당 행사를 개최한다.", "other", "2025-05-13"],
  ])("%s", (text, kind, start) => {
    expect(events(text)).toContainEqual([kind, start, null]);
  });

  it("gives a multi-day event its end", () => {
    expect(events("오는 5월 13일부터 15일까지 킨텍스에서 창업 박람회가 열린다.")).toEqual([
      ["fair", "2025-05-13", "2025-05-15"],
    ]);
  });

  it("takes the kind from a quoted event name", () => {
    const text = "고양시는 오는 5월 13일 ‘2025 기업인을 위한 세무 설명회’를 개최한다고 밝혔다.";
    expect(events(text)).toEqual([["seminar", "2025-05-13", null]]);
  });

  it("reads a course period as a course, not as a deadline", () => {
    const s = extractSchedule("교육은 5월 7일부터 7월 5일까지 총 320시간 진행된다.", PUB);
    expect(s.events).toEqual([
      { kind: "course", start: "2025-05-07", end: "2025-07-05", text: expect.any(String) },
    ]);
    expect(s.application.status).toBe("none");
  });

  it("reads a labelled course period", () => {
    expect(events("교육 기간: 2025. 5. 7.(수) ~ 7. 5.(토)")).toEqual([
      ["course", "2025-05-07", "2025-07-05"],
    ]);
  });

  it("does not take the press release's own date for an event", () => {
    const text = "시는 지난 11월 27일부터 28일까지 공직자 워크숍을 개최했다고 1일 밝혔다.";
    expect(events(text, { publishedAt: "2025-12-01" })).toEqual([
      ["seminar", "2025-11-27", "2025-11-28"],
    ]);
  });

  it("does not read a meeting room or an organisation as a meeting", () => {
    expect(events("지역사회보장협의체는 지난 3일 김장 김치를 전달했다.")).toEqual([]);
    expect(events("지난 3일 영상회의실에서 기념 촬영을 했다.")).toEqual([]);
  });
});

describe("announcements", () => {
  it("are never the deadline nor an event", () => {
    const s = extractSchedule("최종 선정 결과는 5월 20일 발표할 예정이다.", PUB);
    expect(s.application.status).toBe("none");
    expect(s.events).toEqual([]);
  });

  it("leave the real deadline alone", () => {
    const s = extractSchedule("신청은 4월 30일까지 받으며, 선정 결과는 5월 20일 발표한다.", PUB);
    expect(s.application).toMatchObject({ status: "dated", end: "2025-04-30" });
    expect(s.events).toEqual([]);
  });
});

describe("open-ended applications", () => {
  it.each([
    ["신청기간: 상시 접수", "rolling"],
    ["참여기업을 연중 상시 모집한다.", "rolling"],
    ["입주기업 상시 모집 공고", "rolling"],
    ["참가자는 선착순 접수한다.", "first-come"],
    ["신청기간: 선착순 마감", "first-come"],
    ["신청기간: 모집 완료시까지", "first-come"],
    ["신청기간: 예산 소진시까지", "until-budget"],
    ["접수는 예산 소진시 마감된다.", "until-budget"],
    ["자금 소진 시까지 신청을 받는다.", "until-budget"],
    ["신청은 소진 시까지 받는다.", "until-budget"],
    ["신청기간: 추후 공지", "tba"],
    ["접수 기간은 별도 공지할 예정이다.", "tba"],
    ["신청 일정은 추후 안내한다.", "tba"],
    ["신청기간: 사업별 상이", "varies"],
    ["접수기간: 공고별 상이", "varies"],
    ["신청기간 : 세부사업별 상이", "varies"],
  ])("%s → %s", (text, status) => {
    expect(app(text)).toMatchObject({ status, end: null });
  });

  it("is none when nothing is applied for", () => {
    expect(app("강남구가 편의점과 협력해 복지 사각지대를 발굴한다.")).toEqual({
      status: "none",
      start: null,
      end: null,
      text: "",
      firstCome: false,
    });
  });

  it("keeps a dated deadline with 선착순 as dated, first-come", () => {
    expect(app("신청 기간은 4월 30일까지이며, 선착순 접수로 진행된다.")).toMatchObject({
      status: "dated",
      end: "2025-04-30",
      firstCome: true,
    });
  });

  it("lets an open end close a dated start", () => {
    expect(app("□ 신청기간 : 2026. 1. 12.(월) ~ 예산 소진 시까지")).toMatchObject({
      status: "until-budget",
      start: "2026-01-12",
      end: null,
    });
    expect(app("○ 신청기간: 2026. 1. 30.(금) 14:00 ~ / 선착순 접수")).toMatchObject({
      status: "first-come",
      start: "2026-01-30",
    });
  });
});

describe("precedence between a dated period and an open-ended phrase", () => {
  it("a dated 신청기간 line beats 상시 elsewhere", () => {
    const text = [
      "□ 신청기간: 2026. 4. 1.(수) ~ 4. 30.(목)",
      "□ 지원대상: 상시 근로자 5인 이상 중소기업",
      "센터는 연중 상시 운영된다.",
    ].join("\n");
    expect(app(text)).toMatchObject({ status: "dated", start: "2026-04-01", end: "2026-04-30" });
  });

  it("a dated deadline beats an early-closing caveat", () => {
    expect(app("신청기간: 2026. 4. 1. ~ 4. 30.(예산 소진 시 조기 마감)")).toMatchObject({
      status: "dated",
      end: "2026-04-30",
    });
  });

  it("a labelled open status beats a date read from an unlabelled sentence", () => {
    const text = "신청기간: 상시 접수\n지난 3월 31일까지 신청한 기업은 별도 심사를 거친다.";
    expect(app(text)).toMatchObject({ status: "rolling" });
  });

  it("ignores open phrases about results or services", () => {
    expect(app("선정 결과는 추후 공지한다.")).toMatchObject({ status: "none" });
    expect(app("창업기업 상시 멘토링 참여자 모집")).toMatchObject({ status: "none" });
  });
});

describe("the seed sample", () => {
  const seed = readFileSync(
    new URL("../index-data/000_2ff2273f9822e349.txt", import.meta.url),
    "utf8",
  )
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => l.replace(/^데일리굿타임 유종운 기자 \| /, ""));
  const ctx = { publishedAt: "2025-04-10" };
  const find = (needle: string) => {
    const line = seed.find((l) => l.includes(needle));
    if (!line) throw new Error(`seed line with ${needle} not found`);
    return extractSchedule(line, ctx);
  };

  it("has the ten lead paragraphs", () => {
    expect(seed).toHaveLength(10);
  });

  it("Yangju: application 15–18 April, course 7 May – 5 July", () => {
    const s = find("양주시");
    expect(s.application).toMatchObject({
      status: "dated",
      start: "2025-04-15",
      end: "2025-04-18",
    });
    expect(s.events.map((e) => [e.kind, e.start, e.end])).toEqual([
      ["course", "2025-05-07", "2025-07-05"],
    ]);
  });

  it("Goyang tax seminar: first-come application until 30 April, seminar on 13 May", () => {
    const s = find("세무 설명회");
    expect(s.application).toMatchObject({ status: "dated", end: "2025-04-30", firstCome: true });
    expect(s.events.map((e) => [e.kind, e.start])).toEqual([["seminar", "2025-05-13"]]);
  });

  it("Seoul–중진공 MOU: a ceremony on 9 April, no application", () => {
    const s = find("중소벤처기업진흥공단이 인력");
    expect(s.application.status).toBe("none");
    expect(s.events.map((e) => [e.kind, e.start])).toEqual([["ceremony", "2025-04-09"]]);
  });

  it("gives no other paragraph a deadline", () => {
    const withDeadline = seed.filter((l) => extractSchedule(l, ctx).application.end !== null);
    expect(withDeadline).toHaveLength(2);
  });

  it("reads the other events of the day", () => {
    const all = seed.flatMap((l) =>
      extractSchedule(l, ctx).events.map((e) => `${e.kind} ${e.start}`),
    );
    expect(all).toEqual(
      expect.arrayContaining([
        "seminar 2025-04-08", // 성남 현장 간담회
        "meeting 2025-04-09", // 라운드테이블, 평택 비상경제협의체 회의
        "ceremony 2025-04-08", // 고양–에스토니아 대사관 협약
      ]),
    );
  });
});
