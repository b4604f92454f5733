import { PALETTE } from "./palette.ts";
import type { ReplyModel } from "./reply-model.ts";

/** A short answer only the asker sees: bad input, refusals, errors. */
export function notice(text: string, color: number = PALETTE.attention): ReplyModel {
  return { embeds: [{ description: text, color, fields: [] }], buttons: [], ephemeral: true };
}
