import { CATEGORIES } from "../extract/category-lexicon.ts";
import type { EventKind } from "../types.ts";

/**
 * What question words mean, kept as data. A concept carries the category it filters on, the
 * event kind it asks about (if any) and the Korean words it searches for: "tariff" searches 관세.
 */
export interface Concept {
  category: string;
  eventKind: EventKind | null;
  /** Korean terms to rank by when the user's word is not itself in the articles' language. */
  korean: string[];
}

/** Words whose meaning is more specific than their category's (caregiver → 요양보호사). */
const SPECIFIC: Record<string, Concept> = {
  caregiver: { category: "care", eventKind: null, korean: ["요양보호사"] },
  caregivers: { category: "care", eventKind: null, korean: ["요양보호사"] },
  요양보호사: { category: "care", eventKind: null, korean: ["요양보호사"] },
  tariff: { category: "trade", eventKind: null, korean: ["관세"] },
  tariffs: { category: "trade", eventKind: null, korean: ["관세"] },
  customs: { category: "trade", eventKind: null, korean: ["세관", "관세"] },
  export: { category: "trade", eventKind: null, korean: ["수출"] },
  exports: { category: "trade", eventKind: null, korean: ["수출"] },
  tax: { category: "management", eventKind: null, korean: ["세무", "세금"] },
  mou: { category: "mou", eventKind: null, korean: ["협약"] },
  mous: { category: "mou", eventKind: null, korean: ["협약"] },
  agreement: { category: "mou", eventKind: null, korean: ["협약"] },
  agreements: { category: "mou", eventKind: null, korean: ["협약"] },
  subsidy: { category: "subsidy", eventKind: null, korean: ["지원금", "보조금"] },
  subsidies: { category: "subsidy", eventKind: null, korean: ["지원금", "보조금"] },
  grant: { category: "subsidy", eventKind: null, korean: ["지원금", "보조금"] },
  grants: { category: "subsidy", eventKind: null, korean: ["지원금", "보조금"] },
  loan: { category: "finance", eventKind: null, korean: ["융자", "대출"] },
  loans: { category: "finance", eventKind: null, korean: ["융자", "대출"] },
  guarantee: { category: "finance", eventKind: null, korean: ["보증"] },
  funding: { category: "finance", eventKind: null, korean: ["자금", "융자"] },
  jobs: { category: "jobs", eventKind: null, korean: ["일자리", "채용"] },
  hiring: { category: "jobs", eventKind: null, korean: ["채용"] },
  startup: { category: "startup", eventKind: null, korean: ["창업"] },
  startups: { category: "startup", eventKind: null, korean: ["창업"] },
};

const EVENT_KIND_OF_CATEGORY: Record<string, EventKind> = {
  seminar: "seminar",
  training: "course",
  fair: "fair",
};

function buildConcepts(): Map<string, Concept> {
  const concepts = new Map<string, Concept>();
  for (const category of CATEGORIES) {
    const korean = category.queryWords.filter((w) => /[가-힣]/.test(w));
    for (const word of category.queryWords) {
      concepts.set(word.toLowerCase(), {
        category: category.id,
        eventKind: EVENT_KIND_OF_CATEGORY[category.id] ?? null,
        korean: /[가-힣]/.test(word) ? [word] : korean.slice(0, 2),
      });
    }
  }
  for (const [word, concept] of Object.entries(SPECIFIC)) concepts.set(word, concept);
  return concepts;
}

export const CONCEPTS: ReadonlyMap<string, Concept> = buildConcepts();

/** Multi-word concept phrases, matched before single words ("info session", "trade show"). */
export const CONCEPT_PHRASES = [...CONCEPTS.keys()].filter((k) => k.includes(" "));

/** Words that shape a question but are not searched for. */
export const FILLER = new Set([
  // English
  "in",
  "at",
  "on",
  "for",
  "the",
  "a",
  "an",
  "of",
  "about",
  "any",
  "are",
  "is",
  "there",
  "what",
  "which",
  "show",
  "me",
  "list",
  "find",
  "to",
  "near",
  "around",
  "please",
  "with",
  "and",
  "or",
  "my",
  "i",
  "want",
  "need",
  "news",
  "where",
  "from",
  "all",
  "some",
  "can",
  "do",
  "does",
  "how",
  "held",
  "happening",
  "events",
  "event",
  "info",
  "information",
  // Korean
  "언제",
  "언제야",
  "언제예요",
  "언제인가요",
  "언제지",
  "어디",
  "어디서",
  "뭐",
  "뭐야",
  "뭐있어",
  "있어",
  "있나요",
  "있니",
  "알려줘",
  "알려주세요",
  "알려",
  "찾아줘",
  "관련",
  "좀",
  "있는",
  "무엇",
  "어떤",
  "정보",
  "소식",
  "뉴스",
  "해줘",
  "보여줘",
  "목록",
]);

/** Words that ask "when": the answer should be events sorted by date. */
export const WHEN_WORDS = new Set([
  "언제",
  "언제야",
  "언제예요",
  "언제인가요",
  "언제지",
  "when",
  "일정",
  "schedule",
]);

/** Words that ask for deadlines. */
export const DEADLINE_WORDS = new Set([
  "deadline",
  "deadlines",
  "due",
  "closing",
  "마감",
  "마감일",
  "신청마감",
  "접수마감",
  "마감하는",
  "마감되는",
]);
