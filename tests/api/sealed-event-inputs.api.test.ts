/**
 * What officers type about a person is sealed at rest (docs/decisions/049), through the API, on
 * both databases: a 补正 list and a 高龄津贴 reviewer's opinion are in no timeline event and no
 * queued text in plain, yet the workbench shows both, the applicant's status page shows the 补正
 * list (as before; never the opinion), and the text still says what is asked. Events stored before
 * their fields were sealed are sealed in place by the start's re-seal, once; sealed ones are left
 * byte for byte.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealEventInputs } from '../../api/cases/event-seals.ts';
import { EVENT_INPUT_CONTEXT } from '../../api/cases/case-service.ts';
import { withStartupLock } from '../../api/db/startup-lock.ts';
import { renderNotification } from '../../api/notifications/delivery.ts';
import { ELDER_PHONE, oldAgeAllowanceApplication } from '../support/applications.ts';
import { DIALECTS } from '../support/test-database.ts';
import { staffClient } from '../support/staff-client.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';

interface CaseWork {
  version: number;
  timeline: { transition: string; details: Record<string, string> }[];
}
interface Progress {
  state: string;
  documentsRequested: string | null;
  timeline: { transition: string; details: Record<string, string> }[];
}

const DOCUMENTS = '老人本人的银行卡或社保卡（复印件），户口簿本人页';
const OPINION = '经审核，老人户籍和年龄属实，发放账户为本人账户，同意上报审批。';
const REASON = '经核查，老人户籍不在本区，请向户籍所在地申请。';

describe.each(DIALECTS)('sealed timeline fields on %s', (kind) => {
  let runtime: TestRuntime;
  const staff = staffClient({ runtime: () => runtime, now: () => new Date(), lang: 'zh-CN', serviceAreas: ['allowances'] });
  const open = async (username: string, trackingNumber: string) => (await (await staff.request(username, `/staff/cases/${trackingNumber}`)).json()) as CaseWork;
  const act = async (username: string, trackingNumber: string, transition: string, input: Record<string, string> = {}) => {
    const { version } = await open(username, trackingNumber);
    const response = await staff.request(username, `/staff/cases/${trackingNumber}/transitions`, { method: 'POST', body: { transition, version, input } });
    expect(response.status, transition).toBe(200);
  };
  const newCase = async () => {
    const response = await runtime.portal.app.request('/api/v1/services/old-age-allowance/applications', { method: 'POST', body: JSON.stringify(oldAgeAllowanceApplication()), headers: { 'content-type': 'application/json' } });
    return ((await response.json()) as { trackingNumber: string }).trackingNumber;
  };
  const progress = async (trackingNumber: string) =>
    (await (
      await runtime.portal.app.request('/api/v1/track', { method: 'POST', body: JSON.stringify({ trackingNumber, secondFactor: ELDER_PHONE }), headers: { 'content-type': 'application/json' } }, { clientAddress: '10.9.7.1' })
    ).json()) as Progress;
  const caseId = async (trackingNumber: string) => (await runtime.database.db.selectFrom('cases').select('id').where('tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirstOrThrow()).id;
  const eventsOf = async (trackingNumber: string) => runtime.database.db.selectFrom('case_events').select(['id', 'transition', 'input_json']).where('case_id', '=', await caseId(trackingNumber)).orderBy('seq').execute();
  const outboxOf = async (trackingNumber: string) => runtime.database.db.selectFrom('notification_outbox').select(['template', 'lang', 'params_json']).where('case_id', '=', await caseId(trackingNumber)).orderBy('created_at').execute();
  const deps = () => ({ db: runtime.database.db, crypto: runtime.crypto, now: () => new Date(), services: runtime.portal.services });

  beforeAll(async () => {
    runtime = await createTestRuntime(kind);
    await staff.member('clerk', ['intake'], { offices: ['demo-district'] });
    await staff.member('reviewer', ['reviewer'], { offices: ['demo-district'] });
    await staff.member('approver', ['approver'], { offices: ['demo-district'] });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('keeps a new 补正 list out of the database in plain, and shows it to staff, on the status page and in the text', async () => {
    const trackingNumber = await newCase();
    await act('clerk', trackingNumber, 'accept');
    await act('reviewer', trackingNumber, 'request-documents', { documents: DOCUMENTS });

    const events = await eventsOf(trackingNumber);
    expect(JSON.stringify(events)).not.toContain('银行卡');
    const stored = JSON.parse(events.find((event) => event.transition === 'request-documents')?.input_json ?? '{}') as { documents: string };
    expect(runtime.crypto.decrypt(stored.documents, EVENT_INPUT_CONTEXT)).toBe(DOCUMENTS);
    const texts = await outboxOf(trackingNumber);
    expect(JSON.stringify(texts)).not.toContain('银行卡');

    expect((await open('reviewer', trackingNumber)).timeline.find((event) => event.transition === 'request-documents')?.details).toEqual({ documents: DOCUMENTS });
    const seen = await progress(trackingNumber);
    expect(seen).toMatchObject({ state: 'awaiting-documents', documentsRequested: DOCUMENTS });
    expect(seen.timeline.find((event) => event.transition === 'request-documents')?.details).toEqual({ documents: DOCUMENTS });
    // The text the applicant is sent, rendered as the delivery loop renders it.
    const asked = texts.find((text) => text.template === 'case.documentsRequested');
    expect(renderNotification(asked ?? { template: '', lang: 'zh-CN', params_json: '{}' }, runtime.crypto)).toContain(`需要补正材料：${DOCUMENTS}。`);
  });

  it('keeps a 高龄津贴 opinion out of the database in plain, shows it to staff, and never to the applicant', async () => {
    const trackingNumber = await newCase();
    await act('clerk', trackingNumber, 'accept');
    await act('reviewer', trackingNumber, 'review', { opinion: OPINION });

    expect(JSON.stringify(await eventsOf(trackingNumber))).not.toContain('户籍和年龄');
    expect(JSON.stringify(await outboxOf(trackingNumber))).not.toContain('户籍和年龄');
    expect((await open('approver', trackingNumber)).timeline.find((event) => event.transition === 'review')?.details).toEqual({ opinion: OPINION });
    const seen = await progress(trackingNumber);
    expect(seen.timeline.find((event) => event.transition === 'review')?.details).toEqual({});
    expect(JSON.stringify(seen)).not.toContain('户籍和年龄');
  });

  it('keeps a refusal’s reason sealed at rest, and shows it to the applicant as before', async () => {
    const trackingNumber = await newCase();
    await act('clerk', trackingNumber, 'not-accept', { reason: REASON });
    expect(JSON.stringify(await eventsOf(trackingNumber))).not.toContain('户籍不在本区');
    expect(JSON.stringify(await outboxOf(trackingNumber))).not.toContain('户籍不在本区');
    expect((await progress(trackingNumber)).timeline.find((event) => event.transition === 'not-accept')?.details).toEqual({ reason: REASON });
  });

  it('seals, at start, an event stored before its field was sealed, once, and leaves a sealed one as it was', async () => {
    const trackingNumber = await newCase();
    await act('clerk', trackingNumber, 'accept');
    await act('reviewer', trackingNumber, 'review', { opinion: OPINION });
    await act('approver', trackingNumber, 'refuse', { reason: REASON });
    const [, , review, refuse] = await eventsOf(trackingNumber);
    if (!review || !refuse) throw new Error('four events');
    // The opinion as an older version stored it: plain JSON.
    const legacy = JSON.stringify({ opinion: OPINION });
    await runtime.database.db.updateTable('case_events').set({ input_json: legacy }).where('id', '=', review.id).execute();
    // The workbench shows the old plain row as stored, meanwhile.
    expect((await open('approver', trackingNumber)).timeline.find((event) => event.transition === 'review')?.details).toEqual({ opinion: OPINION });
    // A first start after the fields were sealed: the migration made the table, nothing is recorded yet.
    await runtime.database.db.deleteFrom('data_upgrades').execute();

    // As the start runs it: under the startup lock (on PostgreSQL, one connection of its own).
    const first = await withStartupLock(runtime.database, (db) => sealEventInputs({ ...deps(), db }));
    expect(first).toMatchObject({ ran: true });
    expect(first.changed).toBeGreaterThanOrEqual(1);
    const [, , resealedReview, keptRefuse] = await eventsOf(trackingNumber);
    expect(resealedReview?.input_json).not.toContain('户籍和年龄');
    expect(runtime.crypto.decrypt((JSON.parse(resealedReview?.input_json ?? '{}') as { opinion: string }).opinion, EVENT_INPUT_CONTEXT)).toBe(OPINION);
    expect(keptRefuse?.input_json).toBe(refuse.input_json);
    expect(await runtime.database.db.selectFrom('data_upgrades').select(['name', 'changed']).execute()).toEqual([{ name: first.name, changed: first.changed }]);
    // Staff and the applicant see what they saw before.
    expect((await open('approver', trackingNumber)).timeline.find((event) => event.transition === 'review')?.details).toEqual({ opinion: OPINION });
    expect((await progress(trackingNumber)).timeline.find((event) => event.transition === 'refuse')?.details).toEqual({ reason: REASON });

    // Recorded: the next start skips it; and were it run again, nothing would change.
    expect(await sealEventInputs(deps())).toEqual({ name: first.name, ran: false, changed: 0 });
    await runtime.database.db.deleteFrom('data_upgrades').execute();
    expect(await sealEventInputs(deps())).toEqual({ name: first.name, ran: true, changed: 0 });
    expect((await eventsOf(trackingNumber))[2]?.input_json).toBe(resealedReview?.input_json);
  });
});
