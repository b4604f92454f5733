/**
 * Permission checks for privileged commands, made in the handler. Discord's default member
 * permissions only decide who sees a command: a server can override them per role or member, so
 * they are not a security boundary.
 */
import { PermissionFlagsBits } from "discord-api-types/v10";

/** Administrators hold every permission, whether or not Discord spells out the others. */
function holds(permissions: bigint | null, flag: bigint): boolean {
  if (permissions === null) return false;
  return (permissions & (flag | PermissionFlagsBits.Administrator)) !== 0n;
}

/** Reminder subscriptions: Manage Channels. */
export function canManageChannels(permissions: bigint | null): boolean {
  return holds(permissions, PermissionFlagsBits.ManageChannels);
}

/** Rebuilding the index and other server-wide operations: Manage Server. */
export function canManageGuild(permissions: bigint | null): boolean {
  return holds(permissions, PermissionFlagsBits.ManageGuild);
}
