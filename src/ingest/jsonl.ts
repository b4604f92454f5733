import type { RawRecord } from "./record.ts";

export type JsonlLine =
  | { ok: true; record: RawRecord }
  | { ok: false; line: number; reason: string };

/** One article per line; only `body` is required and unknown keys are ignored. */
export function parseJsonl(text: string, file: string): JsonlLine[] {
  const out: JsonlLine[] = [];
  const lines = text.split("\n");
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      out.push({
        ok: false,
        line,
        reason: `invalid JSON: ${(error as Error).message.slice(0, 80)}`,
      });
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      out.push({ ok: false, line, reason: "invalid record: not a JSON object" });
      return;
    }
    const o = value as Record<string, unknown>;
    out.push({
      ok: true,
      record: {
        id: o.id,
        url: o.url,
        urlIsArticle: true,
        title: o.title,
        publishedAt: o.publishedAt,
        source: o.source,
        reporter: null,
        body: o.body,
        origin: { file, line },
      },
    });
  });
  return out;
}
