/**
 * The fee exemption's manual claim (docs/decisions/075): the pure rule a reviewer's confirmation
 * applies to a booking's stored lines (covered basic items only, the cap per deceased spent in the
 * national list's order, the scheme in force on the day of death, nothing for an optional service,
 * nothing where no scheme covers the ground), the reviewer's schemas, and the booking's status
 * panel saying what confirming would waive and offering the proof, in both languages.
 */
import { describe, expect, it } from 'vitest';
import type { CaseProgress } from '../../api/cases/case-service.ts';
import { sourceRow, type RuleRow } from '../../api/engine/rules/rule-table.ts';
import { formatDate, formatMonth, formatYuan, LOCALES, translator } from '../../api/i18n/index.ts';
import type { CaseClaimView } from '../../api/services/case-service.ts';
import { funeralBookingPanel, SEND_PROOF_ACTION } from '../../api/services/funeral/booking-panel.ts';
import { ClaimConfirmationSchema, ClaimRefusalSchema, confirmedWaiver } from '../../api/services/funeral/fee-exemption-claim.ts';
import { EXEMPTION_GROUPS, type FeeExemptionValue } from '../../api/services/funeral/fee-exemption-table.ts';
import type { BookedItem } from '../../api/services/funeral/fee-exemption.ts';
import { caseWords } from '../../site/lib/case-words.ts';

const CORE = ['body-transport', 'body-storage', 'cremation', 'ashes-storage'] as const;
const value = (more: Partial<FeeExemptionValue>): FeeExemptionValue => ({ example: false, scheme: 'targeted', capFen: null, groups: [...EXEMPTION_GROUPS], items: [...CORE], regionCodes: [], ...more });
const row = (key: string, effectiveFrom: string, more: Partial<FeeExemptionValue>): RuleRow<FeeExemptionValue> => sourceRow({ key, effectiveFrom, basis: `notice ${effectiveFrom}`, value: value(more) });

/** A city: targeted in full until 2026-03-30, then all residents (and the groups) up to ¥1,600. */
const ROWS = [row('city', '2024-01-01', { scheme: 'targeted' }), row('city', '2026-03-30', { scheme: 'all-residents', capFen: 160_000, items: [...CORE, 'farewell'], regionCodes: ['110101'] })];

/** As a booking stores them, in the booking's order (not the national list's): an optional service, a cremation, a transport, storage, a farewell, a year's ashes storage. */
const LINES: BookedItem[] = [
  { item: 'flowers', chargedFen: 50_000 },
  { item: 'cremation', chargedFen: 60_000 },
  { item: 'body-transport', chargedFen: 80_000 },
  { item: 'body-storage', chargedFen: 30_000 },
  { item: 'farewell', chargedFen: 30_000 },
  { item: 'ashes-storage', chargedFen: 10_000 },
];
const CHARGED = 260_000;

describe('what a confirmed claim waives (confirmedWaiver)', () => {
  it.each([
    // Before the all-residents row: targeted, in full, the four core items; the farewell is not covered, flowers never are.
    ['targeted, in full', '2026-03-01', 'relief', [0, 60_000, 80_000, 30_000, 0, 10_000], 180_000],
    // The cap is spent in the national list's order (transport 800, storage 300, farewell 300, then cremation 200 of 600, ashes nothing), whatever the booking's order.
    ['up to the cap, in the national list’s order', '2026-12-01', 'youfu', [0, 20_000, 80_000, 30_000, 30_000, 0], 160_000],
    ['the same for a relief claim', '2026-12-01', 'relief', [0, 20_000, 80_000, 30_000, 30_000, 0], 160_000],
  ] as const)('%s', (_name, diedOn, ground, waived, total) => {
    const amounts = confirmedWaiver(ROWS, 'city', diedOn, ground, LINES);
    expect(amounts?.lines.map((line) => line.waivedFen)).toEqual(waived);
    expect(amounts?.waivedFen).toBe(total);
    expect(amounts?.toPayFen).toBe(CHARGED - total);
    expect(amounts?.lines[0]?.reason.key).toBe('optional');
  });

  it('says why each line is or is not waived: in full, up to the cap, the cap reached, not covered', () => {
    expect(confirmedWaiver(ROWS, 'city', '2026-12-01', 'youfu', LINES)?.lines.map((line) => line.reason.key)).toEqual(['optional', 'capPartly', 'waived', 'waived', 'waived', 'capReached']);
    expect(confirmedWaiver(ROWS, 'city', '2026-03-01', 'relief', LINES)?.lines.map((line) => line.reason.key)).toEqual(['optional', 'waived', 'waived', 'waived', 'notCovered', 'waived']);
  });

  it('waives nothing where no scheme was in force on the day of death, or none covers the ground', () => {
    expect(confirmedWaiver(ROWS, 'city', '2023-12-31', 'youfu', LINES)).toBeUndefined();
    expect(confirmedWaiver(ROWS, 'elsewhere', '2026-12-01', 'youfu', LINES)).toBeUndefined();
    const withoutYoufu = [row('odd', '2024-01-01', { groups: ['dibao', 'tekun', 'unidentified'] })];
    expect(confirmedWaiver(withoutYoufu, 'odd', '2026-12-01', 'youfu', LINES)).toBeUndefined();
    expect(confirmedWaiver(withoutYoufu, 'odd', '2026-12-01', 'relief', LINES)?.waivedFen).toBe(180_000);
  });

  it('waives nothing of a line priced later (a transport by the kilometre, 0 until known)', () => {
    expect(confirmedWaiver(ROWS, 'city', '2026-03-01', 'relief', [{ item: 'body-transport', chargedFen: 0 }])?.waivedFen).toBe(0);
  });
});

describe('the reviewer’s decision', () => {
  it('needs the version read, and a refusal’s reason of 10 to 500 characters', () => {
    expect(ClaimConfirmationSchema.safeParse({ version: 2 }).success).toBe(true);
    expect(ClaimConfirmationSchema.safeParse({ version: 0 }).success).toBe(false);
    expect(ClaimConfirmationSchema.safeParse({}).success).toBe(false);
    expect(ClaimRefusalSchema.safeParse({ version: 2, reason: '证明不是逝者本人的，请补充。' }).success).toBe(true);
    for (const reason of ['太短', 'x'.repeat(501), '  \n  ']) expect(ClaimRefusalSchema.safeParse({ version: 2, reason }).error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['reason', 'funeral:exemption.errors.review.reason']]);
  });
});

const progress = (claim: CaseClaimView | null): CaseProgress => ({
  trackingNumber: '7KQ4-M9XH-2CP',
  service: 'funeral-booking',
  state: 'booked',
  submittedAt: '2026-12-01T02:00:00.000Z',
  timeline: [{ at: '2026-12-01T02:00:00.000Z', transition: 'submit', to: 'booked', details: {} }],
  deadlines: [],
  handledBy: null,
  documentsRequested: null,
  documentsAnswer: null,
  withdrawable: true,
  applicantStop: 'cancel',
  bookingPath: '/apply/funeral-booking',
  applicantActions: [],
  appointment: null,
  appointments: [],
  periods: [],
  settings: {},
  rating: { open: false, given: null, followUp: null },
  parts: [],
  claim,
});
const CLAIM: CaseClaimView = {
  ground: 'youfu',
  status: 'open',
  lines: [
    { item: 'body-transport', chargedFen: 80_000, waivedFen: 80_000 },
    { item: 'flowers', chargedFen: 50_000, waivedFen: 0 },
  ],
  chargedFen: 130_000,
  waivedFen: 80_000,
  toPayFen: 50_000,
  refusal: null,
  proof: { accept: ['pdf', 'jpeg', 'png', 'heic'], maxFileBytes: 10 * 1024 * 1024, maxFiles: 5, noteMaxLength: 500 },
};

describe.each(LOCALES)('a funeral booking’s status panel in %s', (lang) => {
  const t = translator(lang);
  const context = { t, formatDate: (value: string) => formatDate(value, lang), formatMonth: (value: string) => formatMonth(value, lang), formatYuan: (fen: number) => formatYuan(fen, lang), href: (path: string) => path, words: caseWords({ t }) };
  const facts = (claim: CaseClaimView) => funeralBookingPanel(progress(claim), context).details.flatMap((detail) => detail.facts);

  it('says what confirming would waive and pay, and offers the proof with the ground chosen, the files and the note', () => {
    const view = funeralBookingPanel(progress(CLAIM), context);
    const said = facts(CLAIM);
    expect(said.find((fact) => fact.testId === 'claim-waived')?.value).toBe(formatYuan(80_000, lang));
    expect(said.find((fact) => fact.testId === 'claim-to-pay')?.value).toBe(formatYuan(50_000, lang));
    expect(said.find((fact) => fact.testId === 'claim-status')?.value).toBe(t('funeral:exemption.claim.track.statuses.open'));
    const action = view.actions[0];
    expect(action?.id).toBe(SEND_PROOF_ACTION);
    expect(action?.kind === 'form' ? action.inputs?.map((input) => [input.kind, input.name]) : []).toEqual([['choice', 'ground'], ['file', 'files'], ['text', 'note']]);
    expect(action?.kind === 'form' ? action.inputs?.find((input) => input.kind === 'choice') : undefined).toMatchObject({ value: 'youfu', options: [{ value: 'relief' }, { value: 'youfu' }] });
    // The cancellation stays on offer after it.
    expect(view.actions.map((each) => each.id)).toEqual([SEND_PROOF_ACTION, 'withdraw']);
  });

  it('says the claim is being checked once sent, with no form; what was waived once confirmed; the reason once refused', () => {
    expect(funeralBookingPanel(progress({ ...CLAIM, status: 'sent', proof: null }), context).actions.map((each) => each.id)).toEqual(['withdraw']);
    expect(funeralBookingPanel(progress({ ...CLAIM, status: 'sent', proof: null }), context, SEND_PROOF_ACTION).said).toBe(t('funeral:exemption.claim.track.received'));
    expect(facts({ ...CLAIM, status: 'confirmed', proof: null }).find((fact) => fact.testId === 'claim-waived')?.label).toBe(t('funeral:exemption.claim.track.waived'));
    const refused = facts({ ...CLAIM, status: 'refused', proof: null, waivedFen: 0, toPayFen: 130_000, refusal: '证件不符' });
    expect(refused.find((fact) => fact.testId === 'claim-refusal')?.value).toBe('证件不符');
    expect(refused.find((fact) => fact.testId === 'claim-waived')).toBeUndefined();
  });

  it('is the workflow’s own panel for a booking without a claim', () => {
    const view = funeralBookingPanel(progress(null), context);
    expect(view.details).toEqual([]);
    expect(view.actions.map((each) => each.id)).toEqual(['withdraw']);
  });
});
