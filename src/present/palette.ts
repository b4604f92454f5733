/**
 * The embed colours of every reply (Tailwind's 500 shades, a few 400 and 600): by what the reply
 * says, and for an article by its first category. The one place a colour is written.
 */
export const PALETTE = {
  /** An article without a category colour, an empty answer. */
  neutral: 0x94a3b8,
  /** Deadlines closing, failures. */
  urgent: 0xef4444,
  /** Upcoming events. */
  event: 0x3b82f6,
  /** Open-ended calls, switched-off reminders. */
  quiet: 0x64748b,
  /** Something done: a subscription saved, an index rebuilt. */
  done: 0x22c55e,
  /** Worth a second look: a notice to the asker (bad input, a refusal), a deadline that moved. */
  attention: 0xf59e0b,
  /** The subscription status list. */
  status: 0x6366f1,
} as const;

/** An article's colour by the id of its category (src/extract/lexicons/categories.json). */
const CATEGORY_COLOURS: ReadonlyMap<string, number> = new Map(
  Object.entries({
    seminar: 0x3b82f6,
    fair: 0x8b5cf6,
    training: 0x10b981,
    jobs: 0xf59e0b,
    call: 0xef4444,
    subsidy: 0xdc2626,
    finance: 0x0ea5e9,
    trade: 0x14b8a6,
    startup: 0xa855f7,
    mou: 0x64748b,
    policy: 0x78716c,
    selection: 0xeab308,
    tech: 0x06b6d4,
    market: 0x22c55e,
    management: 0x6366f1,
    care: 0xf472b6,
  }),
);

/** The categories that have a colour of their own (a test checks every category has one). */
export function categoryColourIds(): string[] {
  return [...CATEGORY_COLOURS.keys()];
}

/** The colour of an article whose first category is `id`; neutral without one. */
export function categoryColour(id: string | undefined): number {
  return (id === undefined ? undefined : CATEGORY_COLOURS.get(id)) ?? PALETTE.neutral;
}
