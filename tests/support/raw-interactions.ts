/**
 * Raw INTERACTION_CREATE payloads shaped like the ones Discord sends (API v10), so tests feed
 * real discord.js interaction classes rather than hand-made mocks. Ids are fresh snowflakes so
 * two interactions in one test never share a token.
 */
import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  type Locale,
  MessageType,
  PermissionFlagsBits,
} from "discord.js";

/** Ids shared by the fake server's READY/GUILD_CREATE and these builders. */
export const TEST_IDS = {
  application: "1100000000000000001",
  bot: "1100000000000000001",
  guild: "1100000000000000002",
  channel: "1100000000000000003",
  user: "1100000000000000004",
  command: "1100000000000000005",
} as const;

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A snowflake for "now": unique within the process, increasing. */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment).toString();
}

const MEMBER_DEFAULT =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.UseApplicationCommands;

const APP_DEFAULT = MEMBER_DEFAULT | PermissionFlagsBits.AttachFiles;

export type OptionValue =
  | string
  | number
  | boolean
  | { type: ApplicationCommandOptionType; value: string | number | boolean };

export interface InteractionContext {
  /** null makes a DM interaction (no member, `user` instead). */
  guildId?: string | null;
  channelId?: string;
  userId?: string;
  applicationId?: string;
  locale?: `${Locale}`;
  guildLocale?: `${Locale}`;
  /** Bitfield of the invoking member; defaults to an ordinary member's permissions. */
  memberPermissions?: bigint | string;
  appPermissions?: bigint | string;
}

export interface ChatInputOptions extends InteractionContext {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  options?: Record<string, OptionValue>;
  commandId?: string;
}

export interface AutocompleteOptions extends ChatInputOptions {
  /** The option being typed; its value is the partial text. */
  focused: string;
  value: string;
}

export interface ButtonOptions extends InteractionContext {
  customId: string;
  /** The message carrying the button; defaults to a bot message in the channel. */
  message?: Partial<APIMessage>;
}

export function testUser(id: string = TEST_IDS.user): APIUser {
  return {
    id,
    username: `user${id.slice(-4)}`,
    discriminator: "0",
    global_name: "테스트 사용자",
    avatar: null,
  };
}

export function botUser(id: string = TEST_IDS.bot): APIUser {
  return { id, username: "jiwon", discriminator: "0", global_name: null, avatar: null, bot: true };
}

function permissionString(value: bigint | string | undefined, fallback: bigint): string {
  if (value === undefined) return fallback.toString();
  return typeof value === "bigint" ? value.toString() : value;
}

/** The fields every interaction carries: ids, token, member or user, channel, locale. */
function base(ctx: InteractionContext) {
  const id = snowflake();
  const guildId = ctx.guildId === undefined ? TEST_IDS.guild : ctx.guildId;
  const channelId = ctx.channelId ?? TEST_IDS.channel;
  const user = testUser(ctx.userId);
  const common = {
    id,
    application_id: ctx.applicationId ?? TEST_IDS.application,
    token: `itoken-${id}`,
    version: 1 as const,
    locale: (ctx.locale ?? "ko") as Locale,
    app_permissions: permissionString(ctx.appPermissions, APP_DEFAULT),
    entitlements: [],
    attachment_size_limit: 10_485_760,
  };
  if (guildId === null) {
    return {
      ...common,
      user,
      channel: { id: channelId, type: ChannelType.DM, recipients: [user] },
      channel_id: channelId,
      context: InteractionContextType.BotDM,
      authorizing_integration_owners: { [ApplicationIntegrationType.UserInstall]: user.id },
    };
  }
  return {
    ...common,
    guild_id: guildId,
    guild: { id: guildId, locale: (ctx.guildLocale ?? "ko") as Locale, features: [] },
    guild_locale: (ctx.guildLocale ?? "ko") as Locale,
    channel: textChannelPayload(channelId, guildId),
    channel_id: channelId,
    member: {
      user,
      roles: [],
      permissions: permissionString(ctx.memberPermissions, MEMBER_DEFAULT),
      joined_at: "2024-01-01T00:00:00.000Z",
      deaf: false,
      mute: false,
      flags: 0,
      avatar: null,
      nick: null,
      premium_since: null,
      pending: false,
    },
    context: InteractionContextType.Guild,
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guildId },
  };
}

function toOption(name: string, value: OptionValue, focused = false) {
  const typed =
    typeof value === "object"
      ? value
      : typeof value === "boolean"
        ? { type: ApplicationCommandOptionType.Boolean, value }
        : typeof value === "number"
          ? {
              type: Number.isInteger(value)
                ? ApplicationCommandOptionType.Integer
                : ApplicationCommandOptionType.Number,
              value,
            }
          : { type: ApplicationCommandOptionType.String, value };
  return {
    name,
    ...typed,
    ...(focused ? { focused: true } : {}),
  } as APIApplicationCommandInteractionDataOption;
}

/** Wraps leaf options in the subcommand (and group) layers the API nests them in. */
function nestOptions(
  leaves: APIApplicationCommandInteractionDataOption[],
  subcommand?: string,
  group?: string,
): APIApplicationCommandInteractionDataOption[] {
  if (!subcommand) return leaves;
  const sub = {
    type: ApplicationCommandOptionType.Subcommand,
    name: subcommand,
    options: leaves,
  } as APIApplicationCommandInteractionDataOption;
  if (!group) return [sub];
  return [
    {
      type: ApplicationCommandOptionType.SubcommandGroup,
      name: group,
      options: [sub],
    } as APIApplicationCommandInteractionDataOption,
  ];
}

function commandData(opts: ChatInputOptions, leaves: APIApplicationCommandInteractionDataOption[]) {
  const guildId = opts.guildId === undefined ? TEST_IDS.guild : opts.guildId;
  return {
    id: opts.commandId ?? TEST_IDS.command,
    name: opts.name,
    type: ApplicationCommandType.ChatInput as const,
    options: nestOptions(leaves, opts.subcommand, opts.subcommandGroup),
    ...(guildId ? { guild_id: guildId } : {}),
  };
}

/** Type 2: a slash command as invoked by a user. */
export function chatInputInteraction(
  opts: ChatInputOptions,
): APIChatInputApplicationCommandInteraction {
  const leaves = Object.entries(opts.options ?? {}).map(([name, value]) => toOption(name, value));
  return {
    ...base(opts),
    type: InteractionType.ApplicationCommand,
    data: commandData(opts, leaves),
  } as APIChatInputApplicationCommandInteraction;
}

/** Type 4: the user is typing into `focused`; Discord sends the partial text as a string. */
export function autocompleteInteraction(
  opts: AutocompleteOptions,
): APIApplicationCommandAutocompleteInteraction {
  const leaves = [
    ...Object.entries(opts.options ?? {})
      .filter(([name]) => name !== opts.focused)
      .map(([name, value]) => toOption(name, value)),
    toOption(opts.focused, { type: ApplicationCommandOptionType.String, value: opts.value }, true),
  ];
  return {
    ...base(opts),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: commandData(opts, leaves),
  } as APIApplicationCommandAutocompleteInteraction;
}

/** Type 3: a click on a button of a message the bot posted earlier. */
export function buttonInteraction(opts: ButtonOptions): APIMessageComponentButtonInteraction {
  const ctx = base(opts);
  const applicationId = opts.applicationId ?? TEST_IDS.application;
  const message: APIMessage = {
    ...botMessagePayload(ctx.channel_id, applicationId),
    application_id: applicationId,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          { type: ComponentType.Button, style: 2, custom_id: opts.customId, label: "…" },
        ],
      },
    ],
    ...opts.message,
  };
  return {
    ...ctx,
    type: InteractionType.MessageComponent,
    data: { custom_id: opts.customId, component_type: ComponentType.Button },
    message,
  } as APIMessageComponentButtonInteraction;
}

/** The raw API shape of the test guild's text channel, as Discord sends it everywhere. */
export function textChannelPayload(channelId: string, guildId: string) {
  return {
    id: channelId,
    type: ChannelType.GuildText,
    guild_id: guildId,
    name: "지원사업-알림",
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

/** The raw API shape of a message the bot posted, with empty content unless overridden. */
export function botMessagePayload(channelId: string, applicationId: string) {
  return {
    id: snowflake(),
    channel_id: channelId,
    author: botUser(applicationId),
    content: "",
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: MessageType.Default,
    flags: 0,
  };
}
