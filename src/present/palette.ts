/**
 * The embed colours of every reply, by what the reply says (Tailwind's 500 shades). A category's
 * own colour comes from its entry in extract/lexicons/categories.json.
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
