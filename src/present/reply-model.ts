/**
 * The reply model: what a command answers, independent of transport. The Discord adapter turns
 * it into embeds and buttons; the offline console draws it as boxes. One code path, two renderers.
 */
export interface FieldModel {
  name: string;
  value: string;
  inline?: boolean;
}

export interface EmbedModel {
  title?: string;
  url?: string;
  description?: string;
  color?: number;
  fields: FieldModel[];
  footer?: string;
}

export interface ButtonModel {
  customId: string;
  label: string;
  disabled?: boolean;
}

export interface ReplyModel {
  /** One line above the embeds, e.g. the interpretation and the total. */
  content?: string;
  embeds: EmbedModel[];
  buttons: ButtonModel[];
  /** Visible only to the person who asked (errors, moderator reports). */
  ephemeral?: boolean;
}
