/**
 * The figures the social relief words state, from their one source, so that the messages never copy
 * them (tests/unit/wording.test.ts). The standards themselves are rule-table rows (standards-table.ts).
 */

/**
 * The largest amount an income, a cost or an asset may be typed as, in yuan: ten million. Nothing a
 * household in need states comes near it, so a larger figure is a slip (a 万 typed twice, digits
 * pasted twice), refused rather than stored.
 */
export const MAX_AMOUNT_YUAN = 10_000_000;

/** Amounts are kept in fen: at most this many places after the yuan's decimal point. */
export const YUAN_DECIMALS = 2;

export const SOCIAL_RELIEF_FIGURES = {
  maxAmountYuan: MAX_AMOUNT_YUAN,
  /** As both languages write it (10,000,000): the table's schema refuses with this message too, where no parameter reaches it. */
  maxAmountYuanText: new Intl.NumberFormat('en-GB').format(MAX_AMOUNT_YUAN),
  yuanDecimals: YUAN_DECIMALS,
} as const;

/**
 * The most household members the self-check takes (its add-another's maximum): enough for nearly
 * every household, and what keeps its answers within one cookie (docs/decisions/041). A larger
 * household is told to apply, or call.
 */
export const SELF_CHECK_MAX_MEMBERS = 8;
