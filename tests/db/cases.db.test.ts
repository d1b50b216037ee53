import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../api/db/audit.repo.ts';
import { applicantTimeline, CaseChangedError, caseTimeline, findCaseByTrackingNumber, findCaseForLookup, insertCase, saveTransition, type SaveTransition } from '../../api/db/cases.repo.ts';
import { HolidayYearSchema, createWorkingDayCalendar } from '../../api/domain/calendar/working-days.ts';
import { newTrackingNumber } from '../../api/domain/cases/tracking-number.ts';
import { applyTransition, startDeadlines, type Actor, type CaseSnapshot } from '../../api/domain/workflow/workflow.ts';
import { createFieldCrypto } from '../../api/platform/field-crypto.ts';
import { oldAgeAllowanceWorkflow as workflow } from '../../api/services/old-age-allowance/workflow.ts';
import { tamperedThenRolledBack } from '../support/audit-tamper.ts';
import { DIALECTS, TEST_AUDIT_KEYS, useMigratedDatabase } from '../support/test-database.ts';

const calendar = createWorkingDayCalendar([HolidayYearSchema.parse(JSON.parse(readFileSync(new URL('../../content/holidays/cn-2026.json', import.meta.url), 'utf8')))]);
const clock = { today: '2026-11-02', calendar };
const AT = new Date('2026-11-02T02:00:00Z');
const crypto = createFieldCrypto(randomBytes(32));
const intake: Actor = { kind: 'staff', staffId: 'staff-intake', roles: ['intake'], offices: ['district-a'], serviceAreas: ['allowances'] };

describe.each(DIALECTS)('the case store on %s', (kind) => {
  const store = useMigratedDatabase(kind);


  async function submitted(): Promise<{ id: string; trackingNumber: string; snapshot: CaseSnapshot }> {
    const snapshot: CaseSnapshot = { state: 'submitted', version: 1, office: 'district-a', deadlines: startDeadlines(workflow, ['acceptance'], clock) };
    const trackingNumber = newTrackingNumber(randomBytes);
    const id = await store.handle.db.transaction().execute((trx) =>
      insertCase(trx, {
        trackingNumber,
        service: workflow.id,
        lang: 'zh-CN',
        applicantIdHash: crypto.lookupHash('110101194001011234', 'applicant.id'),
        applicantPhoneHash: null,
        answersEnc: crypto.encrypt(JSON.stringify({ name: '张三' }), 'cases.answers'),
        snapshot,
        at: AT,
      }),
    );
    return { id, trackingNumber, snapshot };
  }

  function acceptance(id: string, snapshot: CaseSnapshot): SaveTransition {
    const outcome = applyTransition(workflow, snapshot, 'accept', intake, {}, clock);
    if (!outcome.ok) throw new Error(outcome.refusal.code);
    return {
      caseId: id,
      expectedVersion: snapshot.version,
      result: outcome.result,
      actor: { kind: 'staff', id: 'staff-intake', role: 'intake' },
      audit: { actorId: 'staff-intake', actorRole: 'intake', action: 'case.accept', origin: '127.0.0.1' },
      notifications: [{ channel: 'sms', template: 'case.accepted', lang: 'zh-CN', recipientEnc: crypto.encrypt('13800138000', 'outbox.recipient'), params: {} }],
      at: AT,
    };
  }

  const counts = async (caseId: string) => ({
    events: (await caseTimeline(store.handle.db, caseId)).length,
    outbox: (await store.handle.db.selectFrom('notification_outbox').select('id').where('case_id', '=', caseId).execute()).length,
    audit: (await store.handle.db.selectFrom('audit_log').select('seq').where('record_id', '=', caseId).execute()).length,
  });

  it('reads a case for a status lookup with whether a person is on its appointment, in one row whatever the number', async () => {
    const { id, trackingNumber, snapshot } = await submitted();
    const other = await submitted();
    const person = crypto.lookupHash('110101199001011234', 'appointment_people.person');
    const appointment = { resource_id: 'office-a', kind: 'marriage', date: '2026-11-10', start: '09:00', end: '09:30', place_key: `office-a/2026-11-10/09:00/${id}`, status: 'active', created_at: AT.toISOString(), updated_at: AT.toISOString() };
    await store.handle.db.insertInto('appointments').values({ ...appointment, id: `appointment-${id}`, case_id: id }).execute();
    await store.handle.db.insertInto('appointment_people').values({ appointment_id: `appointment-${id}`, kind: 'marriage', person_hash: person, active: 1 }).execute();

    const found = await findCaseForLookup(store.handle.db, trackingNumber, person);
    expect(found.personOnCase).toBe(true);
    expect(found.stored).toEqual(await findCaseByTrackingNumber(store.handle.db, trackingNumber));
    // Someone else, and the same person asking about another case, are not on it.
    expect((await findCaseForLookup(store.handle.db, trackingNumber, crypto.lookupHash('110101199001019999', 'appointment_people.person'))).personOnCase).toBe(false);
    expect(await findCaseForLookup(store.handle.db, other.trackingNumber, person)).toEqual({ stored: await findCaseByTrackingNumber(store.handle.db, other.trackingNumber), personOnCase: false });
    expect(await findCaseForLookup(store.handle.db, 'NOSUCHNUMBER', person)).toEqual({ stored: undefined, personOnCase: false });
    // The applicant's timeline, with only what the status view reads.
    await saveTransition(store.handle.db, store.handle.kind, acceptance(id, snapshot));
    expect(await applicantTimeline(store.handle.db, id)).toEqual([{ at: AT.toISOString(), transition: 'accept', to_state: 'accepted', input_json: null }]);
  });

  it('saves a transition with its timeline event, audit entry and notification together', async () => {
    const { id, trackingNumber, snapshot } = await submitted();
    await saveTransition(store.handle.db, store.handle.kind, acceptance(id, snapshot));
    const stored = await findCaseByTrackingNumber(store.handle.db, trackingNumber);
    expect(stored?.snapshot).toMatchObject({ state: 'accepted', version: 2 });
    expect(await counts(id)).toEqual({ events: 1, outbox: 1, audit: 1 });
    expect(JSON.parse(crypto.decrypt(stored?.answersEnc ?? '', 'cases.answers'))).toEqual({ name: '张三' });
  });

  it('lets only one of two staff acting on the same version succeed; the other is told the case changed', async () => {
    const { id, snapshot } = await submitted();
    const results = await Promise.allSettled([saveTransition(store.handle.db, store.handle.kind, acceptance(id, snapshot)), saveTransition(store.handle.db, store.handle.kind, acceptance(id, snapshot))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(CaseChangedError);
    expect(await counts(id)).toEqual({ events: 1, outbox: 1, audit: 1 });
  });

  it('leaves the case exactly as it was when the transition fails part-way', async () => {
    const { id, trackingNumber, snapshot } = await submitted();
    await expect(
      saveTransition(store.handle.db, store.handle.kind, acceptance(id, snapshot), () => {
        throw new Error('crash after writing everything, before commit');
      }),
    ).rejects.toThrow('crash');
    expect((await findCaseByTrackingNumber(store.handle.db, trackingNumber))?.snapshot).toMatchObject({ state: 'submitted', version: 1 });
    expect(await counts(id)).toEqual({ events: 0, outbox: 0, audit: 0 });
  });

  it('keeps the audit chain whole under concurrent appends, and names the first entry someone altered', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.handle.db.transaction().execute((trx) =>
          appendAudit(trx, store.handle.kind, { at: AT, actorId: `staff-${i}`, actorRole: 'reviewer', action: 'case.view', recordType: 'case', recordId: `c-${i}`, origin: null }),
        ),
      ),
    );
    const verified = await verifyAuditChain(store.handle.db, { keys: TEST_AUDIT_KEYS });
    expect(verified.ok).toBe(true);
    const victim = Math.max(2, verified.entries - 5);
    // The database refuses the edit; an administrator removes its guards first (tests/db/audit-chain.db.test.ts).
    const broken = await tamperedThenRolledBack(
      store.handle.db,
      kind,
      async (trx) => void (await trx.updateTable('audit_log').set({ action: 'case.nothing-to-see' }).where('seq', '=', victim).execute()),
      (trx) => verifyAuditChain(trx, { keys: TEST_AUDIT_KEYS, batchSize: 7 }),
    );
    expect(broken).toMatchObject({ ok: false, firstBrokenSeq: victim, reason: 'hash' });
  });
});
