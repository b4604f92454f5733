/**
 * Cue words that give a date its role (application period, event, announcement, or nothing the
 * reader acts on), and the phrases that make an application open-ended. Data only: the grammar
 * that uses them lives in schedule.ts.
 *
 * Word syntax: a space matches spaces within a line, or none ("신청 기간" also matches "신청기간"); "·"
 * matches an optional middle dot of any of the usual code points.
 */
import type { ApplicationStatus, EventKind } from "../types.ts";

export type CueRole = "application" | "event" | "announcement" | "ignore";

export interface CueGroup {
  role: CueRole;
  kind?: EventKind;
  /** Names the period itself ("신청 기간", "교육 기간"): binds hardest to the date beside it. */
  label?: boolean;
  /** A generic verb ("진행", "실시"): an event only when an event noun shares the sentence. */
  weak?: boolean;
  /** A single date with this cue is a deadline ("4월 30일 마감"). */
  closes?: boolean;
  /** A single date with this cue opens the period ("4월 1일 접수 시작"). */
  opens?: boolean;
  words: readonly string[];
  /** Regex fragment vetoing the cue when it follows the word ("회의실" is a room). */
  notFollowedBy?: string;
  /** Regex fragment vetoing the cue when it precedes the word ("심사 과정" is a process). */
  notPrecededBy?: string;
  /** Regex fragment that must follow the word ("협의회를 개최", not "…협의회는"). */
  followedBy?: string;
}

export const CUE_GROUPS: readonly CueGroup[] = [
  // --- application -----------------------------------------------------------------------
  {
    role: "application",
    label: true,
    words: [
      "신청 기간",
      "접수 기간",
      "모집 기간",
      "공모 기간",
      "응모 기간",
      "신청·접수 기간",
      "신청 및 접수 기간",
      "제출 기간",
      "신청 일정",
      "접수 일정",
      "모집 일정",
      "신청 일시",
      "접수 일시",
      "등록 기간",
      "참가 신청 기간",
    ],
  },
  {
    role: "application",
    label: true,
    closes: true,
    words: ["신청 기한", "접수 기한", "제출 기한", "마감 일시", "마감일"],
  },
  {
    role: "application",
    closes: true,
    words: ["접수 마감", "신청 마감", "모집 마감", "마감", "제출 마감"],
  },
  { role: "application", opens: true, words: ["접수 시작", "신청 시작", "모집 시작", "접수 개시"] },
  {
    role: "application",
    words: [
      "교육생 모집",
      "교육 신청",
      "참가 신청",
      "참가자 모집",
      "사전 신청",
      "사전 등록",
      "참가 등록",
      "수강 신청",
      "접수",
      "모집",
      "공모",
      "응모",
      "제출",
      "선착순",
      "지원서",
      "원서",
    ],
    notFollowedBy: "처|번호|증|자|인원|요강",
  },
  // "신청일 기준" dates an eligibility rule, not the call
  { role: "application", words: ["신청"], notFollowedBy: "자|인|금|일|서\\s*양식|한\\s*기업|건" },
  // --- events ------------------------------------------------------------------------------
  {
    role: "event",
    kind: "course",
    label: true,
    words: ["교육 기간", "교육 일정", "교육 일시", "과정 기간", "훈련 기간", "수업 기간"],
  },
  {
    role: "event",
    kind: "fair",
    words: [
      "설명·상담회",
      "박람회",
      "상담회",
      "전시회",
      "엑스포",
      "페어",
      "장터",
      "축제",
      "페스티벌",
      "판매전",
      "기획전",
      "교류전",
      "특별전",
      "초대전",
      "로드쇼",
      "팝업 스토어",
    ],
  },
  { role: "event", kind: "fair", words: ["전시"], notFollowedBy: "관|장|물|품|실|공간|시설" },
  {
    role: "event",
    kind: "seminar",
    words: [
      "설명회",
      "세미나",
      "포럼",
      "간담회",
      "특강",
      "토론회",
      "워크숍",
      "워크샵",
      "컨퍼런스",
      "콘퍼런스",
      "강연회",
      "강연",
      "심포지엄",
      "교류회",
      "발표회",
      "공청회",
      "토크 콘서트",
      "토크쇼",
      "네트워킹",
    ],
  },
  {
    role: "event",
    kind: "course",
    words: ["교육 과정", "양성 과정", "취득 과정", "연수 과정", "아카데미", "강좌", "캠프", "실습"],
  },
  // "수강생", "연수생", "훈련생" are people, not the course
  { role: "event", kind: "course", words: ["연수", "수강", "훈련"], notFollowedBy: "생|원|비" },
  {
    role: "event",
    kind: "course",
    words: ["교육"],
    notFollowedBy: "생|청|비|부|감|원|장|기관|대상|신청",
  },
  {
    role: "event",
    kind: "course",
    words: ["과정"],
    notPrecededBy:
      "(?:선정|심사|평가|추진|논의|절차|검토|진행|처리|생산|제조|성장|발전|변화|회복)\\s*",
  },
  {
    role: "event",
    kind: "ceremony",
    words: [
      "협약식",
      "업무 협약",
      "협약 체결",
      "체결",
      "MOU",
      "개관식",
      "개관",
      "개소식",
      "발대식",
      "출범식",
      "기념식",
      "시상식",
      "수여식",
      "준공식",
      "착공식",
      "기공식",
      "개막식",
      "폐막식",
      "선포식",
      "제막식",
      "전달식",
      "위촉식",
      "현판식",
      "개원식",
      "기탁식",
      "수료식",
      "입학식",
      "졸업식",
      "입소식",
      "발표식",
    ],
  },
  { role: "event", kind: "ceremony", words: ["개소"], notPrecededBy: "\\d\\s*" },
  {
    role: "event",
    kind: "ceremony",
    words: ["협약"],
    notFollowedBy: "서|금|\\s*기간|\\s*대상|\\s*내용|\\s*해지|\\s*변경|\\s*기업|\\s*이행",
  },
  {
    role: "event",
    kind: "meeting",
    words: ["라운드테이블", "총회", "회담", "점검 회의", "실무 협의", "보고회"],
  },
  { role: "event", kind: "meeting", words: ["회의"], notFollowedBy: "실|장|록|원|적" },
  {
    role: "event",
    kind: "meeting",
    // Mostly an organisation's name ("…협의체는 지난 2일 성금을 전달"); a meeting only when held.
    words: ["협의회", "협의체", "위원회"],
    followedBy: "를|을|에서|\\s*회의|\\s*개최|가\\s*열|\\s*전체\\s*회의",
  },
  {
    role: "event",
    kind: "other",
    words: [
      "개최",
      "열린다",
      "열리는",
      "열렸다",
      "열려",
      "열리며",
      "열릴",
      "열린",
      "열어",
      "열고",
      "열었다",
      "행사",
      "경진대회",
      "캠페인",
      "시연회",
      "공연",
    ],
  },
  // "대회의실" is a room
  { role: "event", kind: "other", words: ["대회"], notFollowedBy: "의실|의장" },
  {
    role: "event",
    kind: "other",
    label: true,
    words: ["행사 일시", "개최 일시", "행사 기간", "개최 기간", "운영 기간"],
  },
  {
    role: "event",
    kind: "other",
    label: true,
    words: ["일시"],
    notFollowedBy: "적|중|정|불|휴|납|금|지급|상환|대출|보관|폐쇄",
  },
  {
    role: "event",
    kind: "other",
    weak: true,
    words: ["진행", "실시"],
    notFollowedBy: "중|상황|경과|사항",
  },
  // --- announcements: dated, but never a deadline and nothing to attend -------------------------
  {
    role: "announcement",
    words: [
      "선정 결과",
      "결과 발표",
      "결과 공지",
      "결과 안내",
      "합격자 발표",
      "선정 통보",
      "결과 통보",
      "최종 선정",
      "공고일",
      "게시",
    ],
  },
  { role: "announcement", words: ["발표"], notFollowedBy: "회|자|평가|심사|자료" },
  { role: "announcement", words: ["공고"], notFollowedBy: "문|\\s*내용|\\s*참조" },
  // --- periods and references that are neither -----------------------------------------------
  {
    role: "ignore",
    label: true,
    words: [
      "사업 기간",
      "협약 기간",
      "지원 기간",
      "수행 기간",
      "개발 기간",
      "과제 기간",
      "계약 기간",
      "보증 기간",
      "대출 기간",
      "이용 기간",
      "임대 기간",
      "입주 기간",
      "조사 기간",
      "실적 기간",
      "인정 기간",
      "대상 기간",
      "재직 기간",
      "고용 기간",
      "근무 기간",
      "평가 기간",
      "심사 기간",
      "사용 기한",
      "사용 기간",
      "유효 기간",
    ],
  },
  {
    role: "ignore",
    words: [
      "기준",
      "현재",
      "작성일",
      "시행",
      "개정",
      "설립",
      "창립",
      "출시",
      "납부",
      "입금",
      "정산",
      "심사",
      "평가",
      "면접",
      "발급",
      "개업",
      "창업일",
      "등록일",
      "이후",
      "이전",
      "기간 내",
      // examples: "(ex. 2026. 5. 1. 협약 시, …)"
      "ex.",
      "예시",
      "예를 들어",
      "예컨대",
      // the press release's own date: "개최했다고 3일 밝혔다", "1일 나주시에 따르면"
      "밝혔다",
      "밝혔으며",
      "밝혔다고",
      "밝혀",
      "밝힌",
      "전했다",
      "말했다",
      "알렸다",
      "따르면",
    ],
  },
];

/** An event whose sentence says it did not or will not happen as dated. */
export const EVENT_CANCELLED =
  /불이행|무산|취소(?:됐|되었|했|한다|된다|되어)|연기(?:됐|되었|했|한다|된다|되어)|보류(?:됐|되었|했)/;

export interface OpenEndedPhrase {
  status: Exclude<ApplicationStatus, "dated" | "none">;
  pattern: string;
  /**
   * Only counts under a label naming the application period ("신청기간: 추후 공지"): these
   * phrases are as common about results or later steps ("향후 일정은 별도 안내").
   */
  labelOnly?: boolean;
}

/**
 * Phrases that replace a dated deadline. Each counts only where the nearest role cue is an
 * application cue (see schedule.ts): "선정 결과는 추후 공지" is about results, not applying.
 */
/** Every character an open-ended phrase can start with (keep in step with the patterns). */
export const OPEN_ENDED_FIRST_CHARS = "예사자보지재한소선모신접인정연상수(（추별향차";

export const OPEN_ENDED_PHRASES: readonly OpenEndedPhrase[] = [
  {
    status: "until-budget",
    pattern:
      "(?:예산|사업비|자금|보증\\s*한도|지원금|재원|한도)\\s*(?:이\\s*|의\\s*)?소진\\s*시?\\s*(?:까지|마감|종료)?|소진\\s*시\\s*까지|소진\\s*시\\s*마감|소진\\s*될\\s*때\\s*까지",
  },
  {
    status: "first-come",
    // "모집 완료시까지" closes with the quota; "신청완료 시 자동승인" is about one applicant.
    pattern:
      "선착순|(?:모집|신청|접수)\\s*(?:인원\\s*)?(?:완료|마감|충족)\\s*시\\s*(?:까지|(?=\\s*(?:$|[\\n,.)|])))|(?:인원|정원)\\s*(?:초과|충족|도달|마감)\\s*시\\s*(?:까지|[,\\s]*(?:조기\\s*)?(?:접수\\s*)?마감)",
  },
  {
    status: "rolling",
    pattern:
      // "상시 멘토링 참여자 모집" is a standing service, not a standing call: 상시 must qualify
      // the applying itself, stand in brackets, or end the clause ("신청기간: 상시").
      "연중\\s*(?:상시|수시)(?:\\s*(?:접수|모집|신청))?|(?:상시|수시)\\s*(?:접수|모집|신청)|[(（](?:상시|수시)[)）]|상시(?:\\s*지원)?(?=\\s*(?:$|[\\n,.()（）|]))",
  },
  {
    status: "tba",
    pattern: "(?:추후|별도|향후|차후)\\s*(?:공지|안내|공고|통보|게시|확정)",
    labelOnly: true,
  },
  {
    status: "varies",
    // "세부사업별 상이": matched from 별, so no position pays for a run of syllables
    pattern: "(?<=[가-힣])별\\s*(?:상이|다름|별도\\s*(?:공고|안내))",
    labelOnly: true,
  },
];
