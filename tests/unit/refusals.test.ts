/**
 * The refusal table (api/http/refusals.ts, docs/decisions/027): every reason of every use case has
 * an entry, and each is said in both languages (no key left untranslated, no placeholder left
 * empty). The samples' type is mapped from the table's, so a new reason needs a sample here too.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { DEMO_REGISTRY_OFFICES, RegistryOfficeSchema } from '../../api/services/marriage/offices.ts';
import { z } from 'zod';
import { REFUSALS, refusalAnswer, type ReasonOf, type RefusalOf, type RefusalResponse, type EditorialWords, type Refusals, type RefusingUse } from '../../api/http/refusals.ts';
import { LOCALES } from '../../api/i18n/index.ts';

type Samples = { [U in RefusingUse]: { [Reason in ReasonOf<U>]: readonly RefusalOf<U, Reason>[] } };

const issues = z.object({ name: z.string().min(1) }).safeParse({}).error ?? new z.ZodError([]);
const affected = [{ trackingNumber: '7KQ4-M9XH-2CP', date: '2027-02-08', start: '09:00', end: '09:30', kind: 'marriage', people: [{ name: '张*', idNumber: '1101**********1234' }] }];
const retryAt = '2027-01-04T10:20:00+08:00';
const lookup = { format: [{ ok: false, reason: 'format', problem: 'checkCharacter' }], no_match: [{ ok: false, reason: 'no_match' }] } as const;
// A day not yet open always comes with when it opens (schedule.ts).
const slots = ['past', 'closed', 'too-soon', 'beyond-window', 'outside-window', 'no-such-slot', 'full'] as const;
const slot = [...slots.map((refusal) => ({ ok: false, reason: 'slot', refusal }) as const), { ok: false, reason: 'slot', refusal: 'not-yet-open', releasesAt: retryAt } as const];
const asked = { party: 'partyB', office: 'demo-district-registry' } as const;

/** The words the guides' and notices' draft routes give their refusals (api/routes/guide-editing.routes.ts, announcements.routes.ts). */
const GUIDE_WORDS: EditorialWords = { notFound: { code: 'guide_not_found', message: 'errors.guideEditor.guideNotFound' }, noDraft: 'errors.guideEditor.noDraft', noChanges: 'errors.guideEditor.noChanges' };
const NOTICE_WORDS: EditorialWords = { notFound: { code: 'notice_not_found', message: 'errors.notices.notFound' }, noDraft: 'errors.notices.noDraft', noChanges: 'errors.notices.noChanges' };

const SAMPLES: Samples = {
  staff: { not_signed_in: [{ reason: 'not_signed_in' }], not_permitted: [{ reason: 'not_permitted' }] },
  signIn: { invalid: [{ ok: false, reason: 'invalid' }], throttled: [{ ok: false, reason: 'throttled', retryAt }] },
  queue: { no_queue: [{ reason: 'no_queue' }] },
  caseWork: {
    not_found: [{ ok: false, reason: 'not_found' }],
    break_glass_required: [{ ok: false, reason: 'break_glass_required' }],
    not_permitted: [{ ok: false, reason: 'not_permitted' }],
    changed: [{ ok: false, reason: 'changed' }],
    booked_again: [{ ok: false, reason: 'booked_again' }],
    not_now: [{ ok: false, reason: 'not_now', from: retryAt }, { ok: false, reason: 'not_now', until: retryAt }, { ok: false, reason: 'not_now' }],
    invalid_input: [{ ok: false, reason: 'invalid_input', error: issues }],
  },
  idempotency: { idempotency_key_reused: [{ reason: 'idempotency_key_reused' }], request_in_progress: [{ reason: 'request_in_progress' }] },
  caseFile: { not_found: [{ ok: false, reason: 'not_found' }], not_permitted: [{ ok: false, reason: 'not_permitted' }] },
  officeAccess: { not_permitted: [{ ok: false, reason: 'not_permitted' }], not_found: [{ ok: false, reason: 'not_found' }] },
  officeSettings: {
    slot_length_locked: [{ ok: false, reason: 'slot_length_locked', futureAppointments: 3 }],
    sessions_have_appointments: [{ ok: false, reason: 'sessions_have_appointments', appointments: [{ date: '2027-02-08', start: '12:30' }, { date: '2027-02-09', start: '08:30' }] }],
  },
  closurePreview: { invalid: [{ ok: false, reason: 'invalid', error: issues }] },
  closeDay: {
    invalid: [{ ok: false, reason: 'invalid', error: issues }],
    not_cancellable: [{ ok: false, reason: 'not_cancellable', trackingNumber: '7KQ4-M9XH-2CP' }],
    needs_confirmation: [{ ok: false, reason: 'needs_confirmation', date: '2027-02-08', affected }],
  },
  officeDay: { not_permitted: [{ reason: 'not_permitted' }], not_found: [{ reason: 'not_found' }] },
  homeDay: { not_permitted: [{ reason: 'not_permitted' }], not_found: [{ reason: 'not_found' }], not_possible: [{ reason: 'not_possible', field: 'number' }, { reason: 'not_possible', field: 'transport' }] },
  holidayYear: {
    year_mismatch: [{ reason: 'year_mismatch', year: 2027 }],
    not_cancellable: [{ ok: false, reason: 'not_cancellable', trackingNumber: '7KQ4-M9XH-2CP', year: 2027 }],
    needs_confirmation: [{ ok: false, reason: 'needs_confirmation', affected: affected.map((row) => ({ ...row, office: 'demo-district-registry' })), year: 2027 }],
  },
  application: {
    invalid: [{ reason: 'invalid', error: issues }],
    no_such_service: [{ reason: 'no_such_service' }],
    'phone-not-confirmed': [
      { reason: 'phone-not-confirmed', field: 'handler.phone', label: 'after-death:fields.handler.phone', problem: 'missing' },
      { reason: 'phone-not-confirmed', field: 'handler.phone', label: 'after-death:fields.handler.phone', problem: 'invalid' },
    ],
  },
  lookupLimit: { too_many: [{ reason: 'too_many', retryAt }] },
  draftFile: {
    refused: [{ reason: 'refused', refusal: { code: 'wrong-type', accept: ['pdf', 'jpeg'] }, purpose: 'incomeProof' }, { reason: 'refused', refusal: { code: 'too-big', maxFileBytes: 1024 * 1024 }, purpose: 'incomeProof' }],
    no_such_purpose: [{ reason: 'no_such_purpose' }],
    not_found: [{ reason: 'not_found' }],
  },
  uploadLimit: { too_many: [{ reason: 'too_many', retryAt }] },
  draft: {
    not_found: [{ ok: false, reason: 'not_found' }],
    no_such_service: [{ ok: false, reason: 'no_such_service' }],
    identity_missing: [{ ok: false, reason: 'identity_missing' }],
    no_match: [{ ok: false, reason: 'no_match' }],
    too_many: [{ ok: false, reason: 'too_many', retryAt }],
  },
  lookup,
  bundleItem: { ...lookup, not_found: [{ ok: false, reason: 'not_found' }] },
  withdrawal: { ...lookup, not_withdrawable: [{ ok: false, reason: 'not_withdrawable' }], changed: [{ ok: false, reason: 'changed' }] },
  supplement: {
    ...lookup,
    not_answerable: [{ ok: false, reason: 'not_answerable' }],
    changed: [{ ok: false, reason: 'changed' }],
    invalid: [{ ok: false, reason: 'invalid', error: issues }],
    files: [{ ok: false, reason: 'files', refusal: { code: 'none' } }, { ok: false, reason: 'files', refusal: { code: 'too-many', maxFiles: 20 } }, { ok: false, reason: 'files', refusal: { code: 'owner-full', maxTotalBytes: 50 * 1024 * 1024, usedBytes: 1024 } }],
    file: [{ ok: false, reason: 'file', refusal: { code: 'wrong-type', accept: ['pdf', 'jpeg'] }, name: 'script.jpg' }, { ok: false, reason: 'file', refusal: { code: 'infected' }, name: '银行卡.jpg' }],
  },
  secondVisitCancel: { ...lookup, not_withdrawable: [{ ok: false, reason: 'not_withdrawable' }], changed: [{ ok: false, reason: 'changed' }] },
  caseCalendar: { ...lookup, not_reschedulable: [{ ok: false, reason: 'not_reschedulable' }] },
  chooseTime: { ...lookup, not_reschedulable: [{ ok: false, reason: 'not_reschedulable' }], changed: [{ ok: false, reason: 'changed' }], slot },
  registryOffice: { no_such_office: [{ reason: 'no_such_office' }] },
  booking: {
    invalid: [{ ok: false, reason: 'invalid', error: issues }],
    slot,
    'already-booked': [{ ok: false, reason: 'already-booked', party: 'partyA' }, { ok: false, reason: 'already-booked', party: 'partyB', held: { kind: 'divorce', date: '2027-02-08' } }],
    'phone-not-confirmed': [{ ok: false, reason: 'phone-not-confirmed', parties: [{ party: 'partyA', problem: 'missing' }, { party: 'partyB', problem: 'invalid' }] }],
    suspended: [{ ok: false, reason: 'suspended', party: 'partyA', until: '2027-02-20', office: RegistryOfficeSchema.parse(DEMO_REGISTRY_OFFICES[0]) }],
    'too-many': [{ reason: 'too-many' }],
  },
  personCheck: {
    'unknown-office': [{ reason: 'unknown-office', ...asked }],
    'too-many': [{ reason: 'too-many', ...asked }],
    'invalid-id': [{ ok: false, reason: 'invalid-id', ...asked }],
    suspended: [{ ok: false, reason: 'suspended', until: '2027-02-20', ...asked }],
  },
  phoneCodeSend: { 'too-many': [{ ok: false, reason: 'too-many', limit: 'phone', retryAt }, { ok: false, reason: 'too-many', limit: 'client', retryAt }] },
  phoneCodeConfirm: {
    wrong: [{ ok: false, reason: 'wrong', triesLeft: 2 }, { ok: false, reason: 'wrong', triesLeft: 0 }],
    expired: [{ ok: false, reason: 'expired' }],
    used: [{ ok: false, reason: 'used' }],
    'tries-used-up': [{ ok: false, reason: 'tries-used-up' }],
    none: [{ ok: false, reason: 'none' }],
  },
  ruleTable: { unknown_table: [{ ok: false, reason: 'unknown_table' }], invalid: [{ ok: false, reason: 'invalid', error: issues }] },
  objection: { not_found: [{ ok: false, reason: 'not_found' }], ended: [{ ok: false, reason: 'ended', toDay: '2027-01-11' }], invalid: [{ ok: false, reason: 'invalid', error: issues }] },
  objectionLimit: { too_many: [{ reason: 'too_many', retryAt }] },
  rating: { ...lookup, not_rateable: [{ ok: false, reason: 'not_rateable' }], already_rated: [{ ok: false, reason: 'already_rated' }], invalid: [{ ok: false, reason: 'invalid', error: issues }] },
  ratingResolution: { ...lookup, not_answerable: [{ ok: false, reason: 'not_answerable' }], invalid: [{ ok: false, reason: 'invalid', error: issues }] },
  followUp: { not_found: [{ ok: false, reason: 'not_found' }], already_replied: [{ ok: false, reason: 'already_replied' }], invalid: [{ ok: false, reason: 'invalid', error: issues }] },
  dashboard: { not_permitted: [{ ok: false, reason: 'not_permitted' }], not_found: [{ ok: false, reason: 'not_found' }] },
  guideDraftRead: { no_draft: [{ reason: 'no_draft' }], guide_not_found: [{ reason: 'guide_not_found' }] },
  editorialDraft: {
    not_found: [{ ok: false, reason: 'not_found', words: GUIDE_WORDS }, { ok: false, reason: 'not_found', words: NOTICE_WORDS }],
    no_draft: [{ ok: false, reason: 'no_draft', words: GUIDE_WORDS }, { ok: false, reason: 'no_draft', words: NOTICE_WORDS }],
    draft_changed: [{ ok: false, reason: 'draft_changed', currentVersion: 4, words: GUIDE_WORDS }],
    wrong_state: [{ ok: false, reason: 'wrong_state', state: 'draft', words: GUIDE_WORDS }, { ok: false, reason: 'wrong_state', state: 'scheduled', words: NOTICE_WORDS }],
    self_approval: [{ ok: false, reason: 'self_approval', words: GUIDE_WORDS }],
    schedule_in_past: [{ ok: false, reason: 'schedule_in_past', words: NOTICE_WORDS }],
    no_changes: [{ ok: false, reason: 'no_changes', words: GUIDE_WORDS }, { ok: false, reason: 'no_changes', words: NOTICE_WORDS }],
    change_note_required: [{ ok: false, reason: 'change_note_required', words: NOTICE_WORDS }],
    content_refused: [
      { ok: false, reason: 'content_refused', field: 'content.office', code: 'unknown_office', message: 'errors.notices.unknownOffice', words: NOTICE_WORDS },
      { ok: false, reason: 'content_refused', field: 'content.service', code: 'unknown_service', message: 'errors.notices.unknownService', words: NOTICE_WORDS },
    ],
    invalid: [{ ok: false, reason: 'invalid', error: issues, words: GUIDE_WORDS }],
  },
  guideUnpublish: { guide_not_found: [{ ok: false, reason: 'guide_not_found' }], redirect_to_itself: [{ ok: false, reason: 'redirect_to_itself' }], unknown_redirect: [{ ok: false, reason: 'unknown_redirect' }] },
  guideDiff: { guide_not_found: [{ ok: false, reason: 'guide_not_found' }], no_draft: [{ ok: false, reason: 'no_draft' }], no_such_edition: [{ ok: false, reason: 'no_such_edition' }] },
  linkCheckRun: { check_running: [{ reason: 'check_running' }] },
  noticeRead: { no_draft: [{ reason: 'no_draft' }], notice_not_found: [{ reason: 'notice_not_found' }] },
  noticeWithdraw: { notice_not_found: [{ ok: false, reason: 'notice_not_found' }], already_withdrawn: [{ ok: false, reason: 'already_withdrawn' }] },
  publishedNotice: { notice_not_found: [{ reason: 'notice_not_found' }], withdrawn: [{ reason: 'withdrawn', at: '2026-12-10T02:00:00.000Z', note: '该通知有误，已撤回', lang: 'zh-CN' }, { reason: 'withdrawn', at: '2026-12-10T02:00:00.000Z', note: null, lang: 'en' }] },
  funeralHome: { funeral_home_not_found: [{ reason: 'funeral_home_not_found' }] },
  cemetery: { cemetery_not_found: [{ reason: 'cemetery_not_found' }] },
  feeExemptionCheck: { invalid: [{ ok: false, reason: 'invalid', error: issues }], 'phone-not-confirmed': [{ ok: false, reason: 'phone-not-confirmed' }], 'too-many': [{ reason: 'too-many', retryAt }] },
  funeralBooking: {
    invalid: [{ ok: false, reason: 'invalid', error: issues }],
    'phone-not-confirmed': [{ ok: false, reason: 'phone-not-confirmed' }],
    slot: [...slots.filter((refusal) => refusal !== 'full').map((refusal) => ({ ok: false, reason: 'slot', refusal, field: 'cremation.start' }) as const), { ok: false, reason: 'slot', refusal: 'not-yet-open', field: 'hall.start' }],
    full: [{ ok: false, reason: 'full', field: 'cremation.start' }],
    'already-booked': [{ ok: false, reason: 'already-booked' }],
    'too-many': [{ reason: 'too-many' }],
  },
  exemptionProof: {
    ...lookup,
    not_claimable: [{ ok: false, reason: 'not_claimable' }],
    invalid: [{ ok: false, reason: 'invalid', error: issues }],
    files: [{ ok: false, reason: 'files', refusal: { code: 'none' } }, { ok: false, reason: 'files', refusal: { code: 'too-many', maxFiles: 5 } }],
    file: [{ ok: false, reason: 'file', refusal: { code: 'wrong-type', accept: ['pdf', 'jpeg'] }, name: '证明.docx' }],
  },
  claimReview: {
    not_permitted: [{ ok: false, reason: 'not_permitted' }],
    no_claims: [{ reason: 'no_claims' }],
    not_found: [{ ok: false, reason: 'not_found' }],
    invalid: [{ ok: false, reason: 'invalid', error: issues }],
    decided: [{ ok: false, reason: 'decided' }],
    changed: [{ ok: false, reason: 'changed' }],
    not_possible: [{ ok: false, reason: 'not_possible' }],
  },
  publishedGuide: { unpublished: [{ reason: 'unpublished', redirectTo: null, notice: '该事项已取消', at: '2026-12-10T02:00:00.000Z' }, { reason: 'unpublished', redirectTo: 'temporary-assistance', notice: null, at: '2026-12-10T02:00:00.000Z' }] },
};

const every = Object.entries(SAMPLES).flatMap(([use, byReason]) =>
  Object.entries(byReason as Record<string, readonly Refusals[RefusingUse][]>).flatMap(([reason, samples]) => samples.map((refusal, index) => ({ use: use as RefusingUse, reason, refusal, name: `${use}.${reason} #${index + 1}` }))),
);

/** What i18next gives back for a key it does not have: the key itself. */
const UNTRANSLATED = /^[a-zA-Z]+(\.[a-zA-Z-]+)+$/;
const HAN = /\p{Script=Han}/u;

describe('the refusal table', () => {
  it('has an entry for every reason, and a sample of each here', () => {
    for (const use of Object.keys(REFUSALS) as RefusingUse[]) expect(Object.keys(SAMPLES[use]).sort(), use).toEqual(Object.keys(REFUSALS[use]).sort());
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(REFUSALS).sort());
  });

  it.each(every)('says $name in both languages, with a 4xx status and a code', ({ use, refusal }) => {
    const said = LOCALES.map((lang) => refusalAnswer(use, refusal, lang));
    const [zh, en] = said;
    for (const answer of said) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.code).toMatch(/^[a-z_]+$/);
      for (const message of [answer.message, ...(answer.fields ?? []).map((field) => field.message)]) {
        expect(message).not.toMatch(UNTRANSLATED);
        expect(message).not.toContain('{{');
        expect(message.trim()).not.toBe('');
      }
    }
    // The same answer in either language but for its words.
    expect({ ...zh, message: '', fields: zh?.fields?.map((field) => ({ ...field, message: '' })) }).toEqual({ ...en, message: '', fields: en?.fields?.map((field) => ({ ...field, message: '' })) });
    expect(zh?.message).toMatch(HAN);
    expect(en?.message).not.toMatch(HAN);
    for (const [index, field] of (zh?.fields ?? []).entries()) {
      expect(field.message).toMatch(HAN);
      expect(en?.fields?.[index]?.message).not.toBe(field.message);
    }
  });

  it('puts a field refusal on its field with its own code, under the generic message', () => {
    expect(refusalAnswer('booking', { ok: false, reason: 'already-booked', party: 'partyB' }, 'en')).toEqual({
      status: 422,
      code: 'validation_failed',
      message: 'The request is not valid',
      fields: [{ field: 'partyB.idNumber', code: 'already_booked', message: expect.any(String) as string }],
    });
    expect(refusalAnswer('phoneCodeConfirm', { ok: false, reason: 'wrong', triesLeft: 0 }, 'en').fields).toEqual([
      { field: 'code', code: 'code_wrong', message: 'The code is not right, and this code cannot be tried again: send a new code' },
    ]);
  });

  it('answers a full time 409 on `start` and a day not open 422 on `date`, when moving a visit with the reason as the message', () => {
    const full = refusalAnswer('chooseTime', { ok: false, reason: 'slot', refusal: 'full' }, 'en');
    expect(full).toMatchObject({ status: 409, code: 'slot_full', fields: [{ field: 'start', code: 'full', message: full.message }] });
    const closed = refusalAnswer('chooseTime', { ok: false, reason: 'slot', refusal: 'closed' }, 'en');
    expect(closed).toMatchObject({ status: 422, code: 'validation_failed', fields: [{ field: 'date', code: 'closed', message: closed.message }] });
    // A booking says the same on the field, under the generic message.
    expect(refusalAnswer('booking', { ok: false, reason: 'slot', refusal: 'closed' }, 'en')).toMatchObject({ status: 422, message: 'The request is not valid', fields: [{ field: 'date', message: closed.message }] });
  });

  it('says when to try again, and carries what a confirmation needs beside the error', () => {
    expect(refusalAnswer('lookupLimit', { reason: 'too_many', retryAt }, 'en')).toMatchObject({ status: 429, code: 'too_many_lookups', retryAt });
    expect(refusalAnswer('closeDay', { ok: false, reason: 'needs_confirmation', date: '2027-02-08', affected }, 'en').extra).toEqual({ affected });
    expect(refusalAnswer('holidayYear', { ok: false, reason: 'not_cancellable', trackingNumber: '7KQ4-M9XH-2CP', year: 2027 }, 'en')).toMatchObject({ status: 409, extra: { affected: [] } });
    expect(refusalAnswer('holidayYear', { ok: false, reason: 'needs_confirmation', affected: [], year: 2027 }, 'en').message).toContain('2027');
  });

  it('types each answer with the status of each reason it may be given', () => {
    expectTypeOf<RefusalResponse<'caseWork', { ok: false; reason: 'not_found' | 'break_glass_required' }>['_status']>().toEqualTypeOf<404 | 403>();
    expectTypeOf<RefusalResponse<'chooseTime', Extract<Refusals['chooseTime'], { reason: 'slot' }>>['_status']>().toEqualTypeOf<409 | 422>();
    expectTypeOf<RefusalResponse<'staff', Refusals['staff']>['_status']>().toEqualTypeOf<401 | 403>();
  });
});
