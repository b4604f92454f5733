/**
 * The one message catalogue: every sentence and label jiwon shows, per locale, in ko.json and
 * en.json beside this file. Both are loaded and checked when this module is first imported: the
 * same keys, and the same `{placeholders}` in each message, so a missing translation fails at
 * start with the key's name, never as a hole in a reply.
 */
import { z } from "zod";
import { dataFile, loadDataFile } from "../data/load-data-file.ts";

export const LOCALES = ["ko", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** The keys are ko.json's; the loader refuses an en.json that lacks one or adds one. */
export type MessageKey = keyof typeof import("./ko.json", { with: { type: "json" }})["messages"];

export type Catalogue = Readonly<Record<string, string>>;

const schema = dataFile({
  locale: z.enum(LOCALES),
  messages: z.record(z.string().regex(/^[a-z][\w.-]*$/i), z.string().min(1)),
});

/** The `{name}` placeholders of a message, sorted. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ""))].sort();
}

/** What differs between two catalogues: keys only one has, placeholders that do not match. */
export function catalogueMismatches(catalogues: Readonly<Record<Locale, Catalogue>>): string[] {
  const problems: string[] = [];
  const [first, ...others] = LOCALES;
  const reference = catalogues[first];
  for (const locale of others) {
    const other = catalogues[locale];
    for (const key of Object.keys(reference)) {
      const theirs = other[key];
      if (theirs === undefined) {
        problems.push(`${key}: missing in ${locale}`);
        continue;
      }
      const want = placeholdersOf(reference[key] ?? "").join(", ");
      const got = placeholdersOf(theirs).join(", ");
      if (want !== got) problems.push(`${key}: {${want}} in ${first} but {${got}} in ${locale}`);
    }
    for (const key of Object.keys(other)) {
      if (!(key in reference)) problems.push(`${key}: in ${locale} but not in ${first}`);
    }
  }
  return problems;
}

function loadCatalogue(locale: Locale): Catalogue {
  const url = new URL(`./${locale}.json`, import.meta.url);
  const data = loadDataFile(url, schema);
  if (data.locale !== locale) throw new Error(`${url.pathname}: says it is "${data.locale}"`);
  return data.messages;
}

export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = {
  ko: loadCatalogue("ko"),
  en: loadCatalogue("en"),
};

const mismatches = catalogueMismatches(CATALOGUES);
if (mismatches.length > 0) {
  throw new Error(`src/messages: the locales disagree\n${mismatches.join("\n")}`);
}

/**
 * The message `key` in `locale`, its `{name}` placeholders filled from `vars`. Values are used as
 * given: the caller escapes text that comes from users or articles.
 */
export function msg(
  key: MessageKey,
  locale: Locale,
  vars: Readonly<Record<string, string | number>> = {},
): string {
  const text = CATALOGUES[locale][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

/** Korean for a Discord locale starting with `ko`, English for every other. */
export function localeOf(discordLocale: string | null | undefined): Locale {
  return discordLocale?.toLowerCase().startsWith("ko") ? "ko" : "en";
}

const NUMBERS: Record<Locale, Intl.NumberFormat> = {
  ko: new Intl.NumberFormat("ko-KR"),
  en: new Intl.NumberFormat("en-US"),
};

/** "1,234": a count written the locale's way. */
export function formatCount(value: number, locale: Locale): string {
  return NUMBERS[locale].format(value);
}
