/**
 * Registers the slash commands through REST: to one guild when DISCORD_GUILD_ID is set
 * (development: instant updates), globally otherwise. A bulk PUT replaces the whole set, so
 * running it twice is harmless; it is still a separate step because creations are rate-limited
 * per day, and the bot must not re-register on every start.
 */
import { REST, type RESTPutAPIApplicationCommandsResult, Routes } from "discord.js";
import type { CommandRegistry } from "../command/registry.ts";

export interface RegistrationTarget {
  token: string;
  clientId: string;
  guildId: string | null;
  apiUrl: string;
}

export interface RegistrationResult {
  scope: "guild" | "global";
  route: string;
  names: string[];
}

export async function deployCommands(
  target: RegistrationTarget,
  registry: CommandRegistry,
): Promise<RegistrationResult> {
  const rest = new REST({ api: target.apiUrl }).setToken(target.token);
  const body = registry.modules.map((module) => module.data.toJSON());
  const route =
    target.guildId === null
      ? Routes.applicationCommands(target.clientId)
      : Routes.applicationGuildCommands(target.clientId, target.guildId);
  const created = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
  return {
    scope: target.guildId === null ? "global" : "guild",
    route,
    names: created.map((c) => c.name),
  };
}
