/**
 * The bot's own sentences (refusals, errors, subscriptions, reindex), in Korean and English.
 * `{name}` placeholders are filled by `say`; the values are escaped by the caller when they come
 * from users or articles.
 */
import type { Locale } from "../present/reply-model.ts";

const SENTENCES = {
  unknownCommand: { ko: "알 수 없는 명령입니다.", en: "Unknown command." },
  failed: {
    ko: "처리하는 중에 문제가 생겼습니다. 잠시 후 다시 시도해 주세요.",
    en: "Something went wrong. Please try again in a moment.",
  },
  emptyQuery: { ko: "검색어를 입력해 주세요.", en: "Please type something to search for." },
  queryTooLong: {
    ko: "검색어는 {max}자까지 입력할 수 있습니다.",
    en: "Queries are limited to {max} characters.",
  },
  unknownRegion: {
    ko: "“{region}” 지역을 찾지 못했습니다. 목록에서 골라 주세요.",
    en: "Unknown region “{region}”. Please pick one from the list.",
  },
  unknownCategory: { ko: "알 수 없는 분야입니다: {category}", en: "Unknown category: {category}" },
  buttonExpired: {
    ko: "이 검색 결과는 더 이상 넘길 수 없습니다. 다시 검색해 주세요.",
    en: "These results can no longer be paged. Please search again.",
  },
  guildOnly: { ko: "서버 안에서만 쓸 수 있는 명령입니다.", en: "This only works inside a server." },
  needManageChannels: {
    ko: "채널 관리 권한이 있는 사람만 알림을 설정할 수 있습니다.",
    en: "Only members with the Manage Channels permission can set up reminders.",
  },
  needManageGuild: {
    ko: "서버 관리 권한이 있는 사람만 색인을 다시 만들 수 있습니다.",
    en: "Only members with the Manage Server permission can rebuild the index.",
  },
  subscribed: {
    ko: "{channel} 채널에 매일 {hour}시(한국 시간) 마감 알림(D-7, D-3, D-1, 당일)을 보냅니다.",
    en: "{channel} will get deadline reminders (D-7, D-3, D-1, D-day) every day at {hour}:00 Korea time.",
  },
  subscribedScope: { ko: "범위: {scope}", en: "Scope: {scope}" },
  allNews: { ko: "전체", en: "everything" },
  offlineNote: {
    ko: "오프라인 콘솔에서는 구독만 저장됩니다. 알림 게시는 DISCORD_TOKEN으로 봇을 실행할 때만 이루어집니다.",
    en: "The offline console only saves the subscription; reminders are posted only when the bot runs with DISCORD_TOKEN.",
  },
  unsubscribed: {
    ko: "{channel} 채널의 마감 알림을 껐습니다.",
    en: "Deadline reminders for {channel} are off.",
  },
  notSubscribed: {
    ko: "{channel} 채널은 알림을 받고 있지 않습니다.",
    en: "{channel} has no deadline reminders.",
  },
  statusTitle: { ko: "마감 알림 구독", en: "Deadline reminder subscriptions" },
  noSubscriptions: {
    ko: "이 서버에는 알림 구독이 없습니다. /deadlines subscribe 로 시작하세요.",
    en: "No subscriptions in this server yet. Start one with /deadlines subscribe.",
  },
  statusHour: { ko: "매일 {hour}시", en: "daily at {hour}:00" },
  statusToday: { ko: "오늘", en: "today" },
  statusSent: { ko: "보냄", en: "sent" },
  statusFailed: { ko: "실패", en: "failed" },
  statusPending: { ko: "보내는 중", en: "sending" },
  statusRetrying: { ko: "다음 정시에 다시 보냅니다", en: "retrying at the next hour" },
  statusLastError: { ko: "마지막 오류", en: "Last error" },
  statusFailingSince: { ko: "실패 시작", en: "failing since" },
  statusOk: { ko: "정상", en: "working" },
  reindexBusy: {
    ko: "색인을 이미 다시 만드는 중입니다 ({since} 시작). 끝나면 다시 시도해 주세요.",
    en: "A reindex is already running (started {since}). Try again when it has finished.",
  },
  reindexDone: { ko: "색인을 새로 만들었습니다", en: "Index rebuilt" },
  reindexFailed: {
    ko: "색인을 다시 만들지 못했습니다. 기존 색인으로 계속 답합니다.",
    en: "The reindex failed. The previous index keeps serving.",
  },
  articles: { ko: "기사", en: "Articles" },
  files: { ko: "파일", en: "Files" },
  skipped: { ko: "건너뛴 기록", en: "Skipped records" },
  duplicates: { ko: "중복", en: "Duplicates" },
  repaired: { ko: "고친 기록", en: "Repaired records" },
  droppedUrls: { ko: "링크를 뺀 기사", en: "Articles kept without their URL" },
  took: { ko: "걸린 시간", en: "Time" },
  error: { ko: "오류", en: "Error" },
  none: { ko: "없음", en: "none" },
} as const;

export type SentenceKey = keyof typeof SENTENCES;

export function say(key: SentenceKey, locale: Locale, values: Record<string, string> = {}): string {
  return SENTENCES[key][locale].replace(
    /\{(\w+)\}/g,
    (whole, name: string) => values[name] ?? whole,
  );
}
