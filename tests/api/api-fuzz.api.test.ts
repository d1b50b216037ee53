/**
 * Every operation of the API under hostile input, on SQLite and on PostgreSQL (TEST_DATABASE_URL):
 * each text input in turn (path, query, header and every leaf of the JSON body) gets a NUL byte,
 * other control characters, an overlong or broken string, a wrong type and a deeply nested value;
 * the whole body comes malformed, of another type or too large. Nothing may answer 5xx, every
 * refusal is an ApiError, a NUL or a control character is refused with 422 naming the input (after
 * 401 for a staff operation without a session), and malformed JSON has one code everywhere.
 *
 * The operations come from the OpenAPI document, each with a valid request to start from
 * (`VALID`): an operation added without one fails the first test, naming it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_ROLES } from '../../api/domain/staff/staff.ts';
import { en } from '../../api/i18n/resources/en.ts';
import { createStaff } from '../../api/staff/auth.ts';
import { afterDeathApplication, cemeteryApplication, ecoBurialApplication, marriageAppointment, oldAgeAllowanceApplication, personId } from '../support/applications.ts';
import { phoneProof, withPhoneProofs } from '../support/phone-proofs.ts';
import { reliefApplication } from '../support/relief-applications.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

const PASSWORD = 'a long enough password';
const API = 'http://localhost/api/v1';
// Wednesday 25 November 2026, 10:00 in China.
const CLOCK = new Date('2026-11-25T02:00:00Z');

interface Fixture {
  /** An old-age allowance case staff may open and act on. */
  caseNumber: string;
  /** Another, for the applicant's withdrawal. */
  withdrawable: string;
  /** A marriage appointment, and the first party's ID number. */
  appointment: string;
  appointmentHolder: string;
  /** Proofs of the phones of the couple the booking's valid request names (docs/decisions/019). */
  phoneProofs: { partyA: string; partyB: string };
  /** The proof of the phone of the handler the bundle's valid request names (docs/decisions/076). */
  handlerProof: string;
  /** Both languages of a guide's draft (docs/decisions/052), as its draft was opened. */
  guideContent: unknown;
}

/** A request that the operation accepts (or refuses only for what it is, not for its form). */
interface ValidRequest {
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}

const SETTINGS = {
  weekly: { '1': [{ from: '09:00', to: '12:00' }], '3': [{ from: '13:30', to: '17:00' }] },
  slotMinutes: 30,
  placesPerSlot: { marriage: 4, divorce: 2, reissue: 2 },
  window: { minDaysAhead: 1, maxDaysAhead: 30 },
};

const NOTICE_ID = '20261201-abcd';
let afterDeathKeys = 0;
const NOTICE_CONTENT = {
  'zh-CN': { title: '元旦假期安排', body: '1 月 1 日休息。', publisher: '示例市民政局' },
  en: { title: 'New Year holiday', body: 'Closed on 1 January.', publisher: 'Example City Civil Affairs Bureau' },
  date: '2026-12-01',
  indexNumber: '000014349/2026-00001',
  office: 'demo-district-registry',
  service: 'minimum-living-allowance',
  example: true,
};

/** One valid request per operation ("METHOD /path" as the document names it). */
const VALID: Record<string, (f: Fixture) => ValidRequest> = {
  'GET /health': () => ({}),
  'GET /health/live': () => ({}),
  'GET /health/ready': () => ({}),
  'GET /guides': () => ({ query: { lang: 'zh-CN' } }),
  'GET /guides/{slug}': () => ({ params: { slug: 'old-age-allowance' }, query: { lang: 'en' } }),
  'GET /search': () => ({ query: { q: '低保', lang: 'zh-CN', limit: '5' } }),
  'GET /marriage/offices': () => ({ query: { lang: 'en' } }),
  'GET /marriage/offices/{office}/calendar': () => ({ params: { office: 'demo-county-registry' }, query: { kind: 'marriage', from: '2026-11-25', days: '7' } }),
  'GET /marriage/offices/{office}/slots': () => ({ params: { office: 'demo-county-registry' }, query: { kind: 'marriage', date: '2026-12-02' } }),
  'POST /marriage/appointments': (f) => ({
    headers: { 'idempotency-key': 'fuzz-idempotency-key-1' },
    body: {
      ...marriageAppointment(700, { office: 'demo-district-registry', date: '2026-12-02', start: '09:00' }),
      partyB: { name: 'Anna Schmidt', idType: 'passport', idNumber: 'C01X00T70', phone: '13700000700', birthDate: '1996-05-07', sex: 'female' },
      phoneProofs: f.phoneProofs,
    },
  }),
  'POST /phone-codes': () => ({ body: { phone: '13900000711' } }),
  'POST /phone-codes/confirm': () => ({ body: { phone: '13900000712', code: '123456' } }),
  'POST /services/old-age-allowance/applications': () => ({
    headers: { 'idempotency-key': 'fuzz-idempotency-key-2' },
    body: { ...oldAgeAllowanceApplication(), agent: { name: '李明', idNumber: personId(710, 'male', '19750315'), phone: '13900001111', relationship: 'child' } },
  }),
  'POST /services/minimum-living-allowance/applications': () => ({ headers: { 'idempotency-key': 'fuzz-idempotency-key-3' }, body: reliefApplication('dibao', 731) }),
  'POST /services/extreme-poverty-support/applications': () => ({ headers: { 'idempotency-key': 'fuzz-idempotency-key-4' }, body: reliefApplication('tekun', 732) }),
  'POST /services/temporary-assistance/applications': () => ({ headers: { 'idempotency-key': 'fuzz-idempotency-key-5' }, body: reliefApplication('temporary', 733) }),
  // Without a draft's cremation certificate it is refused (422), as any hostile variant must be, never with a 5xx.
  'POST /services/eco-burial-subsidy/applications': () => ({ headers: { 'idempotency-key': 'fuzz-idempotency-key-6' }, body: ecoBurialApplication(734) }),
  // A key per request: the bundle's valid body is accepted (no file to miss), and a key once answered 201 refuses another body.
  'POST /services/after-death/applications': (f) => ({ headers: { 'idempotency-key': `fuzz-idempotency-key-7-${(afterDeathKeys += 1)}` }, body: { ...afterDeathApplication(735), phoneProof: f.handlerProof } }),
  // A niche against the death certificate's number (docs/decisions/064): no file needed.
  'POST /services/public-cemetery/applications': () => ({ headers: { 'idempotency-key': 'fuzz-idempotency-key-8' }, body: cemeteryApplication(735) }),
  'POST /track': (f) => ({ body: { trackingNumber: f.appointment, secondFactor: f.appointmentHolder } }),
  'POST /track/withdraw': (f) => ({ body: { trackingNumber: f.withdrawable, secondFactor: '13812345678' } }),
  // A case that is no bundle: its item has no draft (404), as any hostile variant must be answered, never with a 5xx.
  'POST /track/parts/{item}/draft': (f) => ({ params: { item: 'funeral-booking' }, body: { trackingNumber: f.caseNumber, secondFactor: '13812345678' } }),
  'POST /track/reschedule': (f) => ({ body: { trackingNumber: f.appointment, secondFactor: f.appointmentHolder, date: '2026-12-03', start: '10:00' } }),
  'POST /track/second-visit': (f) => ({ body: { trackingNumber: f.appointment, secondFactor: f.appointmentHolder, date: '2026-12-03', start: '10:00' } }),
  'POST /track/second-visit/cancel': (f) => ({ body: { trackingNumber: f.appointment, secondFactor: f.appointmentHolder } }),
  'POST /track/calendar': (f) => ({ body: { trackingNumber: f.appointment, secondFactor: f.appointmentHolder, choice: 'reschedule' } }),
  'POST /marriage/booking-checks/person': () => ({ body: { office: 'demo-county-registry', party: 'partyA', idType: 'resident-id', idNumber: personId(720, 'male') } }),
  'POST /staff/session': () => ({ body: { username: 'fuzz.admin', password: PASSWORD } }),
  'GET /staff/me': () => ({}),
  'POST /staff/session/end': () => ({ body: { everywhere: false } }),
  'GET /staff/cases': () => ({ query: { state: 'submitted', service: 'old-age-allowance', due: 'overdue', page: '1' } }),
  'GET /staff/cases/{trackingNumber}': (f) => ({ params: { trackingNumber: f.caseNumber } }),
  'POST /staff/cases/{trackingNumber}/reveal': (f) => ({ params: { trackingNumber: f.caseNumber } }),
  'POST /staff/cases/{trackingNumber}/break-glass': (f) => ({ params: { trackingNumber: f.caseNumber }, body: { reason: '核查群众投诉的办理情况' } }),
  'POST /staff/cases/{trackingNumber}/transitions': (f) => ({ params: { trackingNumber: f.caseNumber }, body: { transition: 'accept', version: 1, input: { reason: '材料齐全' } } }),
  'GET /staff/cases/{trackingNumber}/files/{fileId}': (f) => ({ params: { trackingNumber: f.caseNumber, fileId: '00000000-0000-4000-8000-000000000000' } }),
  'GET /staff/holidays': () => ({}),
  'PUT /staff/holidays/{year}': () => ({
    params: { year: '2027' },
    body: { year: 2027, source: '国务院办公厅关于2027年部分节假日安排的通知', holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }], makeUpWorkdays: ['2027-01-09'], confirmed: ['ABCD-EFGH-JKM'] },
  }),
  'GET /staff/rules/{table}': () => ({ params: { table: 'old-age-allowance.standards' } }),
  'POST /staff/rules/{table}': () => ({
    params: { table: 'old-age-allowance.standards' },
    body: { key: 'demo-county', effectiveFrom: '2099-01-01', value: { sourceYear: 2098, bands: [{ fromAge: 70, monthlyAmount: 30 }] }, basis: '测试用的假想通知', reason: '测试：敌意输入' },
  }),
  // Notices (docs/decisions/056): a notice's whole content; the id names no draft (404 is what it is, not its form).
  'GET /announcements': () => ({ query: { lang: 'en', page: '1', perPage: '5', office: 'demo-district-registry', service: 'minimum-living-allowance' } }),
  'GET /announcements/{id}': () => ({ params: { id: NOTICE_ID }, query: { lang: 'zh-CN' } }),
  'GET /staff/announcements': () => ({}),
  'POST /staff/announcements': () => ({ body: { content: NOTICE_CONTENT } }),
  'GET /staff/announcements/{id}/draft': () => ({ params: { id: NOTICE_ID } }),
  'POST /staff/announcements/{id}/draft': () => ({ params: { id: NOTICE_ID } }),
  'PUT /staff/announcements/{id}/draft': () => ({ params: { id: NOTICE_ID }, body: { version: 1, content: NOTICE_CONTENT } }),
  'POST /staff/announcements/{id}/draft/submit': () => ({ params: { id: NOTICE_ID }, body: { version: 1 } }),
  'POST /staff/announcements/{id}/draft/approve': () => ({ params: { id: NOTICE_ID }, body: { version: 1 } }),
  'POST /staff/announcements/{id}/draft/send-back': () => ({ params: { id: NOTICE_ID }, body: { version: 1, comment: '请补充索引号' } }),
  'POST /staff/announcements/{id}/draft/publish': () => ({ params: { id: NOTICE_ID }, body: { version: 1, change: { note: { 'zh-CN': '更正日期', en: 'Date corrected' }, kind: 'major' } } }),
  'POST /staff/announcements/{id}/draft/schedule': () => ({ params: { id: NOTICE_ID }, body: { version: 1, at: '2099-01-01T09:00:00+08:00' } }),
  'POST /staff/announcements/{id}/draft/cancel-schedule': () => ({ params: { id: NOTICE_ID }, body: { version: 1 } }),
  'DELETE /staff/announcements/{id}/draft': () => ({ params: { id: NOTICE_ID }, query: { version: '1' } }),
  'GET /staff/announcements/{id}/diff': () => ({ params: { id: NOTICE_ID } }),
  'POST /staff/announcements/{id}/withdraw': () => ({ params: { id: NOTICE_ID }, body: { reason: '测试撤回', note: { 'zh-CN': '本通知已撤回。', en: 'Withdrawn.' } } }),
  // The guide editor (docs/decisions/052): its draft opened by the fixture; a save's content is the published guide's (the smallest: every leaf is tried).
  'GET /staff/guides': () => ({}),
  'GET /staff/guides/{slug}/draft': () => ({ params: { slug: 'old-age-allowance' } }),
  'POST /staff/guides/{slug}/draft': () => ({ params: { slug: 'old-age-allowance' } }),
  'PUT /staff/guides/{slug}/draft': (f) => ({ params: { slug: 'old-age-allowance' }, body: { version: 1, content: f.guideContent } }),
  'POST /staff/guides/{slug}/draft/submit': () => ({ params: { slug: 'old-age-allowance' }, body: { version: 1 } }),
  'POST /staff/guides/{slug}/draft/approve': () => ({ params: { slug: 'old-age-allowance' }, body: { version: 1 } }),
  'POST /staff/guides/{slug}/draft/send-back': () => ({ params: { slug: 'old-age-allowance' }, body: { version: 1, comment: '请补充法律依据的条款' } }),
  'POST /staff/guides/{slug}/draft/publish': () => ({ params: { slug: 'old-age-allowance' }, body: { version: 1, change: { note: { 'zh-CN': '更新材料', en: 'Documents updated' }, kind: 'major' } } }),
  'POST /staff/guides/{slug}/draft/schedule': () => ({ params: { slug: 'old-age-allowance' }, body: { version: 1, change: { note: { 'zh-CN': '更新材料', en: 'Documents updated' }, kind: 'minor' }, at: '2099-01-01T09:00:00+08:00' } }),
  'POST /staff/guides/{slug}/draft/cancel-schedule': () => ({ params: { slug: 'old-age-allowance' }, body: { version: 1 } }),
  'DELETE /staff/guides/{slug}/draft': () => ({ params: { slug: 'old-age-allowance' }, query: { version: '1' } }),
  'POST /staff/guides/{slug}/unpublish': () => ({ params: { slug: 'marriage-certificate-reissue' }, body: { reason: '测试撤下', redirectTo: 'no-such-guide' } }),
  'GET /staff/guides/{slug}/history': () => ({ params: { slug: 'old-age-allowance' } }),
  'GET /staff/guides/{slug}/diff': () => ({ params: { slug: 'old-age-allowance' }, query: { from: '1', to: 'draft' } }),
  // The external link report (docs/decisions/058): the published guides link nowhere outside, and the test runtime's fetch is offline.
  'GET /staff/guides/links': () => ({}),
  'POST /staff/guides/links/run': () => ({}),
  'GET /staff/appointments': () => ({ query: { office: 'demo-county-registry', date: '2026-12-02' } }),
  'POST /staff/appointments/search': () => ({ body: { office: 'demo-county-registry', date: '2026-12-02', search: '1234' } }),
  // A funeral home's day and the exemption settlement (docs/decisions/072): no booking has this number (404).
  'GET /staff/funeral-day': () => ({ query: { home: 'demo-district-funeral-home', date: '2026-12-02' } }),
  'POST /staff/funeral-day/bookings/{trackingNumber}/transport-confirmation': () => ({ params: { trackingNumber: '2345-6789-ABCD' } }),
  'POST /staff/funeral-day/bookings/{trackingNumber}/done': () => ({ params: { trackingNumber: '2345-6789-ABCD' }, body: { item: 'cremation' } }),
  'PUT /staff/funeral-day/bookings/{trackingNumber}/cremation-certificate': () => ({ params: { trackingNumber: '2345-6789-ABCD' }, body: { number: 'HZ-2026-000123' } }),
  'GET /staff/funeral-settlement': () => ({ query: { month: '2026-12' } }),
  // The fee exemption's manual claims (docs/decisions/075): no booking has this number (404).
  'GET /staff/funeral-claims': () => ({ query: { filter: 'all' } }),
  'GET /staff/funeral-claims/{trackingNumber}': () => ({ params: { trackingNumber: '2345-6789-ABCD' } }),
  'GET /staff/funeral-claims/{trackingNumber}/files/{fileId}': () => ({ params: { trackingNumber: '2345-6789-ABCD', fileId: '00000000-0000-4000-8000-000000000000' }, query: { view: 'inline' } }),
  'POST /staff/funeral-claims/{trackingNumber}/confirmation': () => ({ params: { trackingNumber: '2345-6789-ABCD' }, body: { version: 2 } }),
  'POST /staff/funeral-claims/{trackingNumber}/refusal': () => ({ params: { trackingNumber: '2345-6789-ABCD' }, body: { version: 2, reason: '证明材料不是逝者本人的，请补充。' } }),
  'GET /staff/offices': () => ({}),
  'GET /staff/dashboard': () => ({ query: { from: '2026-01', to: '2026-12' } }),
  'GET /staff/offices/{officeId}': () => ({ params: { officeId: 'demo-county-registry' } }),
  'PUT /staff/offices/{officeId}/settings': () => ({ params: { officeId: 'demo-city-north-registry' }, body: SETTINGS }),
  'GET /staff/offices/{officeId}/closures/{date}': () => ({ params: { officeId: 'demo-county-registry', date: '2026-12-31' } }),
  'DELETE /staff/offices/{officeId}/closures/{date}': () => ({ params: { officeId: 'demo-county-registry', date: '2026-12-31' } }),
  'POST /staff/offices/{officeId}/closures': () => ({ params: { officeId: 'demo-county-registry' }, body: { date: '2026-12-31', confirmed: ['ABCD-EFGH-JKM'] } }),
  // A draft's files (docs/decisions/031): the upload's body is multipart, so its inputs here are its parameters.
  'POST /drafts/{key}/files': () => ({ headers: { 'draft-reference': 'fuzz-reference-0000000000000000000000000000' }, params: { key: '00000000-0000-4000-8000-000000000001' } }),
  'GET /drafts/{key}/files': () => ({ headers: { 'draft-reference': 'fuzz-reference-0000000000000000000000000000' }, params: { key: '00000000-0000-4000-8000-000000000001' } }),
  'GET /drafts/{key}/files/{fileId}': () => ({ headers: { 'draft-reference': 'fuzz-reference-0000000000000000000000000000' }, params: { key: '00000000-0000-4000-8000-000000000001', fileId: '00000000-0000-4000-8000-000000000000' } }),
  'DELETE /drafts/{key}/files/{fileId}': () => ({ headers: { 'draft-reference': 'fuzz-reference-0000000000000000000000000000' }, params: { key: '00000000-0000-4000-8000-000000000001', fileId: '00000000-0000-4000-8000-000000000000' } }),
  // A 补正 answer (docs/decisions/039): multipart too, with no parameters of its own.
  'POST /track/documents': () => ({}),
  // The family's proof for a fee exemption claim (docs/decisions/075): multipart as a 补正 answer is.
  'POST /funeral/exemption-claims': () => ({}),
  // A reference no draft has: answered 404, as a lapsed one is (docs/decisions/033).
  'POST /drafts': () => ({ body: { service: 'old-age-allowance', answers: { district: 'demo-district' } } }),
  'GET /drafts/current': () => ({ headers: { 'draft-reference': 'fuzz-reference-0000000000000000000000000000' } }),
  'PUT /drafts/current': () => ({ headers: { 'draft-reference': 'fuzz-reference-0000000000000000000000000000' }, body: { answers: { district: 'demo-district' } } }),
  'DELETE /drafts/current': () => ({ headers: { 'draft-reference': 'fuzz-reference-0000000000000000000000000000' } }),
  'POST /drafts/current/extend': () => ({ headers: { 'draft-reference': 'fuzz-reference-0000000000000000000000000000' } }),
  'POST /drafts/current/resume-code': () => ({ headers: { 'draft-reference': 'fuzz-reference-0000000000000000000000000000' } }),
  'GET /drafts/current/evidence-on-record': () => ({ headers: { 'draft-reference': 'fuzz-reference-0000000000000000000000000000' } }),
  'POST /drafts/resume': () => ({ body: { code: 'ABCD-EF34', idNumber: '110101194003011243' } }),
  'POST /drafts/current/parts/{item}/draft': () => ({ params: { item: 'funeral-booking' }, headers: { 'draft-reference': 'fuzz-reference-0000000000000000000000000000' } }),
  // Public notices (docs/decisions/045): a board, and an objection to an entry no notice has (404).
  'GET /notices/{place}': () => ({ params: { place: 'heping-community' }, query: { list: 'notice' } }),
  'POST /notices/entries/{entry}/objections': () => ({ params: { entry: '00000000-0000-4000-8000-000000000000' }, body: { text: '情况不实', name: '李四', contact: '13900001234' } }),
  // 好差评 (docs/decisions/053): a case no one has (404), a follow-up no one has (404).
  'POST /track/rating': () => ({ body: { trackingNumber: '7KQ4-M9XH-2CP', secondFactor: '13812345678', level: 'satisfied', reasons: ['quick'], comment: '很方便' } }),
  'POST /track/rating/resolution': () => ({ body: { trackingNumber: '7KQ4-M9XH-2CP', secondFactor: '13812345678', resolution: 'resolved' } }),
  'GET /staff/follow-ups': () => ({}),
  'GET /staff/follow-ups/{id}': () => ({ params: { id: '00000000-0000-4000-8000-000000000000' } }),
  'POST /staff/follow-ups/{id}/reply': () => ({ params: { id: '00000000-0000-4000-8000-000000000000' }, body: { reply: '经核实已经整改完毕。' } }),
  'GET /staff/ratings': () => ({}),
  'GET /ratings': () => ({}),
  // Funeral homes and their price lists (docs/decisions/062): public, read-only.
  'GET /funeral-homes': () => ({ query: { lang: 'en' } }),
  'GET /funeral-homes/{id}': () => ({ params: { id: 'demo-district-funeral-home' }, query: { lang: 'zh-CN' } }),
  // Public cemeteries (docs/decisions/064): public, read-only.
  'GET /cemeteries': () => ({ query: { lang: 'en' } }),
  'GET /cemeteries/{id}': () => ({ params: { id: 'demo-district-cemetery' }, query: { lang: 'zh-CN' } }),
  // The first party's confirmed phone of the booking's fixture (docs/decisions/065: only a confirmed phone is answered).
  'POST /funeral/exemption-check': (f) => ({
    body: {
      home: 'demo-district-funeral-home',
      deceased: { idNumber: personId(730, 'male', '19400101'), diedOn: '2026-11-20', deathCertificateNumber: 'A1100002026112000123', registeredHere: true },
      items: [{ item: 'cremation', quantity: 1 }],
      claims: { relief: true, youfu: false },
      contact: { phone: '13900000700', phoneProof: f.phoneProofs.partyA },
    },
  }),
  // A booking of funeral services (docs/decisions/063), with the same confirmed phone; a resource's slots.
  'POST /funeral/bookings': (f) => ({
    body: {
      home: 'demo-district-funeral-home',
      deceased: { name: '王秀英', idNumber: personId(731, 'female', '19400101'), diedOn: '2026-11-24', placeOfDeath: '示例区人民医院', certificate: { form: 'paper', number: 'A110123456' } },
      contact: { name: '王明', relationship: 'child', phone: '13900000700' },
      cremation: { date: '2026-11-27', start: '09:00' },
      phoneProof: f.phoneProofs.partyA,
    },
  }),
  'GET /funeral/homes/{home}/resources/{resource}/slots': () => ({ params: { home: 'demo-district-funeral-home', resource: 'cremation' }, query: { date: '2026-11-27' } }),
  'GET /dev/outbox': () => ({}),
  // No service of this portal declares the hand-off: refused as unknown (404), once the input is valid.
  'POST /handoffs/{handoff}/results': () => ({
    params: { handoff: 'household-check' },
    headers: { 'x-handoff-timestamp': '1795571200', 'x-handoff-signature': 'v1=00' },
    body: { requestId: '00000000-0000-4000-8000-000000000000', answer: { result: 'within-limits', summary: '收入财产均在标准以内' } },
  }),
  'POST /dev/handoff-receiver/{handoff}': () => ({
    params: { handoff: 'household-check' },
    headers: { 'x-handoff-timestamp': '1795571200', 'x-handoff-signature': 'v1=00' },
    body: {
      requestId: '00000000-0000-4000-8000-000000000000',
      handoff: 'household-check',
      payload: { values: { authorised: true }, lists: { members: [{ relationship: 'self', name: '王大明', idNumber: personId(1, 'male') }] } },
      callbackUrl: 'http://localhost/api/v1/handoffs/household-check/results',
    },
  }),
  'GET /dev/phone-codes/{phone}': () => ({ params: { phone: '13900000700' } }),
};

/** The names in each operation's body: besides control characters, they refuse invisible formatting. */
const NAMES: Record<string, string[]> = {
  'POST /marriage/appointments': ['partyA.name', 'partyB.name'],
  'POST /services/old-age-allowance/applications': ['elder.name', 'agent.name', 'bank.bankName', 'bank.accountHolder'],
  'PUT /staff/holidays/{year}': ['holidays.0.name'],
  'POST /notices/entries/{entry}/objections': ['name'],
  'POST /services/minimum-living-allowance/applications': ['applicant.name', 'household.1.name'],
  'POST /services/extreme-poverty-support/applications': ['applicant.name', 'household.1.name'],
  'POST /services/temporary-assistance/applications': ['applicant.name', 'household.1.name'],
  'POST /services/eco-burial-subsidy/applications': ['deceased.name', 'claimant.name', 'account.bankName', 'account.holder'],
  'POST /services/after-death/applications': ['handler.name', 'deceased.name', 'account.bankName', 'account.holder'],
  'POST /services/public-cemetery/applications': ['deceased.name', 'family.name'],
  'POST /funeral/bookings': ['deceased.name', 'contact.name'],
};
/** Bidirectional embeddings, overrides and isolates, and zero-width characters. */
const INVISIBLE = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];

/** Operations whose body is multipart/form-data, not JSON (docs/decisions/031). */
const MULTIPART = new Set(['POST /drafts/{key}/files', 'POST /track/documents', 'POST /funeral/exemption-claims']);

/** Operations that end the session they are sent with: each request gets a session of its own. */
const ENDS_SESSION = new Set(['POST /staff/session/end']);

const NUL = 'a\u0000b';
const CONTROL = 'a\u0001\u001b[2J\u007f\u0085b';
/** What each text input in turn is replaced with. */
const HOSTILE_TEXT: { name: string; value: string; refused: boolean }[] = [
  { name: 'a NUL byte', value: NUL, refused: true },
  { name: 'control characters', value: CONTROL, refused: true },
  { name: 'an overlong string', value: '字'.repeat(20_000), refused: false },
  { name: 'a lone surrogate', value: 'a\ud800b', refused: false },
  { name: 'bidirectional and zero-width characters', value: '王\u202e小\u200b明', refused: false },
];
const nested = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i += 1) value = { a: [value] };
  return value;
};
/** What each body value in turn is replaced with, besides the texts. */
const HOSTILE_VALUES: { name: string; value: unknown }[] = [
  { name: 'null', value: null },
  { name: 'a huge number', value: 1e308 },
  { name: 'an object', value: { '\u0000': '\u0000' } },
  { name: 'a value nested 2,000 deep', value: nested(2000) },
];
/** Whole bodies that are not what any operation takes. */
/** `expect`: the answer an operation that reads a body gives (one that reads none ignores it). */
const HOSTILE_BODIES: { name: string; body: string; contentType?: string; origin?: string; expect?: number[] }[] = [
  { name: 'malformed JSON', body: '{"a":', expect: [400] },
  { name: 'JSON null', body: 'null' },
  { name: 'a JSON array', body: '[1,2]' },
  { name: 'a JSON string', body: '"\\u0000"' },
  { name: 'brackets nested 100,000 deep', body: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
  { name: 'a body over the size limit', body: JSON.stringify({ a: 'x'.repeat(300 * 1024) }), expect: [413] },
  { name: 'plain text', body: 'a=b', contentType: 'text/plain', expect: [415] },
  { name: 'a form', body: 'a=%00', contentType: 'application/x-www-form-urlencoded', expect: [415] },
  { name: 'a form from another site', body: 'a=b', contentType: 'application/x-www-form-urlencoded', origin: 'https://evil.example', expect: [403] },
];

interface Operation {
  key: string;
  method: string;
  path: string;
  staff: boolean;
  hasBody: boolean;
}

interface ApiErrorBody {
  error: { code: string; message: string; fields?: { field: string; code: string; message: string }[] };
}

/** A value as a URL carries it; a lone surrogate, which has no UTF-8, as the bytes a broken client would send. */
function inUrl(value: string): string {
  return value.isWellFormed() ? encodeURIComponent(value) : value.split(/(\p{Cs})/u).map((part) => (/^\p{Cs}$/u.test(part) ? '%ED%A0%80' : encodeURIComponent(part))).join('');
}

/** Every leaf of a JSON value, with its path. */
function leaves(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; value: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, [...path, index]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, key]));
  return [{ path, value }];
}

function replaced(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  if (Array.isArray(value)) return value.map((item, index) => (index === head ? replaced(item, rest, replacement) : item));
  const record = value as Record<string, unknown>;
  return { ...record, [head]: replaced(record[head], rest, replacement) };
}

describe.each(DIALECTS)('the API under hostile input on %s', (kind) => {
  let runtime: TestRuntime;
  let fixture: Fixture;
  let operations: Operation[] = [];
  let staffCookie = '';
  let leaverCount = 0;

  const signIn = async (username: string): Promise<string> => {
    const response = await runtime.portal.app.request(`${API}/staff/session`, { method: 'POST', body: JSON.stringify({ username, password: PASSWORD }), headers: { 'content-type': 'application/json' } });
    expect(response.status, username).toBe(200);
    return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };
  const member = (username: string) =>
    createStaff({ db: runtime.database.db, kind, now: () => CLOCK }, { username, displayName: username, password: PASSWORD, roles: [...STAFF_ROLES], offices: ['demo-district', 'demo-county', 'demo-city-north'], serviceAreas: ['allowances', 'marriage'] });

  async function cookieFor(operation: Operation, signedIn: boolean): Promise<string> {
    if (!signedIn || !operation.staff) return '';
    if (!ENDS_SESSION.has(operation.key)) return staffCookie;
    leaverCount += 1;
    await member(`fuzz.leaver${leaverCount}`);
    return signIn(`fuzz.leaver${leaverCount}`);
  }

  async function send(operation: Operation, request: ValidRequest, options: { signedIn: boolean; rawBody?: string; contentType?: string; origin?: string }) {
    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => inUrl(request.params?.[name] ?? ''));
    const query = Object.entries(request.query ?? {})
      .map(([name, value]) => `${name}=${inUrl(value)}`)
      .join('&');
    // From this site, as a browser says (a request without an Origin and a JSON body is refused as cross-site).
    const headers: Record<string, string> = { 'accept-language': 'en', origin: options.origin ?? 'http://localhost', ...request.headers };
    const cookie = await cookieFor(operation, options.signedIn);
    if (cookie) headers.cookie = cookie;
    const body = options.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
    if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    const response = await runtime.portal.app.request(`${API}${path}${query ? `?${query}` : ''}`, { method: operation.method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    const described = `${operation.key} ${path}?${query.slice(0, 80)} ${(body ?? '').slice(0, 160)} → ${response.status} ${text.slice(0, 300)}`;
    expect(response.status, described).toBeLessThan(500);
    let parsed: ApiErrorBody | undefined;
    if (response.status >= 400) {
      parsed = JSON.parse(text) as ApiErrorBody;
      expect(typeof parsed.error?.code, described).toBe('string');
      expect(typeof parsed.error?.message, described).toBe('string');
    }
    return { status: response.status, error: parsed?.error, described };
  }

  /** Each input of the valid request, one at a time, replaced by `value`. */
  function variants(request: ValidRequest, value: unknown, options: { textOnly: boolean }): { input: string; request: ValidRequest }[] {
    const out: { input: string; request: ValidRequest }[] = [];
    const text = typeof value === 'string';
    for (const where of ['params', 'query'] as const) {
      if (!text) continue;
      for (const name of Object.keys(request[where] ?? {})) out.push({ input: name, request: { ...request, [where]: { ...request[where], [name]: value } } });
    }
    // A header cannot carry NUL or a line break; the other control characters it can.
    if (text && !/[\u0000\n\r]|[^\u0000-\u00ff]/.test(value)) {
      for (const name of Object.keys(request.headers ?? {})) out.push({ input: name, request: { ...request, headers: { ...request.headers, [name]: value } } });
    }
    if (request.body !== undefined) {
      for (const leaf of leaves(request.body)) {
        if (options.textOnly && typeof leaf.value !== 'string') continue;
        out.push({ input: leaf.path.join('.'), request: { ...request, body: replaced(request.body, leaf.path, value) } });
      }
    }
    return out;
  }

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { now: () => CLOCK, trackLimits: { perClient: 1_000_000, perNumber: 1_000_000 } });
    const document = (await (await runtime.portal.app.request(`${API}/openapi.json`)).json()) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        staff: path.startsWith('/staff/') && !(method === 'post' && path === '/staff/session'),
        hasBody: 'requestBody' in operation,
      })),
    );
    await member('fuzz.admin');
    staffCookie = await signIn('fuzz.admin');
    const post = async (path: string, body: unknown) =>
      (await (await runtime.portal.app.request(`${API}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })).json()) as { trackingNumber: string };
    const appointment = marriageAppointment(701, { date: '2026-12-02', start: '10:00' });
    fixture = {
      caseNumber: (await post('/services/old-age-allowance/applications', oldAgeAllowanceApplication())).trackingNumber,
      withdrawable: (await post('/services/old-age-allowance/applications', oldAgeAllowanceApplication('demo-county'))).trackingNumber,
      appointment: (await post('/marriage/appointments', await withPhoneProofs(runtime.portal.app, appointment, () => CLOCK))).trackingNumber,
      appointmentHolder: appointment.partyA.idNumber,
      phoneProofs: { partyA: await phoneProof(runtime.portal.app, '13900000700', () => CLOCK), partyB: await phoneProof(runtime.portal.app, '13700000700', () => CLOCK) },
      handlerProof: await phoneProof(runtime.portal.app, afterDeathApplication(735).handler['phone'] ?? '', () => CLOCK),
      guideContent: ((await (await runtime.portal.app.request(`${API}/staff/guides/old-age-allowance/draft`, { method: 'POST', headers: { cookie: staffCookie } })).json()) as { content: unknown }).content,
    };
  });
  afterAll(async () => {
    await runtime?.dispose();
  });

  it('has a valid request for every operation of the document', () => {
    expect(operations.map((operation) => operation.key).sort()).toEqual(Object.keys(VALID).sort());
  });

  it.each(Object.keys(VALID))('%s: refuses a NUL or a control character in any text input with 422 naming it, and never answers 5xx', async (key) => {
    const operation = operations.find((candidate) => candidate.key === key);
    if (!operation) return expect.unreachable(`${key} is not in the document`);
    const request = VALID[key]?.(fixture) ?? {};

    for (const hostile of HOSTILE_TEXT) {
      for (const variant of variants(request, hostile.value, { textOnly: true })) {
        const answer = await send(operation, variant.request, { signedIn: true });
        if (!hostile.refused) continue;
        expect(answer.status, `${hostile.name} in ${variant.input}: ${answer.described}`).toBe(422);
        expect(answer.error?.fields?.map((field) => field.field), `${hostile.name} in ${variant.input}: ${answer.described}`).toContain(variant.input);
      }
    }
    for (const hostile of HOSTILE_VALUES) {
      for (const variant of variants(request, hostile.value, { textOnly: false })) await send(operation, variant.request, { signedIn: true });
    }
    if (operation.method === 'GET') return;
    for (const hostile of HOSTILE_BODIES) {
      const answer = await send(operation, request, { signedIn: true, rawBody: hostile.body, ...(hostile.contentType ? { contentType: hostile.contentType } : {}), ...(hostile.origin ? { origin: hostile.origin } : {}) });
      // The multipart operations (a draft's upload, a 补正 answer) refuse every one of these bodies as not multipart, after the cross-site check.
      if (MULTIPART.has(operation.key)) {
        expect(hostile.origin ? [403] : [415], `${hostile.name}: ${answer.described}`).toContain(answer.status);
        continue;
      }
      // A form or text body is refused whether the operation reads one or not; malformed JSON only where it does.
      if (hostile.expect && (operation.hasBody || hostile.contentType)) expect(hostile.expect, `${hostile.name}: ${answer.described}`).toContain(answer.status);
      // Malformed JSON has one code, whichever operation reads it.
      if (hostile.name === 'malformed JSON' && operation.hasBody) expect(answer.error?.code, answer.described).toBe('malformed_json');
    }
  });

  it('refuses bidirectional controls and zero-width characters in every name, naming it', async () => {
    for (const [key, names] of Object.entries(NAMES)) {
      const operation = operations.find((candidate) => candidate.key === key);
      if (!operation) return expect.unreachable(`${key} is not in the document`);
      const request = VALID[key]?.(fixture) ?? {};
      for (const name of names) {
        for (const character of INVISIBLE) {
          const path = name.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
          const answer = await send(operation, { ...request, body: replaced(request.body, path, `王${character}小明`) }, { signedIn: true });
          expect(answer.status, `${name} with U+${character.codePointAt(0)?.toString(16)}: ${answer.described}`).toBe(422);
          expect(answer.error?.fields?.map((field) => field.field)).toContain(name);
        }
      }
    }
  });

  it('answers every staff operation without a session with 401, before it looks at the input', async () => {
    const staffOperations = operations.filter((operation) => operation.staff);
    expect(staffOperations.length).toBeGreaterThan(10);
    for (const operation of staffOperations) {
      const request = VALID[operation.key]?.(fixture) ?? {};
      const inputs = [{ input: 'nothing', request }, ...variants(request, NUL, { textOnly: true })];
      for (const variant of inputs) {
        const answer = await send(operation, variant.request, { signedIn: false });
        expect(answer.status, `${variant.input}: ${answer.described}`).toBe(401);
        expect(answer.error).toMatchObject({ code: 'not_signed_in', message: en.errors.notSignedIn });
      }
      if (!operation.hasBody) continue;
      const malformed = await send(operation, request, { signedIn: false, rawBody: '{"a":' });
      expect(malformed.status, malformed.described).toBe(401);
    }
  });
});
