/**
 * Region mentions in Korean article text.
 *
 * One trie holds every written form of every region (고양, 고양시, 고양특례시, 인천중구 …). The
 * scan looks only at word starts, so a name inside a longer word (부시장, 전력시장) never matches,
 * and then judges what follows the name in the same word: nothing, a particle (고양시는, 평택에서),
 * or the head of a compound (평택산업진흥원, 서울시청). Short forms that are also everyday words
 * (예산, 부여, 강화) need context. Names shared by several regions (광주, 중구, 고성) are resolved
 * only from evidence in the text, never by guessing; what stays open is reported as ambiguous.
 */
import { z } from "zod";
import { escapeRegExp } from "../analysis/escape-regexp.ts";
import { JOINING_PARTICLES, PLACE_PARTICLES } from "../analysis/particles.ts";
import {
  allRegions,
  ancestors,
  formerParents,
  getRegion,
  type Region,
  regionUnions,
} from "../data/gazetteer.ts";
import { dataFile, loadDataFile } from "../data/load-data-file.ts";

export interface AmbiguousMention {
  /** As written, with the enclosing name when one narrowed it down: "광주", "인천 중구". */
  mention: string;
  candidates: string[];
}

export interface RegionMentions {
  /** The most specific regions mentioned, in order of first mention; ancestors left out. */
  codes: string[];
  /** Mentions that context could not narrow to one region; none of them is in `codes`. */
  ambiguous: AmbiguousMention[];
  /** The text speaks of the whole country (전국). */
  nationwide: boolean;
}

const wordList = z.array(z.string().min(1)).min(1);
const noted = z.strictObject({ note: z.string(), words: wordList });

const schema = dataFile({
  guardedShortForms: z.strictObject({
    note: z.string(),
    forms: z.record(z.string().min(1), z.string().min(1)),
  }),
  formRules: z.strictObject({
    note: z.string(),
    rules: z.record(
      z.string().min(1),
      z.strictObject({
        note: z.string().optional(),
        blocked: wordList.optional(),
        notBefore: wordList.optional(),
        particleNeedsContext: z.boolean().optional(),
      }),
    ),
  }),
  compoundHeads: noted,
  shortHeads: noted,
  institutionHeads: noted,
  districtOfficeHeads: noted,
  verbAfterSi: noted,
  nationwideSuffixes: noted,
  listing: z.strictObject({ note: z.string(), marks: z.string().min(1), conjunctions: wordList }),
});

const lexicon = loadDataFile(new URL("./lexicons/regions.json", import.meta.url), schema);

/**
 * Short forms that are everyday words too (예산, 부여, 강화), with the word each collides with.
 * They count only with context; see lexicons/regions.json.
 */
export const GUARDED_SHORT_FORMS: Readonly<Record<string, string>> =
  lexicon.guardedShortForms.forms;

interface FormRule {
  /** Whole words starting like this are something else: 고양이, 세종대왕, 김포공항 (in 서울). */
  blocked?: string[];
  /** A bare name followed by one of these words is the common noun: 경기 침체, 서구 사회. */
  notBefore?: string[];
  /** With a particle the common noun dominates (경기가, 경기를); context can still confirm. */
  particleNeedsContext?: boolean;
}

const FORM_RULES: Readonly<Record<string, FormRule>> = lexicon.formRules.rules;

/** Heads of compounds that keep a short form a place: 평택산업진흥원, 서울형, 부산항. */
const COMPOUND_HEADS = lexicon.compoundHeads.words;
/** One-syllable heads count only as the whole remainder (서울형, 부산항), not 역량 or 항공. */
const SHORT_HEADS = new Set(lexicon.shortHeads.words);
/** For guarded forms only institutions that a common noun never precedes. */
const INSTITUTION_HEADS = lexicon.institutionHeads.words;
/** 중구청, 북구의회: the few compounds of a two-syllable 구 that are not 중구난방 or 서구권. */
const DISTRICT_OFFICE_HEADS = lexicon.districtOfficeHeads.words;
/** 고양시키다, 양산시켜: verbs, not cities. */
const VERB_AFTER_SI = lexicon.verbAfterSi.words;

const classEscape = (chars: string): string => chars.replace(/[\\\]^-]/g, "\\$&");
const ENUMERATION_GAP = new RegExp(`^\\s*[${classEscape(lexicon.listing.marks)}]\\s*$`);
const CONJUNCTION_GAP = new RegExp(
  `^\\s+(?:${lexicon.listing.conjunctions.map(escapeRegExp).join("|")})\\s+$`,
);
/** Between an enclosing name and the place: "서울 중구", "[경기] 화성시", "광주광역시북구". */
const QUALIFIER_GAP = /^[\])]?\s*$/;
const NATIONWIDE_RESTS = new Set(["", ...PLACE_PARTICLES, ...lexicon.nationwideSuffixes.words]);

interface Surface {
  form: string;
  candidates: string[];
  /** An administrative form (고양시, 서울특별시, 중구): trusted before any compound head. */
  admin: boolean;
  guarded: boolean;
  /** A 시·도 short form (대구경북, 광주전남): the rest of the word may be another place. */
  sidoShort: boolean;
  /** A merged unit: the mention covers all candidates rather than choosing one. */
  union: boolean;
  rule: FormRule;
}

interface TrieNode {
  next: Map<number, TrieNode>;
  surface?: Surface;
}

interface Token {
  start: number;
  end: number;
  /** End of the word the name starts: the name plus its particle or compound head. */
  wordEnd: number;
  rest: string;
  surface: Surface;
  accepted: boolean;
  candidates: string[];
  qualifier: Token | null;
  /** Names a 시·도 the place only used to belong to (경북 군위군): context, not a mention. */
  formerQualifierOnly: boolean;
}

const isSyllable = (code: number): boolean => code >= 0xac00 && code <= 0xd7a3;

function addSurface(
  surfaces: Map<string, Surface>,
  form: string,
  codes: string[],
  kind: { admin: boolean; sidoShort: boolean; union: boolean },
): void {
  const existing = surfaces.get(form);
  if (existing) {
    for (const code of codes)
      if (!existing.candidates.includes(code)) existing.candidates.push(code);
    existing.admin ||= kind.admin;
    existing.sidoShort ||= kind.sidoShort;
    return;
  }
  surfaces.set(form, {
    form,
    candidates: [...codes],
    ...kind,
    guarded: !kind.admin && form in GUARDED_SHORT_FORMS,
    rule: FORM_RULES[form] ?? {},
  });
}

function isShortForm(region: Region, form: string): boolean {
  return form === region.shortName && region.shortName !== region.name;
}

function buildSurfaces(): Map<string, Surface> {
  const surfaces = new Map<string, Surface>();
  const unionNames = new Set(regionUnions().flatMap((u) => u.names));
  for (const region of allRegions()) {
    const forms = new Set([region.name, ...region.koreanAliases, ...region.formerNames]);
    for (const form of forms) {
      if (unionNames.has(form)) continue;
      const short = isShortForm(region, form);
      addSurface(surfaces, form, [region.code], {
        admin: !short,
        sidoShort: short && region.level === "sido",
        union: false,
      });
    }
  }
  for (const union of regionUnions()) {
    for (const name of union.names) {
      addSurface(surfaces, name, union.codes, {
        admin: /[시도]$/.test(name),
        sidoShort: true,
        union: true,
      });
    }
  }
  return surfaces;
}

function buildTrie(surfaces: Iterable<Surface>): TrieNode {
  const root: TrieNode = { next: new Map() };
  for (const surface of surfaces) {
    let node = root;
    for (let i = 0; i < surface.form.length; i++) {
      const code = surface.form.charCodeAt(i);
      let child = node.next.get(code);
      if (!child) {
        child = { next: new Map() };
        node.next.set(code, child);
      }
      node = child;
    }
    node.surface = surface;
  }
  return root;
}

/** Sets per region, so "does A enclose B" costs one lookup in the per-article passes. */
function setsPerRegion(members: (code: string) => string[]): Map<string, Set<string>> {
  return new Map(allRegions().map((r) => [r.code, new Set(members(r.code))]));
}

const TRIE = buildTrie(buildSurfaces().values());
const ANCESTORS = setsPerRegion(ancestors);
/** Ancestors plus former parents: 경북 still encloses 군위군 in older articles. */
const ENCLOSERS = setsPerRegion((code) => [...ancestors(code), ...formerParents(code)]);

const encloses = (outer: string, inner: string): boolean =>
  ENCLOSERS.get(inner)?.has(outer) ?? false;
const isAncestor = (outer: string, inner: string): boolean =>
  ANCESTORS.get(inner)?.has(outer) ?? false;

function nextWordStartsWith(text: string, from: number, words: string[]): boolean {
  let i = from;
  while (i < text.length && (text[i] === " " || text[i] === "\u00a0")) i++;
  if (i === from) return false;
  return words.some((w) => text.startsWith(w, i));
}

function isShortHead(rest: string): boolean {
  return (
    SHORT_HEADS.has(rest.slice(0, 1)) && (rest.length === 1 || PLACE_PARTICLES.has(rest.slice(1)))
  );
}

function startsCompound(rest: string, guarded: boolean): boolean {
  if (guarded) return INSTITUTION_HEADS.some((head) => rest.startsWith(head));
  return isShortHead(rest) || COMPOUND_HEADS.some((head) => rest.startsWith(head));
}

type Verdict = "accepted" | "pending" | null;

function judgeAdmin(surface: Surface, rest: string): Verdict {
  if (rest === "" || PLACE_PARTICLES.has(rest)) return "accepted";
  if (surface.form.length <= 2) {
    return DISTRICT_OFFICE_HEADS.some((h) => rest.startsWith(h)) ? "accepted" : null;
  }
  if (surface.form.endsWith("시") && VERB_AFTER_SI.some((h) => rest.startsWith(h))) return null;
  return "accepted";
}

function judgeShort(surface: Surface, rest: string): Verdict {
  if (rest === "") return surface.guarded ? "pending" : "accepted";
  if (PLACE_PARTICLES.has(rest)) {
    return surface.guarded || surface.rule.particleNeedsContext ? "pending" : "accepted";
  }
  return startsCompound(rest, surface.guarded) ? "accepted" : null;
}

/** 검단로135, 남동로 12: a road (로 is also the particle "to"), not the place. */
function isRoadName(text: string, rest: string, runEnd: number): boolean {
  return rest === "로" && /^ ?\d/.test(text.slice(runEnd, runEnd + 2));
}

function judge(surface: Surface, text: string, end: number, runEnd: number): Verdict {
  const rest = text.slice(end, runEnd);
  const rule = surface.rule;
  if (rule.blocked?.some((b) => text.startsWith(b, end - surface.form.length))) return null;
  if (rest === "" && rule.notBefore && nextWordStartsWith(text, end, rule.notBefore)) return null;
  if (isRoadName(text, rest, runEnd)) return null;
  return surface.admin ? judgeAdmin(surface, rest) : judgeShort(surface, rest);
}

/** Every surface starting at `start`, longest first. */
function surfacesAt(
  text: string,
  start: number,
  runEnd: number,
): { surface: Surface; end: number }[] {
  const found: { surface: Surface; end: number }[] = [];
  let node: TrieNode | undefined = TRIE;
  for (let i = start; i < runEnd; i++) {
    node = node.next.get(text.charCodeAt(i));
    if (!node) break;
    if (node.surface) found.push({ surface: node.surface, end: i + 1 });
  }
  return found.reverse();
}

function makeToken(
  surface: Surface,
  start: number,
  end: number,
  runEnd: number,
  text: string,
): Token {
  return {
    start,
    end,
    wordEnd: runEnd,
    rest: text.slice(end, runEnd),
    surface,
    accepted: false,
    candidates: [...surface.candidates],
    qualifier: null,
    formerQualifierOnly: false,
  };
}

/**
 * The names in one word, left to right. After an administrative or 시·도 form the rest of the
 * word may be the next name (광주광역시북구, 대구경북과학기술원); otherwise the word is one name.
 */
function readWord(text: string, start: number, runEnd: number, tokens: Token[]): void {
  for (const { surface, end } of surfacesAt(text, start, runEnd)) {
    const before = tokens.length;
    const mayChain =
      (surface.admin || surface.sidoShort) &&
      end < runEnd &&
      !PLACE_PARTICLES.has(text.slice(end, runEnd));
    const token = makeToken(surface, start, end, runEnd, text);
    tokens.push(token);
    if (mayChain) readWord(text, end, runEnd, tokens);
    const chained = tokens.length > before + 1;
    const verdict = chained ? "accepted" : judge(surface, text, end, runEnd);
    if (verdict === null) {
      tokens.length = before;
      continue;
    }
    token.accepted = verdict === "accepted";
    if (chained) {
      token.rest = "";
      token.wordEnd = end;
    }
    return;
  }
}

function isNationwide(text: string, start: number, runEnd: number): boolean {
  return text.startsWith("전국", start) && NATIONWIDE_RESTS.has(text.slice(start + 2, runEnd));
}

function scan(text: string): { tokens: Token[]; nationwide: boolean } {
  const tokens: Token[] = [];
  let nationwide = false;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (!isSyllable(code) || !TRIE.next.has(code)) {
      i++;
      continue;
    }
    let runEnd = i + 1;
    while (runEnd < text.length && isSyllable(text.charCodeAt(runEnd))) runEnd++;
    if (i === 0 || !isSyllable(text.charCodeAt(i - 1))) {
      nationwide ||= isNationwide(text, i, runEnd);
      readWord(text, i, runEnd, tokens);
    }
    i = runEnd;
  }
  return { tokens, nationwide };
}

/** `outer` names a region enclosing `inner` (서울 중구, 경기 광주): both are kept, narrowed. */
function qualify(outer: Token, inner: Token): void {
  const inside = inner.candidates.filter((c) => outer.candidates.some((o) => encloses(o, c)));
  if (inside.length === 0) return;
  const enclosing = outer.candidates.filter((o) => inside.some((c) => encloses(o, c)));
  inner.candidates = inside;
  outer.candidates = enclosing;
  inner.accepted = true;
  outer.accepted = true;
  inner.qualifier = outer;
  outer.formerQualifierOnly = !enclosing.some((o) => inside.some((c) => isAncestor(o, c)));
}

function linkQualifiers(text: string, tokens: Token[]): void {
  for (let k = 1; k < tokens.length; k++) {
    const a = tokens[k - 1] as Token;
    const b = tokens[k] as Token;
    const gap = text.slice(a.wordEnd, b.start);
    if (a.rest === "" && QUALIFIER_GAP.test(gap)) qualify(a, b);
    else if (a.rest === "" && b.rest === "" && gap === "(" && text[b.wordEnd] === ")")
      qualify(b, a);
  }
}

function listedTogether(text: string, a: Token, b: Token): boolean {
  const gap = text.slice(a.wordEnd, b.start);
  if (a.rest === "") return ENUMERATION_GAP.test(gap) || CONJUNCTION_GAP.test(gap);
  return JOINING_PARTICLES.has(a.rest) && /^\s+$/.test(gap);
}

const isBracketTag = (text: string, t: Token): boolean =>
  t.rest === "" && text[t.start - 1] === "[" && text[t.wordEnd] === "]";

const levelOf = (code: string) => getRegion(code)?.level;
const sidoOf = (code: string): string => ancestors(code).at(-1) ?? code;

/** Places listed together are of one kind: 시·도 with 시·도, or 시·군·구 of the same 시·도. */
const isPeer = (listed: string, candidate: string): boolean =>
  levelOf(listed) === levelOf(candidate) &&
  (levelOf(candidate) === "sido" || sidoOf(listed) === sidoOf(candidate));

/** The accepted list neighbours of token k (홍성·예산, 서울과 경기). */
function listNeighbours(
  text: string,
  tokens: Token[],
  k: number,
  usable: (t: Token) => boolean,
): Token[] {
  const t = tokens[k] as Token;
  const prev = tokens[k - 1];
  const next = tokens[k + 1];
  const found: Token[] = [];
  if (prev && usable(prev) && listedTogether(text, prev, t)) found.push(prev);
  if (next && usable(next) && listedTogether(text, t, next)) found.push(next);
  return found;
}

/**
 * Guarded names become mentions inside a [tag] or in a list with an accepted place of their
 * kind: 홍성·예산 (two 충남 군), but not 경쟁력 강화 및 경북 (a 군 beside a province).
 */
function acceptFromContext(text: string, tokens: Token[]): void {
  for (const t of tokens) if (!t.accepted && isBracketTag(text, t)) t.accepted = true;
  for (let changed = true; changed; ) {
    changed = false;
    tokens.forEach((t, k) => {
      if (t.accepted) return;
      const listed = listNeighbours(text, tokens, k, (n) => n.accepted).flatMap(
        (n) => n.candidates,
      );
      if (t.candidates.some((c) => listed.some((l) => isPeer(l, c)))) {
        t.accepted = true;
        changed = true;
      }
    });
  }
}

const isOpen = (t: Token): boolean => !t.surface.union && t.candidates.length > 1;

/** Keeps the candidates with the best positive score, if exactly one has it. */
function narrow(t: Token, score: (code: string) => number): boolean {
  const scores = t.candidates.map(score);
  const best = Math.max(...scores);
  if (best <= 0) return false;
  const winners = t.candidates.filter((_, i) => scores[i] === best);
  if (winners.length === t.candidates.length) return false;
  t.candidates = winners;
  return winners.length === 1;
}

/**
 * Lists and tags name places of one kind: "[광주]" and "광주ㆍ전남" are 시·도, "성남, 광주, 하남"
 * are 경기 cities. A candidate is supported by a resolved list neighbour of the same level (and
 * the same 시·도 below that level).
 */
function narrowByPeers(text: string, tokens: Token[]): void {
  tokens.forEach((t, k) => {
    if (!isOpen(t)) return;
    if (isBracketTag(text, t)) {
      narrow(t, (c) => (levelOf(c) === "sido" ? 1 : 0));
      return;
    }
    const listed = listNeighbours(text, tokens, k, (n) => !isOpen(n)).flatMap((n) => n.candidates);
    narrow(t, (c) => listed.filter((l) => isPeer(l, c)).length);
  });
}

const MAX_PROVINCES_FOR_ENCLOSING = 2;

/**
 * Other mentions in the article settle the rest: the region itself named elsewhere (광주광역시 …
 * 광주) beats a named part of it (광산구), which beats a named enclosing region (서울 … 중구).
 */
function narrowByArticle(tokens: Token[]): void {
  for (let changed = true; changed; ) {
    changed = false;
    const known = tokens.filter((t) => !isOpen(t)).flatMap((t) => t.candidates);
    // A nationwide list (every 테크노파크 by province) names 경기 beside a bare 광주 by chance.
    const enclosingIsEvidence = new Set(known.map(sidoOf)).size <= MAX_PROVINCES_FOR_ENCLOSING;
    const score = (c: string) => {
      if (known.includes(c)) return 3;
      if (known.some((k) => isAncestor(c, k))) return 2;
      return enclosingIsEvidence && known.some((k) => isAncestor(k, c)) ? 1 : 0;
    };
    for (const t of tokens) {
      if (isOpen(t) && narrow(t, score)) changed = true;
    }
  }
  for (const t of tokens) if (t.surface.union && !t.qualifier) narrowUnion(t, tokens);
}

/** 전남광주통합특별시 in a notice about 장성군 speaks for its 전남 part only. */
function narrowUnion(union: Token, tokens: Token[]): void {
  const others = tokens.filter((t) => !t.surface.union && !isOpen(t)).flatMap((t) => t.candidates);
  const spoken = union.candidates.filter((m) => others.some((o) => o === m || isAncestor(m, o)));
  if (spoken.length > 0) union.candidates = spoken;
}

function withoutAncestors(codes: string[]): string[] {
  return codes.filter((c) => !codes.some((other) => isAncestor(c, other)));
}

function collect(text: string, tokens: Token[]): Omit<RegionMentions, "nationwide"> {
  const codes: string[] = [];
  const ambiguous = new Map<string, AmbiguousMention>();
  for (const t of tokens) {
    if (isOpen(t)) {
      const written = text.slice(t.start, t.end);
      const mention = t.qualifier
        ? `${text.slice(t.qualifier.start, t.qualifier.end)} ${written}`
        : written;
      ambiguous.set(`${mention}|${t.candidates.join()}`, { mention, candidates: t.candidates });
    } else if (!t.formerQualifierOnly) {
      for (const c of t.candidates) if (!codes.includes(c)) codes.push(c);
    }
  }
  return { codes: withoutAncestors(codes), ambiguous: [...ambiguous.values()] };
}

/** Region mentions in NFC Korean article text; see the module comment for the rules. */
export function extractRegions(text: string): RegionMentions {
  const normalized = text.normalize("NFC");
  const { tokens, nationwide } = scan(normalized);
  linkQualifiers(normalized, tokens);
  acceptFromContext(normalized, tokens);
  const mentions = tokens.filter((t) => t.accepted);
  narrowByPeers(normalized, mentions);
  narrowByArticle(mentions);
  return { ...collect(normalized, mentions), nationwide };
}
