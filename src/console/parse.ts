/**
 * Reads a console line as Discord would read a slash command, from the command's own definition
 * (its builder JSON): `/news search query:관세`, `/news search 관세` (bare text fills the first
 * text option), `/news search query:"upcoming seminars in Goyang"` or unquoted — words after
 * `name:` belong to that option until the next `name:`. Numbers, booleans, choices and required
 * options are checked like Discord checks them, so a command module sees the same values.
 */
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType as OptionType,
} from "discord-api-types/v10";
import type { OptionValue } from "../command/context.ts";
import type { CommandRegistry } from "../command/registry.ts";

export type ConsoleLine =
  | { kind: "empty" }
  | { kind: "help" }
  | { kind: "exit" }
  | { kind: "button"; number: number }
  | {
      kind: "command";
      command: string;
      subcommand: string | null;
      options: Map<string, OptionValue>;
    }
  | { kind: "error"; message: string };

const TRUE = new Set(["true", "yes", "y", "1", "on", "예", "네", "참"]);
const FALSE = new Set(["false", "no", "n", "0", "off", "아니오", "아니요", "거짓"]);

/** Splits on spaces, keeping "quoted text" (straight or curly quotes) together, quotes removed. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  const pattern = /(?:[^\s"“”]+|"[^"]*"?|“[^”]*”?)+/g;
  for (const match of text.matchAll(pattern)) words.push(match[0].replace(/["“”]/g, ""));
  return words;
}

function basicOptions(
  options: readonly APIApplicationCommandOption[] | undefined,
): APIApplicationCommandBasicOption[] {
  return (options ?? []).filter(
    (o): o is APIApplicationCommandBasicOption =>
      o.type !== OptionType.Subcommand && o.type !== OptionType.SubcommandGroup,
  );
}

function placeholder(option: APIApplicationCommandBasicOption): string {
  if ("choices" in option && option.choices && option.choices.length > 0) {
    return option.choices.map((c) => c.value).join("|");
  }
  switch (option.type) {
    case OptionType.Integer:
    case OptionType.Number:
      return "number";
    case OptionType.Boolean:
      return "true|false";
    case OptionType.Channel:
      return "channel";
    default:
      return "text";
  }
}

function usageOf(path: string, options: APIApplicationCommandBasicOption[]): string {
  const parts = options.map((o) =>
    o.required ? `${o.name}:<${placeholder(o)}>` : `[${o.name}:<${placeholder(o)}>]`,
  );
  return [path, ...parts].join(" ");
}

/** One usage line per subcommand, for `help` and for mistakes. */
export function usageLines(registry: CommandRegistry): string[] {
  const lines: string[] = [];
  for (const module of registry.modules) {
    const json = module.data.toJSON();
    const subcommands = (json.options ?? []).filter((o) => o.type === OptionType.Subcommand);
    if (subcommands.length === 0) lines.push(usageOf(`/${json.name}`, basicOptions(json.options)));
    for (const sub of subcommands)
      lines.push(usageOf(`/${json.name} ${sub.name}`, basicOptions(sub.options)));
  }
  return lines;
}

function convert(option: APIApplicationCommandBasicOption, raw: string): OptionValue | string[] {
  const text = raw.trim();
  const problem = (why: string) => [`${option.name}: ${why}`];
  if ("choices" in option && option.choices && option.choices.length > 0) {
    const lower = text.toLowerCase();
    const choice = option.choices.find(
      (c) =>
        String(c.value).toLowerCase() === lower ||
        c.name.toLowerCase() === lower ||
        Object.values(c.name_localizations ?? {}).some((n) => n?.toLowerCase() === lower),
    );
    return choice
      ? choice.value
      : problem(`choose one of ${option.choices.map((c) => c.value).join(", ")}`);
  }
  switch (option.type) {
    case OptionType.Integer:
    case OptionType.Number: {
      const number = Number(text);
      const whole = option.type === OptionType.Integer;
      if (text === "" || !Number.isFinite(number) || (whole && !Number.isInteger(number))) {
        return problem(`expected a ${whole ? "whole " : ""}number, got "${text}"`);
      }
      if (option.min_value !== undefined && number < option.min_value)
        return problem(`at least ${option.min_value}`);
      if (option.max_value !== undefined && number > option.max_value)
        return problem(`at most ${option.max_value}`);
      return number;
    }
    case OptionType.Boolean: {
      const lower = text.toLowerCase();
      if (TRUE.has(lower)) return true;
      if (FALSE.has(lower)) return false;
      return problem(`expected true or false, got "${text}"`);
    }
    case OptionType.String: {
      const length = [...text].length;
      if (option.max_length !== undefined && length > option.max_length) {
        return problem(`at most ${option.max_length} characters`);
      }
      return text;
    }
    default:
      return text;
  }
}

function parseOptions(
  words: string[],
  options: APIApplicationCommandBasicOption[],
  usage: string,
): Map<string, OptionValue> | string {
  const byName = new Map(options.map((o) => [o.name, o]));
  const firstText = options.find((o) => o.type === OptionType.String);
  const raw = new Map<string, string>();
  let current: string | null = null;
  for (const word of words) {
    const named = /^([\p{L}\p{N}_-]+):(.*)$/u.exec(word);
    if (named?.[1] !== undefined && byName.has(named[1])) {
      current = named[1];
      raw.set(current, named[2] ?? "");
      continue;
    }
    const target: string | null =
      current !== null && byName.get(current)?.type === OptionType.String
        ? current
        : firstText && (!raw.has(firstText.name) || current === null)
          ? firstText.name
          : null;
    if (target === null) return `unexpected "${word}"\nusage: ${usage}`;
    const before = raw.get(target);
    raw.set(target, before ? `${before} ${word}` : word);
    current = target;
  }
  const values = new Map<string, OptionValue>();
  const problems: string[] = [];
  for (const option of options) {
    const text = raw.get(option.name);
    if (text === undefined || text.trim() === "") {
      if (option.required) problems.push(`${option.name} is required`);
      continue;
    }
    const value = convert(option, text);
    if (Array.isArray(value)) problems.push(...value);
    else values.set(option.name, value);
  }
  return problems.length > 0 ? `${problems.join("; ")}\nusage: ${usage}` : values;
}

export function parseConsoleLine(line: string, registry: CommandRegistry): ConsoleLine {
  const text = line.trim();
  if (text === "") return { kind: "empty" };
  if (/^\/?(help|도움말|\?)$/i.test(text)) return { kind: "help" };
  if (/^\/?(exit|quit|종료)$/i.test(text)) return { kind: "exit" };
  if (/^\d{1,2}$/.test(text)) return { kind: "button", number: Number(text) };
  const [head = "", ...words] = splitWords(text.replace(/^\//, ""));
  const module = registry.get(head.toLowerCase());
  if (!module) {
    const known = registry.modules.map((m) => `/${m.data.name}`).join(", ");
    return { kind: "error", message: `unknown command "${head}" — try ${known}, help or exit` };
  }
  const json = module.data.toJSON();
  const subcommands = (json.options ?? []).filter((o) => o.type === OptionType.Subcommand);
  if (subcommands.length === 0) {
    const options = basicOptions(json.options);
    const parsed = parseOptions(words, options, usageOf(`/${json.name}`, options));
    return typeof parsed === "string"
      ? { kind: "error", message: parsed }
      : { kind: "command", command: json.name, subcommand: null, options: parsed };
  }
  const [subName = "", ...rest] = words;
  const sub = subcommands.find((s) => s.name === subName.toLowerCase());
  if (!sub) {
    const usage = subcommands
      .map((s) => usageOf(`/${json.name} ${s.name}`, basicOptions(s.options)))
      .join("\n  ");
    return {
      kind: "error",
      message: `/${json.name} needs one of: ${subcommands.map((s) => s.name).join(", ")}\n  ${usage}`,
    };
  }
  const options = basicOptions(sub.options);
  const parsed = parseOptions(rest, options, usageOf(`/${json.name} ${sub.name}`, options));
  return typeof parsed === "string"
    ? { kind: "error", message: parsed }
    : { kind: "command", command: json.name, subcommand: sub.name, options: parsed };
}
