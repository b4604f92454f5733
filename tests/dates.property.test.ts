import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { findDates } from "../src/extract/dates.ts";
import { extractSchedule } from "../src/extract/schedule.ts";
import { isYmd } from "../src/time/calendar.ts";

const SEED = 20250410;

const year4 = fc.integer({ min: 1995, max: 2035 });
const month = fc.integer({ min: 0, max: 14 }); // out-of-range on purpose
const day = fc.integer({ min: 0, max: 33 });
const weekday = fc.constantFrom(
  "",
  "",
  "(월)",
  "(화)",
  "(수)",
  "(목)",
  "(금)",
  "(토)",
  "(일)",
  "(화요일)",
);
const time = fc.constantFrom("", "", " 오후 2시 20분", " 오전 10시", " 18:00", " 14시", ", 16:00");

const datePiece = fc.oneof(
  fc
    .tuple(year4, month, day, fc.constantFrom(".", "-", "/", ". "))
    .map(([y, m, d, s]) => `${y}${s}${m}${s}${d}${s === "-" || s === "/" ? "" : "."}`),
  fc
    .tuple(year4, month, day)
    .map(([y, m, d]) => `${y}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}`),
  fc.tuple(fc.integer({ min: 0, max: 99 }), month, day).map(([y, m, d]) => `'${y}.${m}.${d}.`),
  fc
    .tuple(fc.option(year4, { nil: undefined }), month, day)
    .map(([y, m, d]) => `${y ? `${y}년 ` : ""}${m}월 ${d}일`),
  fc.tuple(month, day).map(([m, d]) => `${m}. ${d}.`),
  day.map((d) => `${d}일`),
  fc
    .tuple(month, fc.constantFrom("초", "중순", "말", "하순", "말일", "중", "마지막 날"))
    .map(([m, p]) => `${m}월 ${p}`),
  fc.constantFrom(
    "오늘",
    "내일",
    "모레",
    "금일",
    "익일",
    "이번 주",
    "다음 주",
    "이번 달",
    "다음 달",
    "이달 말",
    "이달 말일",
    "어제",
    "그저께",
    "지난주",
    "지난 달",
    "다음 주 화요일",
    "이번 주 수요일",
    "지난주 금요일",
    "이날",
    "같은 날",
  ),
  fc.tuple(fc.constantFrom("이달 ", "다음 달 ", "지난달 "), day).map(([w, d]) => `${w}${d}일`),
);

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(datePiece, weekday, time).map((p) => p.join("")) },
  { weight: 2, arbitrary: fc.constantFrom(" ~ ", "~", "부터 ", " - ", "∼", "～", "까지", " ") },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      "신청기간: ",
      "접수 마감 ",
      "오는 ",
      "지난 ",
      "올해 ",
      "내년 ",
      "같은 해 ",
      "이듬해 ",
      "했다. ",
      "[사진=나주시] ",
      " 설명회를 개최한다. ",
      " 교육은 진행된다.",
      " 예산 소진 시까지",
      " 선착순 접수",
      "1,000만원",
      "02-2077-3924",
      "10여 명",
      "3.5%",
      "\n",
      "(",
      ")",
      "매월 ",
      "동안 ",
    ),
  },
);

const text = fc.array(piece, { maxLength: 10 }).map((parts) => parts.join(""));
const noise = fc.string({
  unit: fc.constantFrom(..."0123456789 .-/~년월일시분()화수오는지난까지부터초말중순'\n"),
  maxLength: 40,
});
const publishedAt = fc.option(
  fc
    .date({
      min: new Date(Date.UTC(2000, 0, 1)),
      max: new Date(Date.UTC(2039, 11, 31)),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10)),
  { nil: null },
);
const input = fc.record({ text: fc.oneof(text, noise), publishedAt });

describe("every resolved date", () => {
  it("exists in the calendar, and a range never ends before it starts", () => {
    let mentions = 0;
    let ranges = 0;
    fc.assert(
      fc.property(input, ({ text: t, publishedAt: p }) => {
        for (const m of findDates(t, { publishedAt: p })) {
          mentions++;
          if (m.end !== null) ranges++;
          expect(isYmd(m.start), `${m.start} from "${m.text}"`).toBe(true);
          if (m.end !== null) {
            expect(isYmd(m.end), `${m.end} from "${m.text}"`).toBe(true);
            expect(m.end >= m.start, `"${m.text}" → ${m.start}..${m.end}`).toBe(true);
          }
          expect(t.slice(m.index, m.index + m.length)).toBe(m.text);
          expect(m.confidence).toBeGreaterThanOrEqual(0);
          expect(m.confidence).toBeLessThanOrEqual(1);
        }
      }),
      { seed: SEED, numRuns: 3000 },
    );
    // The property is only worth something if the generator really produces dates and ranges.
    expect(mentions).toBeGreaterThan(1500);
    expect(ranges).toBeGreaterThan(100);
  });

  it("in a schedule is a calendar date too", () => {
    fc.assert(
      fc.property(input, ({ text: t, publishedAt: p }) => {
        const { application, events } = extractSchedule(t, { publishedAt: p });
        for (const d of [application.start, application.end])
          if (d !== null) expect(isYmd(d)).toBe(true);
        if (application.start && application.end)
          expect(application.end >= application.start).toBe(true);
        for (const e of events) {
          expect(isYmd(e.start)).toBe(true);
          if (e.end) expect(e.end >= e.start).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });
});

describe("time zone independence", () => {
  const originalTz = process.env.TZ;
  afterAll(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  function runAll(samples: Array<{ text: string; publishedAt: string | null }>): string {
    return JSON.stringify(samples.map((s) => [findDates(s.text, s), extractSchedule(s.text, s)]));
  }

  it("gives identical results under TZ=UTC and TZ=Asia/Seoul", () => {
    const samples = fc.sample(input, { seed: SEED, numRuns: 800 });
    // Inputs that straddle midnight in one zone but not the other matter most.
    samples.push(
      { text: "신청은 오늘 마감", publishedAt: "2025-12-31" },
      { text: "1월 5일(월) 설명회, 12월 31일까지 신청", publishedAt: "2025-12-31" },
      { text: "이번 주 금요일까지 접수", publishedAt: "2025-03-02" },
      { text: "내일 개최, 모레 마감", publishedAt: "2025-12-31T20:00:00Z" },
      { text: "오늘 18시까지 접수", publishedAt: "2025-06-30T23:30:00+09:00" },
    );

    process.env.TZ = "UTC";
    const utcOffset = new Date(0).getTimezoneOffset();
    const utc = runAll(samples);

    process.env.TZ = "Asia/Seoul";
    const seoulOffset = new Date(0).getTimezoneOffset();
    const seoul = runAll(samples);

    // Prove the zone really changed inside this process.
    expect(utcOffset).toBe(0);
    expect(seoulOffset).toBe(-540);
    expect(seoul).toBe(utc);
  });
});
