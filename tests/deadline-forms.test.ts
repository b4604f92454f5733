/**
 * The date forms of issue #13, each on real-looking Korean text: the year of a month-day,
 * relative days and weeks, month ends and month-level periods, "이날", "같은 해" and photo
 * captions. Every expectation is a calendar date a reader of the sentence would give.
 */
import { describe, expect, it } from "vitest";
import { type DateMention, findDates } from "../src/extract/dates.ts";
import { extractSchedule } from "../src/extract/schedule.ts";

/** 12 February 2026 is a Thursday. */
const FEB12 = { publishedAt: "2026-02-12" };

function one(text: string, ctx: { publishedAt: string | null } = FEB12): DateMention {
  const found = findDates(text, ctx);
  expect(found, `mentions in: ${text}`).toHaveLength(1);
  return found[0] as DateMention;
}

function deadline(text: string, ctx: { publishedAt: string | null } = FEB12) {
  const { application } = extractSchedule(text, ctx);
  return { status: application.status, start: application.start, end: application.end };
}

function events(text: string, ctx: { publishedAt: string | null } = FEB12): string[] {
  return extractSchedule(text, ctx).events.map(
    (e) => `${e.kind} ${e.start}${e.end ? `~${e.end}` : ""}`,
  );
}

describe("the year of a month-day", () => {
  it("puts an application end on or after the publication date", () => {
    // Nearest-date guessing alone gave 2025-10-03: a future deadline made a past one.
    expect(deadline("2차 신청은 10월 3일까지 받는다.").end).toBe("2026-10-03");
    expect(
      deadline("시는 12월 18일까지 소상공인 경영안정 바우처 신청을 받는다고 밝혔다.").end,
    ).toBe("2026-12-18");
  });

  it("puts an announced event on or after the publication date", () => {
    expect(events("‘2026 하반기 수출 상담회’는 9월 24일 코엑스에서 열린다.")).toEqual([
      "fair 2026-09-24",
    ]);
  });

  it("keeps a date the sentence puts in the past", () => {
    expect(deadline("지난해 2차 신청은 10월 3일까지 접수를 마쳤다.").end).toBe("2025-10-03");
    expect(events("시는 9월 24일 코엑스에서 수출 상담회를 열었다.")).toEqual(["fair 2025-09-24"]);
    expect(events("양 기관은 11월 20일 업무협약을 체결했다고 밝혔다.")).toEqual([
      "ceremony 2025-11-20",
    ]);
  });

  it("keeps a date a few days before publication as written", () => {
    // an article posted two days after the seminar it announces is late, not a year early
    expect(events("세무 설명회는 2월 10일 시청 대회의실에서 열린다.")).toEqual([
      "seminar 2026-02-10",
    ]);
  });

  it("takes a year written earlier in the sentence", () => {
    const pub = { publishedAt: "2013-02-12" };
    expect(one("2013년 교육 일정: 9월 20일 설명회", pub).start).toBe("2013-09-20");
    expect(one("사업기간은 2026년 6월 ~ 12월 중순까지이다.", { publishedAt: null }).start).toBe(
      "2026-12-11",
    );
  });

  it("reads 같은 해 and 이듬해 from the year last written", () => {
    expect(one("2013년 3월 설립된 이 회사는 같은 해 9월 9일 협약을 맺었다.").start).toBe(
      "2013-09-09",
    );
    expect(
      findDates(
        "재단은 2025년 6월 18일 운영에 합의했으나 같은 해 9월 9일 이사회에서 운영 불가 결론을 내렸다.",
        { publishedAt: "2025-12-01" },
      ).map((d) => d.start),
    ).toEqual(["2025-06-18", "2025-09-09"]);
    expect(one("2019년 창업한 뒤 이듬해 3월 2일 법인으로 전환했다.").start).toBe("2020-03-02");
  });

  it("is read nearest a known date just before it in the sentence", () => {
    expect(
      findDates("2025년 12월 20일 설명회에 이어 1월 5일부터 접수를 받는다.", {
        publishedAt: null,
      }).map((d) => d.start),
    ).toEqual(["2025-12-20", "2026-01-05"]);
  });
});

describe("relative days and weeks", () => {
  it("reads 다음 주 화요일(까지) as the day, and as the deadline", () => {
    const m = one("참가 신청은 다음 주 화요일까지 받는다.");
    expect([m.start, m.end]).toEqual(["2026-02-17", null]);
    expect(deadline("참가 신청은 다음 주 화요일까지 받는다.")).toEqual({
      status: "dated",
      start: null,
      end: "2026-02-17",
    });
    expect(deadline("신청서는 다음주 금요일까지 이메일로 제출한다.").end).toBe("2026-02-20");
  });

  it("reads 이번 주 수요일 and 지난주 금요일 as days", () => {
    expect(events("이번 주 수요일 오후 2시 창업 설명회를 연다.")).toEqual(["seminar 2026-02-11"]);
    expect(one("지난주 금요일 협약식을 가졌다.").start).toBe("2026-02-06");
  });

  it("reads 지난주, 지난달 and 어제 alone", () => {
    expect(one("지난주 현장 간담회를 가졌다.")).toMatchObject({
      start: "2026-02-02",
      end: "2026-02-08",
    });
    expect(one("지난달 업무협약을 맺었다.")).toMatchObject({
      start: "2026-01-01",
      end: "2026-01-31",
    });
    expect(one("어제 청년창업센터 개소식을 열었다.")).toMatchObject({
      start: "2026-02-11",
      end: null,
    });
    expect(events("어제 청년창업센터 개소식을 열었다.")).toEqual(["ceremony 2026-02-11"]);
  });

  it("does not read 어제오늘 or 그제서야 as days", () => {
    expect(findDates("어제오늘 일이 아니다. 그제서야 알았다.", FEB12)).toEqual([]);
  });
});

describe("month ends and month-level periods", () => {
  it("reads 말일, 마지막 날 and 말까지 as the month's last day", () => {
    expect(deadline("신청은 2월 말일까지 받는다.").end).toBe("2026-02-28");
    expect(deadline("접수는 이달 마지막 날까지입니다.").end).toBe("2026-02-28");
    expect(deadline("참가 신청은 2월 말까지 누리집에서 받는다.").end).toBe("2026-02-28");
    expect(deadline("서류 제출: 다음 달 말일까지").end).toBe("2026-03-31");
  });

  it("reads 3월 중 as the month, too vague for a deadline", () => {
    // a reminder for 31 March would come too late for a call that closes on the 13th
    expect(one("참여기업은 3월 중 접수한다.")).toMatchObject({
      start: "2026-03-01",
      end: "2026-03-31",
    });
    expect(deadline("참여기업은 3월 중 접수한다.").end).toBeNull();
    expect(events("포상식은 11월 중 개최 예정이다.")).toEqual([]);
  });

  it("never makes a deadline of an approximate part of a month", () => {
    expect(deadline("신청은 3월 중순까지 받는다.").end).toBeNull();
    expect(deadline("접수는 3월 초 시작한다.").end).toBeNull();
  });

  it("does not read 중 inside a longer word", () => {
    expect(findDates("3월 중소기업 지원사업 설명회", FEB12)).toEqual([]);
  });
});

describe("이날", () => {
  const pub = { publishedAt: "2025-12-05" };

  it("is the day the article named before it, not the release's own date", () => {
    const text =
      "구미시는 지난 3일 지역 기업인회가 이웃돕기 성금을 기탁했다고 5일 밝혔다. " +
      "이날 시청 상황실에서 열린 기탁식에는 시장과 기업인회 회원들이 참석했다.";
    expect(events(text, pub)).toEqual(["ceremony 2025-12-03"]);
  });

  it("is the publication date when the article named no day before it", () => {
    expect(events("나주시는 이날 시청 대회의실에서 주민설명회를 열었다.", pub)).toEqual([
      "seminar 2025-12-05",
    ]);
  });

  it("skips a period named before it", () => {
    const text =
      "빛가람동은 지난 2일 꽃소마루와 이달부터 매월 한돈을 후원하는 협약을 체결했다고 밝혔다. 이날 협약식에는 동장이 참석했다.";
    expect(events(text, pub)).toEqual(["ceremony 2025-12-02"]);
  });
});

describe("photo captions", () => {
  const pub = { publishedAt: "2025-12-02" };

  it.each([
    "나주시는 이웃돕기 성금을 기탁받았다고 2일 밝혔다.\n[사진=나주시] 1일 시청 소회의실에서 열린 기탁식",
    "이웃돕기 성금 기탁\n▲ 1일 나주시청에서 열린 기탁식에서 시장과 협의회 관계자들이 기념촬영을 하고 있다. (사진=나주시 제공)",
    "입주기업협의회가 성금 300만 원을 전달했다.\n사진=나주시 1일 기탁식",
  ])("dates the event shown: %s", (text) => {
    expect(events(text, pub)).toEqual(["ceremony 2025-12-01"]);
  });

  it("reads a caption's bare day back from the publication date, even when ahead is as near", () => {
    // 29 November and 29 December are both 15 days from 14 December; the photo shows the past
    const text =
      "나주시는 입주기업협의회로부터 이웃돕기 성금을 기탁받았다고 14일 밝혔다.\n[사진=나주시] 29일 시청 소회의실에서 열린 기탁식";
    expect(events(text, { publishedAt: "2025-12-14" })).toEqual(["ceremony 2025-11-29"]);
    // the same day in a sentence that announces the ceremony stays ahead
    expect(
      events("나주시는 29일 시청 소회의실에서 성금 기탁식을 연다.", { publishedAt: "2025-12-14" }),
    ).toEqual(["ceremony 2025-12-29"]);
  });

  it("counts as past: a caption month-day never moves to next year", () => {
    const text = "입주기업협의회가 성금을 전달했다.\n사진=나주시 11월 5일 기탁식";
    expect(events(text, { publishedAt: "2026-02-12" })).toEqual(["ceremony 2025-11-05"]);
  });
});

describe("extensions", () => {
  const pub = { publishedAt: "2026-04-20" };

  it("takes the changed date, never the old one", () => {
    expect(
      deadline(
        "2026년 소재부품 산업 유공자 포상 신청 (연장)\n※ 신청서 접수기한: (당초) 2026년 4월 17일(금) → (변경) 2026년 5월 1일(금)",
        pub,
      ),
    ).toEqual({ status: "dated", start: null, end: "2026-05-01" });
    expect(
      deadline(
        "- ○ 참가 신청기간 : (기존)‘26. 4. 6. ~ 4. 24. 17:00 (변경)‘26. 4. 6. ~ 5. 10. 17:00",
        pub,
      ),
    ).toEqual({ status: "dated", start: "2026-04-06", end: "2026-05-10" });
  });

  it("reads 4월 17일에서 5월 1일로 연장", () => {
    expect(deadline("참가 신청 마감일을 4월 17일에서 5월 1일로 연장한다.", pub).end).toBe(
      "2026-05-01",
    );
  });

  it("drops an old date even when its replacement is on the next line", () => {
    const text =
      "□ 접수기간\n- ▪(기존) 2026. 4. 2.(목) ~ 4. 16.(목) 16:00까지\n- ▪(연장) 2026. 4. 21.(화) ~ 5. 6.(수) 16:00까지";
    expect(deadline(text, pub)).toEqual({
      status: "dated",
      start: "2026-04-21",
      end: "2026-05-06",
    });
  });

  it("prefers the later of two equally labelled periods in a notice that extends its call", () => {
    const text =
      "2026년 소상공인 도약 지원 사업 모집 연장 공고\n□ 신청기간: 2026. 4. 1.(수) ~ 4. 24.(금)\n□ 신청기간: 2026. 4. 1.(수) ~ 5. 6.(수)";
    expect(deadline(text, pub).end).toBe("2026-05-06");
    // the same lines in a notice that extends nothing: the first period stands
    expect(deadline(text.replace("모집 연장 공고", "모집 공고"), pub).end).toBe("2026-04-24");
  });

  it("reads 마감 연장 and 연장 공고 in the title the same way", () => {
    const lines =
      "\n□ 접수기간: 2026. 4. 1.(수) ~ 4. 24.(금)\n□ 접수기간: 2026. 4. 1.(수) ~ 5. 8.(금)";
    expect(deadline(`2026년 해외전시회 참가기업 모집 마감 연장 안내${lines}`, pub).end).toBe(
      "2026-05-08",
    );
    expect(deadline(`2026년 수출바우처 참여기업 추가모집 연장 공고${lines}`, pub).end).toBe(
      "2026-05-08",
    );
  });

  it("is not fooled by a programme about extending repayments", () => {
    const text =
      "코로나19 특별경영안정자금 상환기간 연장 공고\n□ 신청기간: 2026. 4. 1. ~ 4. 24.\n□ 신청기간: 2026. 4. 1. ~ 5. 6.";
    expect(deadline(text, pub).end).toBe("2026-04-24");
  });
});

describe("periods that are not the application period", () => {
  const pub = { publishedAt: "2026-04-20" };

  it.each([
    "6) 지급보증보험증권(서울SGI) 제출 ※보험기간은 2026년 12월 31일까지",
    "사업기간: 협약일 ~ 2026. 11. 30.까지 (신청기업은 기간 내 완료)",
    "◦ 협약기간 : 2026. 5. 1. ~ 2026. 12. 31.까지 (제출서류 확인 후 협약)",
    "보증기간은 2027년 4월 30일까지이며 신청 기업이 부담한다.",
    "◦ 운영기간: 2026. 5. 1.(금) ~ 2026. 12. 31.(목)까지 (참여기업 모집 후 운영)",
    "최종 선정 결과 발표: 2026. 5. 29.(금)까지 개별 통보",
    "사전 수요조사(9.1~9.19)로 정한 주제를 중심으로 과제 접수 예정",
  ])("gives no deadline: %s", (text) => {
    expect(deadline(text, pub).end).toBeNull();
  });

  it("leaves the deadline to the application cue beside them", () => {
    const text =
      "□ 신청기간: 2026. 4. 22.(수) ~ 5. 8.(금) 18:00까지\n□ 사업기간: 협약일 ~ 2026. 11. 30.까지\n※ 보험기간은 2026년 12월 31일까지";
    expect(deadline(text, pub)).toEqual({
      status: "dated",
      start: "2026-04-22",
      end: "2026-05-08",
    });
  });
});

describe("schedule tables", () => {
  const notice = { publishedAt: null };
  const header = "2026년 4월 22일 경기도지사\n";

  it("reads a markdown row with the year of the notice", () => {
    const text = `${header}| 구분 | 방법 | 일정 |\n|---|---|---|\n| 신청접수 | 온라인 | 4.22~5.8 |\n| 선정평가 | 서면 | 5.13~5.20 |`;
    expect(deadline(text, notice)).toEqual({
      status: "dated",
      start: "2026-04-22",
      end: "2026-05-08",
    });
  });

  it("reads a converted table whose steps are stacked cells", () => {
    const text = `${header}|신청접수|\n|---|\n|성장사다리 신청기업|\n|4.22~5.8|\n\n|사전평가|\n|---|\n|5.13~5.20|`;
    expect(deadline(text, notice)).toMatchObject({ start: "2026-04-22", end: "2026-05-08" });
  });

  it("reads a plain row", () => {
    expect(deadline(`${header}신청서 접수 4.16~4.30 포항TP`, notice)).toMatchObject({
      start: "2026-04-16",
      end: "2026-04-30",
    });
  });

  it("does not read numbers as a dotted range", () => {
    for (const text of [
      "모집유형별 1.5~2배수 선발",
      "금리 2.5~3.5% 적용 신청",
      "신청 점수 3.5~4.5점",
    ]) {
      expect(findDates(text, { publishedAt: "2026-04-20" }), text).toEqual([]);
    }
  });
});

describe("open-ended calls", () => {
  const pub = { publishedAt: "2026-04-20" };

  it("dates an open period with a hard stop by that stop", () => {
    expect(
      deadline("◦ 접수기간: 2026. 4. 23.(목) ~ 예산소진 시까지(접수 종료일: 2026. 11. 30.)", pub),
    ).toEqual({ status: "dated", start: "2026-04-23", end: "2026-11-30" });
    expect(deadline("□ 신청기간: 예산 소진 시까지 (단, 11. 30.까지)", pub)).toEqual({
      status: "dated",
      start: null,
      end: "2026-11-30",
    });
  });

  it("keeps an open period without a stop open", () => {
    expect(deadline("□ 신청기간: 2026. 4. 23.(목) ~ 예산 소진 시까지", pub)).toEqual({
      status: "until-budget",
      start: "2026-04-23",
      end: null,
    });
  });

  it("reads 접수순 and 선착순 without a date as first-come", () => {
    expect(deadline("참여기업은 접수순으로 35개사를 선정한다.", pub).status).toBe("first-come");
    expect(deadline("교육생은 신청순 마감합니다.", pub).status).toBe("first-come");
    expect(deadline("참가 신청은 선착순 마감", pub).status).toBe("first-come");
    // with a date, the deadline stands and first-come is a flag
    const s = extractSchedule("참가 신청은 4월 30일까지 선착순 접수한다.", pub).application;
    expect([s.status, s.end, s.firstCome]).toEqual(["dated", "2026-04-30", true]);
  });

  it("reads an integrated notice whose programmes have their own notices as varies", () => {
    const text =
      "2026년 소상공인 판로지원사업 통합 공고\n※ 사업별 세부 공고는 추후 공고될 예정이며 각 수행기관 누리집에 게시됩니다.\n|사업명|접수|\n|---|---|\n|수출바우처|수시모집|\n|해외전시회|4.1~4.30|";
    expect(deadline(text, pub).status).toBe("varies");
    const agencies =
      "탄소중립 동반성장 통합 공고\n□ (신청방법) 참여기관의 개별공고를 확인한 뒤 기관별로 신청\nㅇ 참여기관별로 공고 일자와 신청방법이 서로 상이";
    expect(deadline(agencies, pub).status).toBe("varies");
  });

  it("keeps the period of an integrated notice that gives one of its own", () => {
    const text =
      "[충남] 2026년 강소기업 도약 지원사업 통합 공고\n□ 신청기간: 2026. 4. 22.(수) ~ 5. 8.(금) 18:00까지\n※ 세부 지원내용은 프로그램별 상이";
    expect(deadline(text, pub)).toEqual({
      status: "dated",
      start: "2026-04-22",
      end: "2026-05-08",
    });
  });

  it("does not take a difference in amounts for a difference in periods", () => {
    const text =
      "2026년 성장사다리 지원사업 통합 공고\n|신청접수|\n|---|\n|4.22~5.8|\n◦ (지원규모) 기업당 최대 20,000천원(프로그램별 상이)";
    expect(deadline(text, pub)).toEqual({
      status: "dated",
      start: "2026-04-22",
      end: "2026-05-08",
    });
  });

  it("reads periods of different programmes as varies", () => {
    const bullets =
      "□ 신청 기간\n◦ (한-폴란드 공동기술개발) 2026. 4. 29.(수) ～ 6. 24.(수) 18시까지\n◦ (한-베트남 공동기술개발) 2026. 4. 29.(수) ～ 6. 22.(월) 18시까지";
    expect(deadline(bullets, pub).status).toBe("varies");
    const columns =
      "|구분|창업새싹|창업열매|창업도약|\n|---|---|---|---|\n|신청기간|~9.30 (수시)|~4.26|~5.10.|";
    expect(deadline(columns, pub).status).toBe("varies");
  });

  it("reads programmes named by the words before the label as varies", () => {
    const text =
      "2026년 나프타 수급 안정 지원사업 공고\n◦ 사업자 신청기간 : ’26. 4. 17.(금) ~ ’26. 4. 24.(금) 18시까지\n◦ 보조금 신청기간 : ’26. 5. 4.(월) ~ ’26. 5. 29.(금) 18시까지";
    expect(deadline(text, pub).status).toBe("varies");
    const brackets =
      "[일반형] 신청기간: 2026. 4. 22.(수) ~ 5. 8.(금)\n[특화형] 신청기간: 2026. 4. 22.(수) ~ 5. 22.(금)";
    expect(deadline(brackets, pub).status).toBe("varies");
  });

  it("reads programmes named by a track heading above their periods as varies", () => {
    const tracks =
      "2026년 AI 바우처 지원사업 공고\n□ 1트랙 (AI 솔루션 도입)\n◦ 신청기간: 2026. 4. 22.(수) ~ 5. 8.(금) 18:00까지\n◦ 신청방법: 온라인 접수\n□ 2트랙 (AI 솔루션 고도화)\n◦ 신청기간: 2026. 4. 22.(수) ~ 5. 29.(금) 18:00까지";
    expect(deadline(tracks, pub).status).toBe("varies");
    const letters =
      "가. 일반형\n- 접수기간: 2026. 5. 1.(금) ~ 5. 15.(금)\n나. 특화형\n- 접수기간: 2026. 5. 1.(금) ~ 6. 5.(금)";
    expect(deadline(letters, pub).status).toBe("varies");
    const sections =
      "## 2. 운영기관 모집\n- □ 신청기간 및 방법\n- ◦ (신청기간) 2026. 4. 27.(월) ~ 2026. 5. 15.(금) 17시까지\n## 3. 참여과제 신청\n- □ 신청 기간 및 방법\n◦ (신청기간) 2026. 4. 27.(월) ~ 2026. 6. 16.(화) 17시까지";
    expect(deadline(sections, pub).status).toBe("varies");
  });

  it("does not take a later step for those selected for a programme", () => {
    const text =
      "2026 친환경 소재 해외진출 지원 참여기업 모집공고\n1. 참여기업 모집\n- ○ 신청기간 : 공고일 ~ 2026. 5. 22.(금) 18:00\n- ○ 신청방법: 온라인 접수\n2. 지원금 신청 안내\n- ① 신청기간: 2026. 11. 30.(월) 18:00까지\n- ② 신청방법: 전자우편 제출";
    expect(deadline(text, pub)).toEqual({ status: "dated", start: null, end: "2026-05-22" });
  });

  it("does not take rounds under their own headings for programmes", () => {
    const text =
      "□ 1차 모집\n◦ 접수기간: 2026. 4. 1.(수) ~ 4. 30.(목)\n□ 2차 모집\n◦ 접수기간: 2026. 6. 1.(월) ~ 6. 30.(화)";
    expect(deadline(text, pub).status).toBe("dated");
  });

  it("keeps the first period of rounds", () => {
    const rounds = "|구분|1차|2차|\n|---|---|---|\n|신청기간|~4.30|~5.31|";
    expect(deadline(rounds, pub)).toEqual({ status: "dated", start: null, end: "2026-04-30" });
  });

  it("reads an integrated notice that only announces its programmes' notices as tba", () => {
    const future =
      "2026년 소상공인 지원사업 통합 공고\n※ 사업별로 지원 대상이 상이할 수 있으니 사업별 공고를 꼭 확인\n※ 사업별 세부 공고는 추후 공고될 예정이며 각 기관 누리집에 게시됩니다.\n|세부 사업명|사업 공고|\n|---|---|\n|소상공인 성장 지원|’26.2|";
    expect(deadline(future, pub).status).toBe("tba");
    const plan =
      "2026년 제조 디지털전환 지원사업 통합 공고\n※ 과제 수와 추진 일정은 여건에 따라 바뀔 수 있으니,\n향후 공지될 개별사업 공고문에서 꼭 확인 바람";
    expect(deadline(plan, pub).status).toBe("tba");
  });

  it("takes the round still open when the notice was published", () => {
    const rows = "|구분|1차|2차|\n|---|---|---|\n|신청기간|~4.30|~5.31|";
    expect(deadline(rows, { publishedAt: "2026-05-08" }).end).toBe("2026-05-31");
    const lines =
      "◦ 1차 접수기간: 2026. 3. 2.(월) ~ 3. 31.(화)\n◦ 2차 접수기간: 2026. 6. 1.(월) ~ 6. 30.(화)\n◦ 3차 접수기간: 2026. 9. 1.(화) ~ 9. 30.(수)";
    expect(deadline(lines, { publishedAt: "2026-04-02" })).toEqual({
      status: "dated",
      start: "2026-06-01",
      end: "2026-06-30",
    });
    // before the first round closes, the first round is the call
    expect(deadline(lines, { publishedAt: "2026-02-20" }).end).toBe("2026-03-31");
    // when every round has closed, nothing is preferred over the first
    expect(deadline(lines, { publishedAt: "2026-11-02" }).end).toBe("2026-03-31");
  });

  it("reads a call that only announces its period for later as tba", () => {
    expect(deadline("- ◦ (접수기간) 추후 별도 공고 (3월 중)", pub).status).toBe("tba");
  });
});
