/**
 * The layout's rules, read from the import statements of every source file: domain code knows
 * nothing of Discord or of either transport, the bot and the offline console are siblings over the
 * same command modules, the command line is a third sibling, and the analysis of Korean text sits
 * below extraction.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|js)$/.test(entry.name) ? [path] : [];
  });
}

/** `import … from "x"`, `export … from "x"`, `import "x"` and `import("x")`. */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g;

/**
 * What a file imports: packages by name ("discord.js"), the repository's own files by path from
 * the repository root ("src/discord/bot.ts").
 */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return [...text.matchAll(IMPORT)].map(([, specifier]) => {
    const spec = specifier as string;
    if (!spec.startsWith(".")) return spec;
    return relative(ROOT, resolve(ROOT, dirname(file), spec))
      .split("\\")
      .join("/");
  });
}

const FILES = [...sourceFiles("src"), ...sourceFiles("commands")].map((f) =>
  f.split("\\").join("/"),
);

/** Every import of the files under `folders` that `forbidden` matches, as "file → import". */
function offending(folders: string[], forbidden: (imported: string) => boolean): string[] {
  return FILES.filter((file) => folders.some((folder) => file.startsWith(`${folder}/`))).flatMap(
    (file) =>
      importsOf(file)
        .filter(forbidden)
        .map((imported) => `${file} → ${imported}`),
  );
}

const under =
  (...folders: string[]) =>
  (imported: string) =>
    folders.some((folder) => imported.startsWith(`${folder}/`));
const isDiscordPackage = (imported: string) =>
  imported === "discord.js" || imported.startsWith("@discordjs/");

const DOMAIN = [
  "src/ingest",
  "src/analysis",
  "src/extract",
  "src/index",
  "src/query",
  "src/present",
  "src/sources",
  "src/alerts",
  "src/data",
  "src/time",
  "src/messages",
];

describe("architecture", () => {
  it("reads imports as they are written (the rules below could fail)", () => {
    expect(importsOf("src/discord/bot.ts")).toContain("discord.js");
    expect(importsOf("src/start.ts")).toEqual(
      expect.arrayContaining(["src/console/main.ts", "src/discord/bot.ts"]),
    );
    expect(FILES.filter((f) => f.startsWith("src/present/")).length).toBeGreaterThan(5);
    expect(offending(["src/discord"], isDiscordPackage).length).toBeGreaterThan(0);
  });

  it("domain code imports neither discord.js nor a transport nor the command line", () => {
    expect(
      offending(
        DOMAIN,
        (imported) =>
          isDiscordPackage(imported) || under("src/discord", "src/console", "src/cli")(imported),
      ),
    ).toEqual([]);
  });

  it("src/analysis imports nothing from src/extract", () => {
    expect(offending(["src/analysis"], under("src/extract"))).toEqual([]);
  });

  it("src/time is the bottom layer: it imports no other folder of src", () => {
    expect(
      offending(
        ["src/time"],
        (imported) => imported.startsWith("src/") && !imported.startsWith("src/time/"),
      ).filter((line) => !line.endsWith("→ src/types.ts")),
    ).toEqual([]);
  });

  it("the bot, the offline console and the command line are siblings: none imports another", () => {
    expect(offending(["src/discord"], under("src/console", "src/cli"))).toEqual([]);
    expect(offending(["src/console"], under("src/discord", "src/cli"))).toEqual([]);
    expect(offending(["src/cli"], under("src/console", "src/discord"))).toEqual([]);
  });

  it("command modules and the code every transport shares know no transport", () => {
    expect(
      offending(
        ["commands", "src/command", "src/runtime", "src/state", "src/schedule"],
        under("src/discord", "src/console", "src/cli"),
      ),
    ).toEqual([]);
  });

  it("only src/start.ts (npm start) opens both transports, and both run the same command modules", () => {
    const both = FILES.filter((file) => {
      const imports = importsOf(file);
      return (
        imports.some(under("src/discord")) &&
        imports.some(under("src/console")) &&
        !file.startsWith("src/discord/") &&
        !file.startsWith("src/console/")
      );
    });
    expect(both).toEqual(["src/start.ts"]);
    const loader = (transport: string) =>
      FILES.filter((f) => f.startsWith(`${transport}/`)).some((f) =>
        importsOf(f).includes("src/command/registry.ts"),
      );
    expect(loader("src/discord")).toBe(true);
    expect(loader("src/console")).toBe(true);
  });
});
