import { aliasesOf } from "../src/analysis/aliases.ts";
import { analyze } from "../src/analysis/tokenize.ts";
import { parseQuery } from "../src/query/parse.ts";
for (const q of ["Daegu Technopark", "경기TP 모집", "경기 TP", "충북창조경제혁신센터 행사", "Creative Economy Innovation Center", "Small Enterprise and Market Service", "KOTRA", "Ministry of SMEs and Startups support", "대구테크노파크에서 공고", "R&D 지원", "AI 바우처", "서울 신보", "seoul credit guarantee foundation", "부산 창업 지원", "Busan startups", "Korea Creative Content Agency"]) {
  const p = parseQuery(q, "2026-04-10");
  console.log(q, "→", JSON.stringify({ r: p.regions, t: p.terms, c: p.concepts, f: p.freeTerms }));
}
for (const w of ["중기부", "환경부", "기재부", "ai", "인공지능", "경기tp", "r&d", "테크노파크", "신보", "경기신보", "semas", "특허청"]) console.log(w, aliasesOf(w));
console.log(analyze("경기TP와 R&D, 3D프린팅").words);
