/**
 * What a relief case's status page says of its decisions (docs/decisions/050). Approving, cutting,
 * stopping and refusing help are all administrative decisions the household may challenge, so each
 * is followed by how to object, in the very words and with the law's periods the application's
 * confirmation gives (`application.form.object`); an approval or a cut first says what it decided
 * (the amount, from when, 特困's care arrangement) and that the amount and month may be challenged
 * too. Amounts are kept in fen and written as money, on the timeline as well.
 */
import type { RecordedValues } from '../recorded-values.ts';
import type { DecisionShown, DecisionWords } from '../status-panel.ts';

/** How a relief case's timeline writes what its steps record (the status page's and the workbench's): every amount is in fen (the opinion's, the notice's, the decision's). */
export const RELIEF_RECORDED_VALUES: RecordedValues = { amountFen: 'fen', firstMonth: 'month', fromMonth: 'month', careArrangement: { choice: 'social-relief:fields.choices.careArrangement' } };
import type { ReliefApplicationKind } from './application/schema.ts';

const AMOUNT_EACH_MONTH = { field: 'amountFen', label: 'social-relief:decision.monthlyAmount', format: 'fen' } as const;

/** A monthly allowance granted (低保, 特困): how much a month, from which month. */
const MONTHLY: DecisionShown = {
  facts: [AMOUNT_EACH_MONTH, { field: 'firstMonth', label: 'social-relief:decision.firstMonth', format: 'month' }],
  lead: 'social-relief:decision.objectApproved',
};

/** The steps after which the allowance is paid differently, or not at all, and the refusals. */
const ALLOWANCE_CHANGES: Readonly<Record<string, DecisionShown>> = {
  reduce: { facts: [AMOUNT_EACH_MONTH, { field: 'fromMonth', label: 'social-relief:decision.reducedFrom', format: 'month' }] },
  stop: { facts: [{ field: 'fromMonth', label: 'social-relief:decision.stoppedFrom', format: 'month' }] },
  refuse: {},
  'not-accept': {},
};

/** A one-off grant (临时救助): how much; it is paid once, so there is no month to start from. */
const ONE_OFF: DecisionShown = { facts: [{ field: 'amountFen', label: 'social-relief:decision.amount', format: 'fen' }], lead: 'social-relief:decision.objectGranted' };

const DECISIONS: Readonly<Record<ReliefApplicationKind, Readonly<Record<string, DecisionShown>>>> = {
  dibao: { approve: MONTHLY, ...ALLOWANCE_CHANGES },
  tekun: {
    approve: { ...MONTHLY, facts: [...(MONTHLY.facts ?? []), { field: 'careArrangement', label: 'social-relief:decision.careArrangement', format: { choice: 'social-relief:fields.choices.careArrangement' } }] },
    ...ALLOWANCE_CHANGES,
  },
  // 先行救助 is help given while the case goes on, not its decision.
  temporary: { approve: ONE_OFF, 'approve-in-township': ONE_OFF, refuse: {}, 'not-accept': {} },
};

/** The decisions of a relief service on its status page. */
export function reliefDecisions(kind: ReliefApplicationKind): DecisionWords {
  return {
    decisions: DECISIONS[kind],
    heading: 'social-relief:decision.heading',
    objection: { heading: 'social-relief:application.form.object.title', paragraphs: ['social-relief:application.form.object.review', 'social-relief:application.form.object.help'] },
    values: RELIEF_RECORDED_VALUES,
  };
}
