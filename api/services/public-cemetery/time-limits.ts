/**
 * The public cemetery plot's time limits in working days: local settings (the guide's example:
 * "材料齐全的，5个工作日内答复并安排安葬位置"), which a bureau changes here: 5 to accept, 10 to
 * decide after acceptance, 5 to allocate the plot after approval. A module of their own, importing
 * nothing, so that the words that state them (figures.ts → messages) never import the workflow.
 */
export const CEMETERY_DEADLINES = {
  acceptance: { workingDays: 5 },
  decision: { workingDays: 10 },
  allocation: { workingDays: 5 },
} as const;
