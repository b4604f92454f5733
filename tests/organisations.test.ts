import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { CORPUS_DIR, SEED_DIR } from "../bench/corpus.ts";
import { aliasesOf } from "../src/analysis/aliases.ts";
import {
  familyRegions,
  GOVERNMENT_BODIES,
  LATIN_EQUIVALENTS,
  memberForms,
  ORGANISATION_FAMILIES,
  type OrganisationFamily,
  regionPrefixes,
  SUPPORT_AGENCIES,
} from "../src/analysis/organisations.ts";
import { analyze } from "../src/analysis/tokenize.ts";
import { allRegions, lookupRegionName, type Region } from "../src/data/gazetteer.ts";
import { buildIndex } from "../src/index/build.ts";
import type { SearchIndex } from "../src/index/search-index.ts";
import { answerSearch } from "../src/query/answer.ts";
import { CONCEPTS } from "../src/query/lexicon.ts";
import { parseQuery } from "../src/query/parse.ts";
import { isFiller } from "../src/query/question-shape.ts";

const AS_OF = "2026-04-10";
const ORGS = [...GOVERNMENT_BODIES, ...SUPPORT_AGENCIES];
const lower = (s: string) => s.normalize("NFKC").toLowerCase();

describe("the organisation and equivalence data", () => {
  it("lists every 부 of the 2025 Government Organization Act, and its 처 and 청", () => {
    const ministries = GOVERNMENT_BODIES.filter((b) => b.kind === "부").map((b) => b.name);
    expect(ministries).toHaveLength(19);
    for (const name of [
      "재정경제부",
      "기후에너지환경부",
      "산업통상부",
      "성평등가족부",
      "국가보훈부",
    ])
      expect(ministries).toContain(name);
    const names = GOVERNMENT_BODIES.map((b) => b.name);
    for (const name of ["기획예산처", "국가데이터처", "지식재산처", "재외동포청", "우주항공청"])
      expect(names).toContain(name);
  });

  it("keeps old names as aliases of the new bodies, a split name of both successors", () => {
    const renames: [string, string][] = [
      ["환경부", "기후에너지환경부"],
      ["산업통상자원부", "산업통상부"],
      ["여성가족부", "성평등가족부"],
      ["통계청", "국가데이터처"],
      ["특허청", "지식재산처"],
      ["방송통신위원회", "방송미디어통신위원회"],
      ["국가보훈처", "국가보훈부"],
      ["기획재정부", "재정경제부"],
      ["기획재정부", "기획예산처"],
    ];
    for (const [old, now] of renames) {
      expect(aliasesOf(old), old).toContain(now);
      expect(aliasesOf(now), now).toContain(old);
    }
    // The split: 재정경제부 and 기획예산처 each find 기획재정부, not each other.
    expect(aliasesOf("재정경제부")).not.toContain("기획예산처");
  });

  it("gives no official name, short form or acronym to two bodies (former names may be shared)", () => {
    const owner = new Map<string, string>();
    for (const org of ORGS) {
      for (const form of [org.name, ...org.short, ...org.latin].map(lower)) {
        expect(owner.get(form) ?? org.name, form).toBe(org.name);
        owner.set(form, org.name);
      }
    }
  });

  it("has no acronym that a question would read as an English word, filler or region", () => {
    // An agency's acronym must mean only the agency; an equivalent's may also be a question word
    // for the same thing (mou is the concept 협약 too).
    for (const form of ORGS.flatMap((o) => o.latin).map(lower)) {
      expect(isFiller(form), form).toBe(false);
      expect(CONCEPTS.has(form), form).toBe(false);
      expect(lookupRegionName(form), form).toEqual([]);
    }
    for (const form of LATIN_EQUIVALENTS.flatMap((e) => e.latin).map(lower)) {
      expect(isFiller(form), form).toBe(false);
      expect(lookupRegionName(form), form).toEqual([]);
    }
  });

  it("makes every family × region a name with its Latin short form (경기TP = 경기테크노파크)", () => {
    const sido = allRegions().filter((r) => r.level === "sido");
    expect(sido).toHaveLength(17);
    for (const region of sido) {
      const name = `${region.shortName}테크노파크`;
      expect(aliasesOf(lower(`${region.shortName}TP`)), region.name).toContain(name);
      expect(aliasesOf(`${region.shortName}신보`)).toContain(`${region.shortName}신용보증재단`);
    }
    expect(aliasesOf("신보")).toContain("신용보증기금");
    expect(aliasesOf("신보")).not.toContain("신용보증재단");
    expect(ORGANISATION_FAMILIES.map((f) => f.id)).toContain("ccei");
  });

  it("analyses Korean–Latin equivalents both ways, R&D and mixed words kept whole", () => {
    expect(analyze("인공지능").words).toContain("ai");
    expect(analyze("AI").words).toContain("인공지능");
    expect(analyze("R&D 과제").words).toEqual(expect.arrayContaining(["r&d", "연구개발"]));
    expect(analyze("연구개발").words).toContain("r&d");
    expect(analyze("경기TP와").words).toContain("경기테크노파크");
    expect(analyze("스마트팩토리").words).toContain("스마트공장");
    // Agencies' acronyms are not aliases in text: they are mostly web addresses there.
    expect(analyze("www.semas.or.kr").words).not.toContain("소상공인시장진흥공단");
  });
});

describe("organisations named in questions", () => {
  const parse = (query: string) => parseQuery(query, AS_OF);

  it.each([
    ["Daegu Technopark", "대구테크노파크", "대구"],
    ["daegu TP", "대구테크노파크", "대구"],
    ["경기TP 모집", "경기테크노파크", "경기"],
    ["경기 TP 공고", "경기테크노파크", "경기"],
    ["충북창조경제혁신센터에서 하는 행사", "충북창조경제혁신센터", "충북"],
    ["Chungbuk Creative Economy Innovation Center", "충북창조경제혁신센터", "충북"],
    ["Busan chamber of commerce", "부산상공회의소", "부산"],
    ["서울 신보 특례보증", "서울신용보증재단", "서울"],
  ])("%s: the organisation, and its region as a hint, not a filter", (query, name, region) => {
    const parsed = parse(query);
    expect(parsed.regions).toEqual([]);
    expect(parsed.terms).toContain(name);
    expect(parsed.concepts).toContainEqual(expect.arrayContaining([name]));
    expect(parsed.concepts).toContainEqual(expect.arrayContaining([region]));
  });

  it.each([
    ["Small Enterprise and Market Service", "소상공인시장진흥공단"],
    ["Creative Economy Innovation Center", "창조경제혁신센터"],
    ["Ministry of SMEs and Startups", "중소벤처기업부"],
    ["Korea Creative Content Agency", "한국콘텐츠진흥원"],
    ["Creative Content Agency", "한국콘텐츠진흥원"],
    ["Ministry of Trade, Industry and Energy", "산업통상부"],
    ["KOTRA", "대한무역투자진흥공사"],
    ["SEMAS support", "소상공인시장진흥공단"],
  ])("%s → %s", (query, name) => {
    const parsed = parse(query);
    expect(parsed.terms).toContain(name);
    expect(parsed.regions).toEqual([]);
  });

  it("leaves a region followed by an ordinary word a region filter", () => {
    expect(parse("부산 창업 지원").regions).toEqual(["21"]);
    expect(parse("Busan startups").regions).toEqual(["21"]);
  });
});

// Over the real notices of ../shared/corpus: the organisations they name, found by the names a
// user would type in English or in short.
describe.skipIf(!existsSync(CORPUS_DIR))("organisations over the real corpus", () => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = await buildIndex([CORPUS_DIR, SEED_DIR]);
  }, 60_000);

  const texts = (doc: number) => {
    const a = index.article(doc);
    return `${a.title}\n${a.body}`;
  };
  const top = async (query: string, n: number) =>
    (await answerSearch(index, { query, asOf: AS_OF })).hits
      .slice(0, n)
      .map((h) => `${h.article.title}\n${h.article.body}`);

  /** The family's member the corpus names most often (부산테크노파크, 성남산업진흥원), and its region. */
  function mostNamed(family: OrganisationFamily): { region: Region; name: string } | null {
    const suffix = family.korean[0] as string;
    const byPrefix = new Map<string, Region>();
    for (const region of familyRegions(family))
      for (const prefix of regionPrefixes(region))
        if (lookupRegionName(prefix).length === 1) byPrefix.set(prefix, region);
    const pattern = new RegExp(`([가-힣]{2,6})${suffix}`, "g");
    const counts = new Map<string, number>();
    for (let doc = 0; doc < index.text.documentCount; doc++) {
      // The clock sees only the past: notices published after the as-of day cannot answer.
      if ((index.article(doc).publishedAt ?? "").slice(0, 10) > AS_OF) continue;
      for (const match of texts(doc).matchAll(pattern)) {
        const before = match[1] as string;
        // The longest tail of the word before the suffix that is an unambiguous region prefix.
        for (let start = 0; start < before.length - 1; start++) {
          const prefix = before.slice(start);
          if (!byPrefix.has(prefix)) continue;
          counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
          break;
        }
      }
    }
    const best = [...counts].sort((a, b) => b[1] - a[1])[0];
    if (!best) return null;
    return { region: byPrefix.get(best[0]) as Region, name: `${best[0]}${suffix}` };
  }

  /** How a user would write the region in English: its shortest name that means only it. */
  const english = (region: Region) =>
    [region.nameEn, ...region.englishAliases]
      .filter((name) => lookupRegionName(name).length === 1)
      .sort((a, b) => a.length - b.length)[0] ?? region.nameEn;

  it.each(ORGANISATION_FAMILIES.map((f) => [f.id, f] as const))(
    "%s: its member the corpus names most, asked in English, comes first",
    async (_id, family) => {
      const member = mostNamed(family);
      expect(member).not.toBeNull();
      const { region, name } = member as { region: Region; name: string };
      const hits = await top(`${english(region)} ${family.english[0]}`, 3);
      expect(hits.length).toBeGreaterThan(0);
      const forms = memberForms(family, region).map((f) => f.toLowerCase());
      expect(name.length).toBeGreaterThan(0);
      expect(
        forms.some((f) => hits[0]?.toLowerCase().includes(f)),
        hits[0]?.slice(0, 80),
      ).toBe(true);
    },
  );

  it.each([
    ["Small Enterprise and Market Service", /소상공인시장진흥공단|소진공/],
    ["KOTRA", /대한무역투자진흥공사|코트라|KOTRA/],
    ["Korea Creative Content Agency", /한국콘텐츠진흥원|콘진원/],
    ["Ministry of SMEs and Startups", /중소벤처기업부|중기부/],
  ])("%s: the top notices name it in Korean", async (query, pattern) => {
    const hits = await top(query, 3);
    expect(hits).toHaveLength(3);
    for (const text of hits) expect(text).toMatch(pattern);
  });

  it("AI finds notices that only say 인공지능, and 연구개발 those that only say R&D", () => {
    const only = (says: RegExp, not: RegExp) => {
      for (let doc = 0; doc < index.text.documentCount; doc++) {
        const text = texts(doc);
        if (says.test(text) && !not.test(text)) return doc;
      }
      return -1;
    };
    const aiDoc = only(/인공지능/, /(?<![A-Za-z])AI(?![A-Za-z])/i);
    expect(aiDoc).toBeGreaterThanOrEqual(0);
    expect(index.text.mentions("ai")?.has(aiDoc)).toBe(true);
    const rdDoc = only(/R&D/i, /연구개발/);
    expect(rdDoc).toBeGreaterThanOrEqual(0);
    expect(index.text.mentions("연구개발")?.has(rdDoc)).toBe(true);
  });
});
