/**
 * Discovers the command modules: every `commands/*.ts` is imported at start-up, so adding a
 * command is adding a file. A file that does not export the contract fails loudly, by name.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CommandModule } from "./context.ts";

export const COMMANDS_DIR = fileURLToPath(new URL("../../commands/", import.meta.url));

export interface CommandRegistry {
  readonly modules: readonly CommandModule[];
  get(name: string): CommandModule | undefined;
  /** The module whose `button` handles this custom id. */
  forButton(customId: string): CommandModule | undefined;
}

function isCommandModule(value: unknown): value is CommandModule {
  const module = value as Partial<CommandModule> | null;
  return (
    typeof module === "object" &&
    module !== null &&
    typeof module.data?.name === "string" &&
    typeof module.data.toJSON === "function" &&
    typeof module.execute === "function"
  );
}

export function commandFiles(dir: string = COMMANDS_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts") && !name.endsWith(".test.ts"))
    .sort()
    .map((name) => join(dir, name));
}

export function createRegistry(modules: readonly CommandModule[]): CommandRegistry {
  const byName = new Map<string, CommandModule>();
  for (const module of modules) {
    if (byName.has(module.data.name))
      throw new Error(`two command modules are named /${module.data.name}`);
    byName.set(module.data.name, module);
  }
  return {
    modules,
    get: (name) => byName.get(name),
    forButton: (customId) => modules.find((m) => m.button && m.ownsButton?.(customId)),
  };
}

export async function loadCommands(dir: string = COMMANDS_DIR): Promise<CommandRegistry> {
  const modules: CommandModule[] = [];
  for (const file of commandFiles(dir)) {
    const loaded: unknown = await import(pathToFileURL(file).href);
    if (!isCommandModule(loaded)) {
      throw new Error(
        `${file} is not a command module: it must export \`data\` (a SlashCommandBuilder) and \`execute\``,
      );
    }
    modules.push(loaded);
  }
  return createRegistry(modules);
}
