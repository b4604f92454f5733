import { stripParticles } from "../analysis/particles.ts";
import { CATEGORIES } from "../extract/category-lexicon.ts";
import type { EventKind } from "../types.ts";
import { type GlossaryEntry, TOPIC_GLOSSARY } from "./glossary.ts";

/**
 * What question words mean, kept as data. A concept carries the category it filters on, the
 * event kind it asks about (if any) and the Korean words it searches for: "tariff" searches 관세.
 */
export interface Concept {
  /** The category it filters on, or null for a plain translation (small business → 소상공인). */
  category: string | null;
  eventKind: EventKind | null;
  /** Korean terms to rank by when the user's word is not itself in the articles' language. */
  korean: string[];
}

/**
 * English words and phrases → category and the Korean words to search. Words that articles
 * themselves write in Latin letters (AI, ESG, IT, R&D in Korean text) are deliberately absent:
 * they search as typed. This core table holds the question vocabulary (types, calls, money,
 * trade); the topic words derived from the corpus's titles are in glossary.ts.
 */
const CORE_ENGLISH: GlossaryEntry[] = [
  [
    [
      "seminar",
      "seminars",
      "briefing",
      "briefings",
      "info session",
      "information session",
      "forum",
      "forums",
      "workshop",
      "workshops",
      "conference",
      "conferences",
      "webinar",
    ],
    "seminar",
    ["설명회", "세미나"],
  ],
  [
    ["training", "course", "courses", "class", "classes", "academy", "education", "lecture"],
    "training",
    ["교육"],
  ],
  [["certificate", "license"], "training", ["자격증"]],
  // Titles say 인증 (product and quality certification) far more often than 자격증.
  [["certification"], null, ["인증"]],
  [["fair", "fairs", "expo"], "fair", ["박람회"]],
  [["trade show", "trade shows"], "fair", ["전시회", "박람회"]],
  [["exhibition", "exhibitions"], "fair", ["전시회"]],
  [["consultation", "matchmaking"], "fair", ["상담회"]],
  [
    ["recruitment", "applications", "application", "apply", "open call", "calls"],
    "call",
    ["모집", "신청"],
  ],
  [["voucher", "vouchers"], "call", ["바우처"]],
  [
    ["subsidy", "subsidies", "grant", "grants", "allowance"],
    "subsidy",
    ["지원금", "보조금", "장려금"],
  ],
  // Titles write the loanword too (단체관광객 유치 인센티브).
  [["incentive", "incentives"], "subsidy", ["인센티브", "지원금", "보조금", "장려금"]],
  [["loan", "loans"], "finance", ["융자", "대출"]],
  [["guarantee", "guarantees"], "finance", ["보증"]],
  [["funding", "fund", "funds", "finance", "financing", "credit"], "finance", ["자금"]],
  [["tariff", "tariffs"], "trade", ["관세"]],
  [["customs"], "trade", ["세관", "관세"]],
  [["export", "exports", "exporter", "exporters"], "trade", ["수출"]],
  [["trade", "overseas", "global"], "trade", ["무역", "해외"]],
  [
    ["startup", "startups", "start-up", "founder", "founders", "venture", "ventures"],
    "startup",
    ["창업"],
  ],
  [["mou", "mous", "agreement", "agreements", "partnership"], "mou", ["협약"]],
  [["policy", "policies", "regulation", "regulations"], "policy", ["정책", "규제"]],
  [["selection", "selected", "results", "award", "awards"], "selection", ["선정"]],
  [["technology", "research"], "tech", ["기술"]],
  [
    [
      "patent",
      "patents",
      "patent application",
      "patent applications",
      "intellectual property",
      "trademark",
      "trademarks",
    ],
    null,
    ["특허", "지식재산", "출원"],
  ],
  [["smart factory", "smart factories"], "tech", ["스마트공장"]],
  [["software"], "tech", ["소프트웨어"]],
  [["sales", "retail", "market", "markets"], "market", ["판로"]],
  // 마케팅 is one of the commonest title words; 판로 (sales channels) is what it is for.
  [["marketing"], "market", ["마케팅", "판로"]],
  [
    ["traditional market", "traditional markets", "local market", "local markets"],
    "market",
    ["전통시장", "상점가", "골목상권"],
  ],
  [["consulting", "mentoring", "advice"], "management", ["컨설팅", "멘토링"]],
  [["tax", "taxes"], "management", ["세무"]],
  [["caregiver", "caregivers", "nursing"], "care", ["요양보호사"]],
  [["care", "welfare"], "care", ["돌봄", "복지"]],
  [["jobs", "job", "employment", "workforce", "job seekers"], "jobs", ["일자리", "채용"]],
  [["hiring", "recruit staff"], "jobs", ["채용"]],
  // A glossary of support-news words with no category of their own.
  [["women", "female"], null, ["여성"]],
  [["youth", "young people"], null, ["청년"]],
  [["hydrogen"], null, ["수소"]],
  [["textile", "textiles", "fashion"], null, ["섬유", "패션"]],
  [["medical device", "medical devices"], null, ["의료기기"]],
  [["live commerce"], null, ["라이브커머스"]],
  [["loss compensation", "compensation"], null, ["손실보상", "보상"]],
  [["special zone", "special zones", "free zone"], null, ["특구"]],
  [["regulation-free", "regulatory sandbox", "sandbox"], "policy", ["규제자유특구", "규제특례"]],
  [["restart", "second chance"], null, ["재창업", "재도전", "재기", "희망리턴"]],
  [["manufacturing", "manufacturer", "manufacturers"], null, ["제조"]],
  [["tourism", "travel"], null, ["관광"]],
  [["food"], null, ["식품"]],
  [["energy"], null, ["에너지"]],
  [["content", "contents"], null, ["콘텐츠"]],
  [["rent", "lease"], null, ["임차료", "임대료"]],
  [["insurance"], null, ["보험"]],
  [["safety"], null, ["안전"]],
  [["environment", "environmental"], null, ["환경"]],
  [["agriculture", "farming", "farmers"], null, ["농업", "농가"]],
  [["fisheries", "fishing"], null, ["수산"]],
  [["culture", "arts"], null, ["문화", "예술"]],
  [["semiconductor", "semiconductors"], null, ["반도체"]],
  [["battery", "batteries"], null, ["배터리", "이차전지"]],
  [["bio", "biotech", "biotechnology"], null, ["바이오"]],
  [["incubator", "incubation"], "startup", ["보육", "입주"]],
  [["small business", "small businesses", "smes"], null, ["소상공인", "중소기업"]],
];

/** Every English word or phrase jiwon understands: the core table, then the topic glossary. */
export const ENGLISH: readonly GlossaryEntry[] = [...CORE_ENGLISH, ...TOPIC_GLOSSARY];

/**
 * Korean words that name the same programme or thing in different words, searched together when
 * a user types one of them. Index-time aliases (analysis/aliases.ts) cover names; these are
 * topic words whose equivalents share no characters (수출바우처 is the nickname of
 * 수출지원기반활용사업; 특허 is filed under 지식재산 programmes).
 */
const KOREAN_SYNONYM_GROUPS: string[][] = [
  ["특허", "지식재산", "지재권"],
  // 권리화 ("obtaining the right") is what IP programmes call paying for a filing.
  ["출원", "권리화"],
  ["수출바우처", "수출지원기반활용사업"],
  ["전통시장", "상점가", "골목상권"],
  ["손실보상", "손실보전"],
  ["규제자유특구", "규제특례"],
  ["재창업", "재도전", "재기", "희망리턴"],
];

const SYNONYMS: ReadonlyMap<string, readonly string[]> = new Map(
  KOREAN_SYNONYM_GROUPS.flatMap((group) =>
    group.map((word) => [word, group.filter((other) => other !== word)] as const),
  ),
);

/** Other Korean words for the same thing (none for most words). */
export function synonymsOf(word: string): readonly string[] {
  return SYNONYMS.get(word) ?? [];
}

/** Korean words more specific than their category (요양보호사 is care, not just any 교육). */
const KOREAN_SPECIFIC: Record<string, Concept> = {
  요양보호사: { category: "care", eventKind: null, korean: ["요양보호사"] },
};

const EVENT_KIND_OF_CATEGORY: Record<string, EventKind> = {
  seminar: "seminar",
  training: "course",
  fair: "fair",
};

function buildConcepts(): Map<string, Concept> {
  const concepts = new Map<string, Concept>();
  const eventKind = (category: string | null) =>
    category ? (EVENT_KIND_OF_CATEGORY[category] ?? null) : null;
  for (const category of CATEGORIES) {
    for (const word of category.queryWords) {
      concepts.set(word, {
        category: category.id,
        eventKind: eventKind(category.id),
        korean: [word],
      });
    }
  }
  for (const [words, category, korean] of ENGLISH) {
    for (const word of words)
      concepts.set(word, { category, eventKind: eventKind(category), korean });
  }
  for (const [word, concept] of Object.entries(KOREAN_SPECIFIC)) concepts.set(word, concept);
  return concepts;
}

export const CONCEPTS: ReadonlyMap<string, Concept> = buildConcepts();

/** True for a word that asks for a kind of event (설명회, 세미나를, seminars, 교육, trade show). */
export function namesEventKind(word: string): boolean {
  const lower = word.toLowerCase();
  const meaning = CONCEPTS.get(lower) ?? CONCEPTS.get(stripParticles(lower));
  return (meaning?.eventKind ?? null) !== null;
}
