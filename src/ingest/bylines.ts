/**
 * Bylines mark where one article of a raw dump ends and the next begins. Each form names the
 * outlet and the reporter; the byline itself becomes metadata, never body text.
 *
 *   데일리굿타임 유종운 기자 |      outlet, name, 기자, bar
 *   [뉴시스=홍길동 기자]            outlet=name in brackets
 *   (고양=연합뉴스) 홍길동 기자 =   (place=outlet) name 기자 =
 *   홍길동 기자 =                   name 기자 =
 */

export interface Byline {
  index: number;
  length: number;
  outlet: string | null;
  reporter: string;
}

const NAME = "[가-힣]{2,4}";
const OUTLET = "[가-힣A-Za-z0-9][가-힣A-Za-z0-9.&·]{0,29}";

const FORMS: { regex: RegExp; outlet: number | null; reporter: number }[] = [
  {
    regex: new RegExp(`\\[\\s*(${OUTLET})\\s*=\\s*(${NAME})\\s*기자\\s*\\]`, "gu"),
    outlet: 1,
    reporter: 2,
  },
  {
    regex: new RegExp(
      `\\(\\s*[가-힣A-Za-z]{1,10}\\s*=\\s*(${OUTLET})\\s*\\)\\s*(${NAME})\\s*기자\\s*=`,
      "gu",
    ),
    outlet: 1,
    reporter: 2,
  },
  {
    regex: new RegExp(`(${OUTLET})[ \\t]+(${NAME})[ \\t]*기자[ \\t]*\\|`, "gu"),
    outlet: 1,
    reporter: 2,
  },
  {
    regex: new RegExp(`(?<![가-힣])(${NAME})[ \\t]*기자[ \\t]*=`, "gu"),
    outlet: null,
    reporter: 1,
  },
];

/** All bylines in order. Where forms overlap (a bracketed form also ends in 기자 =), the earlier form wins. */
export function findBylines(text: string): Byline[] {
  const found: Byline[] = [];
  for (const form of FORMS) {
    for (const match of text.matchAll(form.regex)) {
      const reporter = match[form.reporter];
      if (!reporter) continue;
      const index = match.index ?? 0;
      const length = match[0].length;
      const overlaps = found.some((b) => index < b.index + b.length && b.index < index + length);
      if (overlaps) continue;
      const outlet = form.outlet === null ? null : (match[form.outlet] ?? null);
      found.push({ index, length, outlet, reporter });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}
