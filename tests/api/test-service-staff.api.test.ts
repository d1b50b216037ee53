/**
 * Staff work on a case of a service given to the portal at start (docs/decisions/029): the
 * test-only household grant (tests/support/test-service, submitted → accepted by intake, service
 * area allowances, office demo-county) is in the queue of the members who handle it, opens masked,
 * is accepted, and every look and step is audited; a member without the role, the area or the
 * office sees nothing of it, as the built-in services' cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELDER_ID } from '../support/applications.ts';
import { staffClient } from '../support/staff-client.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { draftWithProof } from '../support/test-service/proof.ts';
import { servicePackages, TEST_SERVICE } from '../support/test-service/service.ts';

const PHONE = '13812340001';

interface CaseWork {
  trackingNumber: string;
  service: string;
  state: string;
  version: number;
  revealed: boolean;
  answers: { label: string; value: string }[];
  actions: { name: string; fields: unknown[] }[];
  timeline: { transition: string; actorRole: string | null }[];
}
interface QueueBody {
  items: { trackingNumber: string; service: string; state: string; office: string }[];
  total: number;
  countsByState: Record<string, number>;
}

describe.each(DIALECTS)('staff work on a case of a service given at start, on %s', (kind) => {
  let runtime: TestRuntime;
  const staff = staffClient({ runtime: () => runtime, now: () => new Date(), lang: 'en' });
  const as = staff.request;
  const queueOf = async (username: string, query = '') => (await (await as(username, `/staff/cases${query}`)).json()) as QueueBody;
  const caseId = async (trackingNumber: string) =>
    (await runtime.database.db.selectFrom('cases').select('id').where('tracking_number', '=', trackingNumber.replaceAll('-', '')).executeTakeFirstOrThrow()).id;
  const auditOf = async (trackingNumber: string) =>
    (await runtime.database.db.selectFrom('audit_log').select(['action', 'record_id']).where('record_id', '=', await caseId(trackingNumber)).orderBy('seq').execute()).map((row) => row.action);
  const track = async (trackingNumber: string) =>
    (await (
      await runtime.portal.app.request('/api/v1/track', { method: 'POST', body: JSON.stringify({ trackingNumber, secondFactor: PHONE }), headers: { 'content-type': 'application/json' } }, { clientAddress: '10.9.9.8' })
    ).json()) as { service: string; state: string };

  async function apply(): Promise<string> {
    const draft = await draftWithProof(runtime.portal.app);
    const response = await runtime.portal.app.request(`/api/v1/services/${TEST_SERVICE}/applications`, {
      method: 'POST',
      body: JSON.stringify({ person: { name: '王大明', idNumber: ELDER_ID, phone: PHONE }, household: [{ name: '王小明', relationship: 'child' }], declaration: true }),
      headers: { 'content-type': 'application/json', 'draft-reference': draft },
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { trackingNumber: string }).trackingNumber;
  }

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, { servicePackages });
    await staff.member('county.intake', ['intake'], { offices: ['demo-county'], serviceAreas: ['allowances'] });
    await staff.member('county.reviewer', ['reviewer'], { offices: ['demo-county'], serviceAreas: ['allowances'] });
    await staff.member('district.intake', ['intake'], { offices: ['demo-district'], serviceAreas: ['allowances'] });
    await staff.member('county.marriage', ['intake'], { offices: ['demo-county'], serviceAreas: ['marriage'] });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('lists the case in the queue of an intake member of its office and area, counted by its state and filtered by its service', async () => {
    const trackingNumber = await apply();
    const queue = await queueOf('county.intake');
    expect(queue.items).toContainEqual(expect.objectContaining({ trackingNumber, service: TEST_SERVICE, state: 'submitted', office: 'demo-county' }));
    expect(queue.countsByState['submitted']).toBeGreaterThanOrEqual(1);
    const filtered = await queueOf('county.intake', `?service=${TEST_SERVICE}`);
    expect(filtered.items.length).toBeGreaterThan(0);
    expect(filtered.items.every((item) => item.service === TEST_SERVICE)).toBe(true);
  });

  it('offers the queue on /staff/me to a member who handles only the package’s service', async () => {
    const me = (await (await as('county.intake', '/staff/me')).json()) as { may: { queue: boolean; officeDay: boolean } };
    expect(me.may).toMatchObject({ queue: true, officeDay: false });
    // The test service's only step is intake's: a reviewer in allowances handles 高龄津贴, not it.
    expect(((await (await as('county.reviewer', '/staff/me')).json()) as { may: { queue: boolean } }).may.queue).toBe(true);
  });

  it('opens the case masked, accepts it (the applicant then reads accepted), and audits the look and the step', async () => {
    const trackingNumber = await apply();
    const opened = await as('county.intake', `/staff/cases/${trackingNumber}`);
    expect(opened.status).toBe(200);
    const view = (await opened.json()) as CaseWork;
    expect(view).toMatchObject({ trackingNumber, service: TEST_SERVICE, state: 'submitted', version: 1, revealed: false });
    const values = Object.fromEntries(view.answers.map((row) => [row.label, row.value]));
    expect(values[`${TEST_SERVICE}:fields.person.idNumber`]).toBe(`${ELDER_ID.slice(0, 4)}**********${ELDER_ID.slice(-4)}`);
    expect(values[`${TEST_SERVICE}:fields.person.phone`]).toBe('138****0001');
    expect(JSON.stringify(view)).not.toContain(ELDER_ID);
    expect(view.actions).toEqual([{ name: 'accept', fields: [] }]);

    const accepted = await as('county.intake', `/staff/cases/${trackingNumber}/transitions`, { method: 'POST', body: { transition: 'accept', version: view.version, input: {} } });
    expect(accepted.status).toBe(200);
    const after = (await accepted.json()) as CaseWork;
    expect(after).toMatchObject({ state: 'accepted', version: 2, actions: [] });
    expect(after.timeline.map((event) => [event.transition, event.actorRole])).toContainEqual(['accept', 'intake']);
    expect(await track(trackingNumber)).toMatchObject({ service: TEST_SERVICE, state: 'accepted' });

    // The look, then the step (saved with it, named by its transition), in the audit chain.
    expect(await auditOf(trackingNumber)).toEqual(['case.view', 'case.accept']);
  });

  it('shows the whole values only when asked, audited as such', async () => {
    const trackingNumber = await apply();
    const revealed = await as('county.intake', `/staff/cases/${trackingNumber}/reveal`, { method: 'POST' });
    expect(revealed.status).toBe(200);
    expect(((await revealed.json()) as CaseWork).answers.find((row) => row.label === `${TEST_SERVICE}:fields.person.idNumber`)?.value).toBe(ELDER_ID);
    expect(await auditOf(trackingNumber)).toContain('case.reveal');
  });

  it('hides the case from a member without the role, the area or the office: not in their queue, unknown when opened, and not acted on', async () => {
    const trackingNumber = await apply();
    for (const username of ['district.intake', 'county.marriage']) {
      const queue = await as(username, '/staff/cases');
      if (queue.status === 200) expect(((await queue.json()) as QueueBody).items.map((item) => item.trackingNumber)).not.toContain(trackingNumber);
      expect((await as(username, `/staff/cases/${trackingNumber}`)).status, username).toBe(404);
    }
    // A reviewer handles allowances at the county, but the test service has no step of theirs.
    expect((await queueOf('county.reviewer')).items.map((item) => item.trackingNumber)).not.toContain(trackingNumber);
    expect((await as('county.reviewer', `/staff/cases/${trackingNumber}`)).status).toBe(404);
    const refused = await as('county.reviewer', `/staff/cases/${trackingNumber}/transitions`, { method: 'POST', body: { transition: 'accept', version: 1, input: {} } });
    expect(refused.status).toBe(404);
    expect(await track(trackingNumber)).toMatchObject({ state: 'submitted' });
    expect(await auditOf(trackingNumber)).not.toContain('case.view');
  });
});
