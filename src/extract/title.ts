import { z } from "zod";
import { escapeRegExp } from "../analysis/escape-regexp.ts";
import { splitSentences } from "../analysis/sentences.ts";
import { dataFile, loadDataFile } from "../data/load-data-file.ts";

const noted = z.strictObject({ note: z.string(), words: z.array(z.string().min(1)).min(1) });
const lexicon = loadDataFile(
  new URL("./lexicons/title-words.json", import.meta.url),
  dataFile({
    timeWords: noted,
    subjectEndings: noted,
    purposeEndings: noted,
    reportingVerbs: noted,
  }),
);
const anyOf = (list: { words: readonly string[] }): string =>
  list.words.map(escapeRegExp).join("|");

const MAX_TITLE_CHARS = 60;

/** Markdown and list markers that open lines of converted notices. */
export function stripMarkup(line: string): string {
  return line
    .replace(/\*\*|__|`/g, "")
    .replace(/^\s*(?:#{1,6}|[-*>☞▶▷■□◆◇○●▲△※]|\d+\.)\s*/u, "")
    .trim();
}

// Words a headline leaves out: when (오는 5월 13일, 9일, 오후 2시) and bare list bullets.
const TIME_WORD = new RegExp(
  `^(?:${anyOf(lexicon.timeWords)}|\\d{1,2}(?:월|일|시|분)(?:\\(.\\))?(?:부터|까지|에|에는|,)?|\\d{1,2}일\\(.\\)(?:부터|까지)?)$`,
  "u",
);
// Where it happens: a place adverbial (…에서) is dropped unless it is all there is.
const PLACE_WORD = /에서[’'”]?$|에서는$/u;
// A headline subject is an organisation or a place: its name ends like one (시, 부, 진흥원, 그룹…).
const SUBJECT_WORD = new RegExp(
  `(?:${anyOf(lexicon.subjectEndings)}|㈜[가-힣A-Za-z]+|[A-Za-z]+)(?:은|는|이|가)$`,
  "u",
);
const PURPOSE_END = new RegExp(`(?:${anyOf(lexicon.purposeEndings)})$`, "u");
// Words that may stand before the subject in its phrase: nouns and conjuncts (A와 B가), not clauses.
const SUBJECT_PART =
  /^(?:[가-힣A-Za-z0-9㈜()]+(?:와|과)|[가-힣A-Za-z0-9㈜()]*[가-힣A-Za-z0-9㈜()](?<![는은을를한된인의에서고며여다해]))$/u;
// Reported-speech tails: "…개최한다고 밝혔다" → "…개최한다".
const REPORTED = new RegExp(`(?:다고|라고)\\s+(?:${anyOf(lexicon.reportingVerbs)})$`, "u");
// Headline form of the final verb: 개최한다 → 개최, 나섰다 → 나서, 완료됐다 → 완료.
const VERB_ENDINGS: [RegExp, string][] = [
  [/(?:한다|했다|하였다|합니다|했습니다|하고)$/u, ""],
  [/(?:된다|됐다|되었다|돼)$/u, ""],
  [/섰다$/u, "서"],
  [/(?:였다|었다|았다)$/u, ""],
];

function headlineVerb(word: string): string {
  for (const [ending, replacement] of VERB_ENDINGS) {
    if (ending.test(word) && word.replace(ending, "").length >= 1)
      return word.replace(ending, replacement);
  }
  return word;
}

/** The object before the verb loses its particle in a headline: 교육생을 모집 → 교육생 모집. */
function dropObjectParticle(word: string): string {
  return word.replace(/([가-힣’'”」』])(?:을|를)$/u, "$1");
}

function withoutSubjectParticle(word: string): string {
  return word.replace(/(?:은|는|이|가)$/u, "");
}

/** Drops place adverbials (시청 문예회관에서) with up to two bare nouns naming the place. */
function dropPlaces(words: string[]): string[] {
  const kept: string[] = [];
  for (const word of words) {
    if (!PLACE_WORD.test(word)) {
      kept.push(word);
      continue;
    }
    for (
      let n = 0;
      n < 2 &&
      kept.length > 0 &&
      /^[가-힣0-9]{1,6}$/u.test(kept[kept.length - 1] ?? "") &&
      !/[은는을를의와과도]$/u.test(kept[kept.length - 1] ?? "");
      n++
    ) {
      kept.pop();
    }
  }
  return kept.length > 0 ? kept : words;
}

function joinWithin(words: string[], max: number): string {
  return words.join(" ").length <= max ? words.join(" ") : "";
}

/** The longest tail of `words` that fits: a headline keeps what was done, not the preamble. */
function tailWithin(words: string[], max: number): string {
  for (let start = 0; start < words.length; start++) {
    if (words[start] === "등" || words[start] === "및") continue;
    const text = joinWithin(words.slice(start), max);
    if (text) return start > 0 ? `…${text}` : text;
  }
  return "";
}

/**
 * A headline from a news lead: "고양특례시는 오는 5월 13일 시청 문예회관에서 ‘…세무 설명회’를
 * 개최한다고 밝혔다." → "고양특례시, ‘…세무 설명회’ 개최". Subject, then what was done, without
 * time and place adverbials; the preamble goes first when it is too long.
 */
export function headlineFromLead(sentence: string): string {
  const clause = sentence
    .replace(/[.。]+$/u, "")
    .replace(REPORTED, "다")
    .replace(/(?:\s*[△▲]\s*[^\s△▲]+)+(?:\s+등(?=\s))?/gu, "")
    // "과학기술정보통신부는'2025년…": a topic particle glued to an opening quote.
    .replace(/([은는이가])(['‘“])/gu, "$1 $2")
    .trim();
  let words = clause.split(/\s+/).filter(Boolean);
  const purpose = words.findIndex((w) => PURPOSE_END.test(w));
  const subjectAt = words.findIndex(
    (w, i) =>
      SUBJECT_WORD.test(w) &&
      withoutSubjectParticle(w).length >= 2 &&
      i <= Math.max(purpose + 6, 5),
  );
  let subject = "";
  if (subjectAt !== -1) {
    let from = subjectAt;
    while (from > 0 && SUBJECT_PART.test(words[from - 1] ?? "")) from--;
    const phrase = words.slice(from, subjectAt + 1);
    phrase[phrase.length - 1] = withoutSubjectParticle(phrase[phrase.length - 1] ?? "");
    subject = phrase.join(" ");
    const preamble = purpose !== -1 && purpose < subjectAt ? words.slice(0, purpose + 1) : [];
    words = [...words.slice(subjectAt + 1), ...preamble];
    if (preamble.length > 0) words = words.slice(0, words.length - preamble.length);
  }
  let rest = dropPlaces(words.filter((w) => !TIME_WORD.test(w)));
  while (rest[0] === "등" || rest[0] === "및") rest = rest.slice(1);
  if (rest.length > 0) {
    const last = rest.length - 1;
    rest[last] = headlineVerb(rest[last] ?? "");
    if (last > 0) rest[last - 1] = dropObjectParticle(rest[last - 1] ?? "");
  }
  const budget = MAX_TITLE_CHARS - (subject ? subject.length + 2 : 0);
  let body = joinWithin(rest, budget);
  if (!body) {
    const purposeEnd = rest.findIndex((w) => PURPOSE_END.test(w));
    body = purposeEnd !== -1 ? joinWithin(rest.slice(purposeEnd + 1), budget) : "";
  }
  if (!body) body = tailWithin(rest, budget);
  return subject ? `${subject}, ${body}`.replace(/,\s*$/, "") : body;
}

/** The record's own title, else a short headline derived from the lead sentence. */
export function deriveTitle(ownTitle: string | null, body: string): string {
  if (ownTitle) return ownTitle;
  const firstLine =
    body
      .split("\n")
      .map(stripMarkup)
      .find((l) => l.length > 0) ?? "";
  const lead = splitSentences(firstLine)[0]?.text ?? firstLine;
  const headline = headlineFromLead(lead);
  if (headline.length >= 8) return headline;
  const cut = lead.slice(0, MAX_TITLE_CHARS);
  return lead.length > MAX_TITLE_CHARS ? `${cut.slice(0, cut.lastIndexOf(" ")) || cut}…` : lead;
}
