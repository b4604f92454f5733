import type { ApplicationStatus, EventKind } from "../types.ts";
import type { Locale } from "./reply-model.ts";

/** Every user-facing word, in Korean and English. */
const STRINGS = {
  region: { ko: "지역", en: "Region" },
  category: { ko: "분야", en: "Category" },
  schedule: { ko: "일정", en: "Schedule" },
  application: { ko: "신청 기간", en: "Application" },
  source: { ko: "출처", en: "Source" },
  results: { ko: "건", en: "results" },
  page: { ko: "쪽", en: "page" },
  previous: { ko: "이전", en: "Previous" },
  next: { ko: "다음", en: "Next" },
  noResults: { ko: "검색 결과가 없습니다", en: "No results" },
  nothingFor: { ko: "조건에 맞는 소식이 없습니다", en: "Nothing matches" },
  sameTypeElsewhere: { ko: "다른 지역의 같은 유형", en: "Same type elsewhere" },
  anythingThere: { ko: "이 지역의 다른 소식", en: "Anything in this region" },
  anyTime: { ko: "기간과 상관없이", en: "Any time" },
  suggestions: { ko: "추천 검색어", en: "Suggestions" },
  after: { ko: "이후", en: "onwards" },
  deadlinesTitle: { ko: "마감 임박 지원사업", en: "Closing soon" },
  eventsTitle: { ko: "다가오는 일정", en: "Upcoming events" },
  openTitle: { ko: "상시·기한 미정 접수", en: "Open-ended applications" },
  noDeadlines: {
    ko: "기간 안에 마감되는 신청이 없습니다",
    en: "No application closes in this window",
  },
  listPage: { ko: "목록 페이지", en: "list page" },
  published: { ko: "게시", en: "published" },
  firstCome: { ko: "선착순", en: "first come" },
  latestTitle: { ko: "최신 소식", en: "Latest news" },
} as const;

export type LabelKey = keyof typeof STRINGS;

export function t(key: LabelKey, locale: Locale): string {
  return STRINGS[key][locale];
}

const STATUS: Record<ApplicationStatus, { ko: string; en: string }> = {
  dated: { ko: "기간 있음", en: "dated" },
  rolling: { ko: "상시 접수", en: "rolling" },
  "first-come": { ko: "선착순", en: "first come, first served" },
  "until-budget": { ko: "예산 소진 시까지", en: "until the budget runs out" },
  tba: { ko: "추후 공지", en: "to be announced" },
  varies: { ko: "사업별 상이", en: "varies by programme" },
  none: { ko: "신청 없음", en: "no application" },
};

export function statusLabel(status: ApplicationStatus, locale: Locale): string {
  return STATUS[status][locale];
}

const EVENT_KIND: Record<EventKind, { ko: string; en: string }> = {
  seminar: { ko: "설명회", en: "seminar" },
  course: { ko: "교육", en: "course" },
  ceremony: { ko: "협약식·행사", en: "ceremony" },
  meeting: { ko: "회의", en: "meeting" },
  fair: { ko: "박람회", en: "fair" },
  other: { ko: "행사", en: "event" },
};

export function eventKindLabel(kind: EventKind, locale: Locale): string {
  return EVENT_KIND[kind][locale];
}
