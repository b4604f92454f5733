/**
 * HTML from feeds, APIs and pages to plain text. Descriptions arrive as HTML with inline styles,
 * tracking images, entities (named and numeric) and `\r\n`; titles sometimes carry tags too. Text
 * comes out with paragraphs and list items on their own lines, links reduced to their words,
 * images and scripts dropped. A `<` that does not open a tag (`<2025 지원사업>`) stays text.
 */
import { Readability } from "@mozilla/readability";
import { convert, type HtmlToTextOptions } from "html-to-text";
import { parseHTML } from "linkedom";

const BLOCK_OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  preserveNewlines: false,
  selectors: [
    { selector: "a", options: { ignoreHref: true } },
    { selector: "img", format: "skip" },
    { selector: "script", format: "skip" },
    { selector: "style", format: "skip" },
    { selector: "noscript", format: "skip" },
    { selector: "iframe", format: "skip" },
    { selector: "button", format: "skip" },
    { selector: "form", format: "skip" },
    { selector: "h1", options: { uppercase: false } },
    { selector: "h2", options: { uppercase: false } },
    { selector: "h3", options: { uppercase: false } },
    { selector: "h4", options: { uppercase: false } },
    { selector: "h5", options: { uppercase: false } },
    { selector: "h6", options: { uppercase: false } },
    // Notice tables (구분 | 내용, 접수기간 | dates): one row per line, cells apart.
    {
      selector: "table",
      format: "dataTable",
      options: { colSpacing: 1, maxColumnWidth: 10_000, uppercaseHeaderCells: false },
    },
  ],
};

/** Multi-line text of an HTML fragment or document. */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.trim();
  return convert(html, BLOCK_OPTIONS)
    .replace(/\u00a0/g, " ")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** One line of text (titles): tags and entities removed, whitespace collapsed. */
export function inlineText(html: string): string {
  return htmlToText(html).replace(/\s+/g, " ").trim();
}

export type Page = ReturnType<typeof parseHTML>["document"];

/** A parsed page for selectors; linkedom builds it without a browser. */
export function parsePage(html: string): Page {
  return parseHTML(html).document;
}

/** Text of the first element matching `selector`, or null. */
export function selectText(document: Page, selector: string): string | null {
  const element = document.querySelector(selector);
  if (!element) return null;
  const text = htmlToText(element.innerHTML);
  return text === "" ? null : text;
}

/**
 * The main text of an article page (the body, not the site's menus and footers): the element a
 * selector names when one is configured, else Mozilla's Readability. Null when neither finds text.
 */
export function mainText(html: string, bodySelector?: string): string | null {
  const document = parsePage(html);
  if (bodySelector) return selectText(document, bodySelector);
  // Readability's typings name the browser's Document; linkedom's is the same shape.
  const article = new Readability(document as never, { charThreshold: 100 }).parse();
  if (!article?.content) return null;
  const text = htmlToText(article.content);
  return text === "" ? null : text;
}
