/**
 * The eco-burial subsidy's time limits in working days: local settings, these are examples a bureau
 * changes here (5 to accept, 20 to decide, payment within 60 of acceptance: DOMAIN.md's "paid within
 * ~60 working days"). A module of their own, importing nothing, so that the words that state them
 * (figures.ts → messages) never import the workflow's schemas and, through them, the i18n resources
 * being built.
 */
export const ECO_BURIAL_DEADLINES = {
  acceptance: { workingDays: 5 },
  decision: { workingDays: 20 },
  payment: { workingDays: 60 },
} as const;
