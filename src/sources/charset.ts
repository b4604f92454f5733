/**
 * Bytes to text for fetched documents. Korean sites still serve EUC-KR, declared in the header,
 * only in the XML prolog or only in an HTML meta tag — or not at all. They really mean CP949
 * (Microsoft's superset with the 8,822 syllables EUC-KR lacks: 똠, 펲, 샾), which Node's own
 * TextDecoder('euc-kr') drops or mangles, so every Korean legacy label decodes with iconv-lite's
 * cp949. Order: byte-order mark, Content-Type header, XML prolog, HTML meta, strict UTF-8, cp949.
 */
import iconv from "iconv-lite";

/** Labels Korean sites use for the EUC-KR family; all decode as CP949, its superset. */
const KOREAN_LEGACY = new Set([
  "euc-kr",
  "euckr",
  "cp949",
  "ms949",
  "uhc",
  "windows-949",
  "x-windows-949",
  "ks_c_5601-1987",
  "ks_c_5601",
  "ksc5601",
  "ksc_5601",
  "korean",
  "csksc56011987",
  "iso-ir-149",
]);

export interface Decoded {
  text: string;
  /** The encoding used, as iconv names it (`utf8`, `cp949`, …). */
  charset: string;
  /** Where the charset came from. */
  from: "bom" | "header" | "xml" | "meta" | "utf8" | "fallback";
}

/** The iconv name for a declared label, or null when iconv cannot decode it. */
export function encodingFor(label: string): string | null {
  const name = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, "");
  if (KOREAN_LEGACY.has(name)) return "cp949";
  if (name === "utf-8" || name === "utf8") return "utf8";
  return iconv.encodingExists(name) ? name : null;
}

export function charsetOfContentType(contentType: string | null): string | null {
  const match = contentType?.match(/charset\s*=\s*["']?([^;"'\s]+)/i);
  return match?.[1] ?? null;
}

/** The prolog and the head are ASCII in every encoding we meet: read them as latin1. */
function head(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString(
    "latin1",
  );
}

function declaredInXml(start: string): string | null {
  return start.match(/^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i)?.[1] ?? null;
}

function declaredInMeta(start: string): string | null {
  return (
    start.match(/<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i)?.[1] ??
    start.match(/<meta[^>]+content\s*=\s*["'][^"']*charset=([\w.:-]+)/i)?.[1] ??
    null
  );
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

function strictUtf8(buffer: Buffer): string | null {
  try {
    return STRICT_UTF8.decode(buffer);
  } catch {
    return null;
  }
}

function bomOf(bytes: Uint8Array): { charset: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { charset: "utf8", skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: "utf-16le", skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: "utf-16be", skip: 2 };
  return null;
}

export function decodeBody(bytes: Uint8Array, contentType: string | null): Decoded {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bom = bomOf(bytes);
  if (bom) {
    return {
      text: iconv.decode(buffer.subarray(bom.skip), bom.charset),
      charset: bom.charset,
      from: "bom",
    };
  }
  const start = head(bytes);
  const candidates: Array<[Decoded["from"], string | null]> = [
    ["header", charsetOfContentType(contentType)],
    ["xml", declaredInXml(start)],
    ["meta", declaredInMeta(start)],
  ];
  for (const [from, label] of candidates) {
    const charset = label ? encodingFor(label) : null;
    if (charset === null) continue;
    // A server's default "utf-8" over an EUC-KR page is common: a UTF-8 claim the bytes
    // contradict gives way to the next declaration.
    if (charset === "utf8") {
      const text = strictUtf8(buffer);
      if (text !== null) return { text, charset, from };
      continue;
    }
    return { text: iconv.decode(buffer, charset), charset, from };
  }
  const text = strictUtf8(buffer);
  if (text !== null) return { text, charset: "utf8", from: "utf8" };
  return { text: iconv.decode(buffer, "cp949"), charset: "cp949", from: "fallback" };
}
