/**
 * The category taxonomy: the event types and 기업마당 fields from the field notes, merged where
 * they are the same thing (기업마당 수출 = trade, 창업 = startup, 금융 = finance, 인력 = jobs).
 * `cues` are read in article text (Korean, matched inside words unless marked by a leading `^`
 * for a word start); `queryWords` are the Korean words users type for it (English ones, with
 * their Korean translations, are in src/query/lexicon.ts).
 * Kept as data so that extraction and query understanding share one vocabulary.
 */
export interface CategoryDefinition {
  id: string;
  ko: string;
  en: string;
  /** Embed colour for replies. */
  color: number;
  cues: string[];
  queryWords: string[];
}

export const CATEGORIES: readonly CategoryDefinition[] = [
  {
    id: "seminar",
    ko: "설명회·세미나",
    en: "Seminars & briefings",
    color: 0x3b82f6,
    cues: [
      "설명회",
      "세미나",
      "포럼",
      "간담회",
      "특강",
      "토론회",
      "컨퍼런스",
      "콘퍼런스",
      "워크숍",
      "심포지엄",
    ],
    queryWords: ["설명회", "세미나", "포럼", "간담회", "특강"],
  },
  {
    id: "fair",
    ko: "박람회·상담회",
    en: "Fairs & exhibitions",
    color: 0x8b5cf6,
    cues: ["박람회", "전시회", "상담회", "엑스포", "페어", "판촉전"],
    queryWords: ["박람회", "전시회", "상담회", "엑스포"],
  },
  {
    id: "training",
    ko: "교육",
    en: "Training",
    color: 0x10b981,
    cues: [
      "교육생",
      "교육과정",
      "교육 과정",
      "아카데미",
      "양성과정",
      "양성 과정",
      "자격증",
      "취득 과정",
      "직무교육",
      "수강생",
      "교육 프로그램",
      "교육을 실시",
      "교육을 진행",
      "역량강화 교육",
      "훈련생",
    ],
    queryWords: ["교육", "교육생", "훈련", "아카데미", "강좌", "자격증"],
  },
  {
    id: "jobs",
    ko: "일자리·인력",
    en: "Jobs & hiring",
    color: 0xf59e0b,
    cues: ["채용", "일자리", "구인", "취업", "구직", "인력난", "인력 양성", "인력양성", "고용"],
    queryWords: ["일자리", "채용", "구인", "취업", "구직", "인력"],
  },
  {
    id: "call",
    ko: "지원사업·모집",
    en: "Support calls",
    color: 0xef4444,
    cues: [
      "지원사업",
      "지원 사업",
      "참여기업 모집",
      "참여 기업 모집",
      "공모",
      "신청 접수",
      "접수",
      "모집",
      "바우처",
      "지원금",
      "보조금",
      "신청기간",
      "모집공고",
    ],
    queryWords: ["모집", "공모", "지원사업", "신청", "접수", "바우처"],
  },
  {
    id: "subsidy",
    ko: "지원금",
    en: "Subsidies & grants",
    color: 0xdc2626,
    cues: ["지원금", "보조금", "장려금", "지원비", "손실보상", "바우처"],
    queryWords: ["지원금", "보조금", "장려금"],
  },
  {
    id: "finance",
    ko: "금융·자금",
    en: "Finance & loans",
    color: 0x0ea5e9,
    cues: ["정책자금", "융자", "보증", "대출", "자금", "금융", "이차보전", "투자유치"],
    queryWords: ["자금", "융자", "보증", "대출", "금융", "정책자금"],
  },
  {
    id: "trade",
    ko: "수출·통상",
    en: "Export & trade",
    color: 0x14b8a6,
    cues: [
      "수출",
      "관세",
      "통상",
      "^fta",
      "해외진출",
      "해외 진출",
      "무역",
      "세관",
      // Export promotion that never says 수출: trade shows abroad, market-pioneering missions,
      // overseas branch offices (bizinfo files these under 수출).
      "해외전시회",
      "해외 전시회",
      "해외시장",
      "해외 시장",
      "해외지사",
      "해외판로",
      "해외 판로",
      "사절단",
    ],
    queryWords: ["수출", "관세", "통상", "무역", "해외진출"],
  },
  {
    id: "startup",
    ko: "창업",
    en: "Startups",
    color: 0xa855f7,
    cues: ["창업", "스타트업", "예비창업자", "보육기업", "액셀러레이터", "벤처"],
    queryWords: ["창업", "스타트업", "벤처"],
  },
  {
    id: "mou",
    ko: "업무협약",
    en: "Agreements (MOU)",
    color: 0x64748b,
    cues: ["업무협약", "^mou", "협약을 체결", "협약 체결", "협약식", "맞손"],
    queryWords: ["협약", "업무협약"],
  },
  {
    id: "policy",
    ko: "정책·제도",
    en: "Policy & regulation",
    color: 0x78716c,
    cues: ["대책", "협의회", "시행", "개정", "규제", "특구", "제도 개선", "법령"],
    queryWords: ["정책", "제도", "규제", "대책"],
  },
  {
    id: "selection",
    ko: "선정·결과",
    en: "Selections & results",
    color: 0xeab308,
    cues: ["선정했다", "선정됐다", "선정되었다", "최종 선정", "선정 결과", "수상", "인증"],
    queryWords: ["선정", "결과", "수상"],
  },
  {
    id: "tech",
    ko: "기술·R&D",
    en: "Technology & R&D",
    color: 0x06b6d4,
    cues: [
      "기술개발",
      "^r&d",
      "연구개발",
      "특허",
      "스마트공장",
      "스마트 공장",
      "인공지능",
      "^ai",
      "디지털 전환",
      "디지털전환",
      "소프트웨어",
    ],
    queryWords: ["기술", "기술개발", "연구개발", "특허", "인공지능", "스마트공장"],
  },
  {
    id: "market",
    ko: "판로·내수",
    en: "Sales & markets",
    color: 0x22c55e,
    cues: ["판로", "내수", "온라인 판매", "전통시장", "상권", "판매 지원", "입점"],
    queryWords: ["판로", "내수", "판매", "상권", "전통시장"],
  },
  {
    id: "management",
    ko: "경영·컨설팅",
    en: "Management & consulting",
    color: 0x6366f1,
    cues: ["컨설팅", "세무", "노무", "멘토링", "경영지원", "경영 지원", "경영안정"],
    queryWords: ["경영", "컨설팅", "세무", "노무", "멘토링"],
  },
  {
    id: "care",
    ko: "돌봄·복지",
    en: "Care & welfare",
    color: 0xf472b6,
    cues: ["요양보호사", "돌봄", "복지사각지대", "사회복지", "취약계층"],
    queryWords: ["요양보호사", "돌봄", "복지"],
  },
];

const BY_ID = new Map(CATEGORIES.map((c) => [c.id, c]));

export function getCategory(id: string): CategoryDefinition | undefined {
  return BY_ID.get(id);
}

export function categoryLabel(id: string, locale: "ko" | "en"): string {
  const category = BY_ID.get(id);
  if (!category) return id;
  return locale === "ko" ? category.ko : category.en;
}
