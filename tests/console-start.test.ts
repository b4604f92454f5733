/**
 * What the offline console loads before its first answer (#14: a cold start within 3 s at
 * 100,000 articles). It must not load discord.js (its command definitions come from
 * @discordjs/builders and discord-api-types), nor the sources' feed and page parsers (loaded when
 * a source first runs): together those were most of the module loading of a start. A loader hook
 * in the real process records every package it resolves.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The bare package names the console process resolved while answering `line`. */
function packagesResolved(line: string): { packages: Set<string>; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "jiwon-console-start-"));
  const hook = join(dir, "hook.mjs");
  const log = join(dir, "resolved.txt");
  writeFileSync(
    hook,
    `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  if (!/^(node:|[./]|file:)/.test(specifier)) appendFileSync(${JSON.stringify(log)}, specifier + "\\n");
  return next(specifier, context);
}
`,
  );
  const register = join(dir, "register.mjs");
  writeFileSync(
    register,
    `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`,
  );
  writeFileSync(log, "");
  const output = execFileSync(
    process.execPath,
    ["--import", register, "bin/jiwon.js", "console", "--as-of", "2025-04-10"],
    {
      cwd: ROOT,
      input: `${line}\n`,
      encoding: "utf8",
      env: {
        ...process.env,
        DISCORD_TOKEN: "",
        JIWON_STATE_DIR: join(dir, "state"),
        LOG_LEVEL: "silent",
        NO_COLOR: "1",
      },
    },
  );
  const names = readFileSync(log, "utf8").split("\n").filter(Boolean);
  const packages = new Set(
    names.map((n) =>
      n.startsWith("@") ? n.split("/").slice(0, 2).join("/") : (n.split("/")[0] ?? n),
    ),
  );
  return { packages, output };
}

describe("the offline console's start", () => {
  it("answers without loading discord.js or the sources' parsers", () => {
    const { packages, output } = packagesResolved("/news search 관세");
    expect(output).toContain("관세");
    expect(packages.has("@discordjs/builders")).toBe(true);
    for (const heavy of ["discord.js", "feedsmith", "linkedom", "@mozilla/readability"]) {
      expect(packages.has(heavy), heavy).toBe(false);
    }
  }, 60_000);
});
