/**
 * Hand-offs as an engine part (docs/decisions/044), on the test-only service's household check
 * (tests/support/test-service: an investigator's `request-household-check` sends hand-off
 * `test-check`; `record-household-check` records its answer, by the system or by hand). The clock
 * and the outside world (fetch, the jitter's chance) are injected: no test sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stepToSave } from '../../api/cases/case-service.ts';
import { findCaseByTrackingNumber, saveTransition } from '../../api/db/cases.repo.ts';
import { applyTransition } from '../../api/domain/workflow/workflow.ts';
import { deliverDueHandoffs, sendOwedCallbacks, type HandoffDeps } from '../../api/engine/handoffs/handoffs.ts';
import { HandoffRequestBodySchema } from '../../api/engine/handoffs/handoff.ts';
import { HANDOFF_HEADERS, signedHeaders, verifyHandoffSignature } from '../../api/engine/handoffs/signing.ts';
import { personId } from '../support/applications.ts';
import { staffClient } from '../support/staff-client.ts';
import { DIALECTS } from '../support/test-database.ts';
import { createTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { draftWithProof } from '../support/test-service/proof.ts';
import { servicePackages, TEST_HANDOFF, TEST_SERVICE } from '../support/test-service/service.ts';

const ORIGIN = 'http://localhost';
const RETRY = { baseDelayMs: 1_000, maxDelayMs: 8_000, maxAttempts: 3 };
const DELAY_MS = 60_000;

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
}
interface HandoffViewBody {
  handoff: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  answer: Record<string, string> | null;
}
interface CaseWorkBody {
  version: number;
  handoffs: HandoffViewBody[];
  timeline: { transition: string; actorRole: string | null; visibility: string; details: Record<string, string> }[];
}

describe.each(DIALECTS)('hand-offs, on %s', (kind) => {
  let runtime: TestRuntime;
  let clock = new Date('2026-11-25T02:00:00Z');
  const sent: Sent[] = [];
  /** What the next sends answer: a fixed status, or (absent) the portal's own development receiver. */
  let outside: { status: number; body?: unknown } | 'network-error' | undefined;
  const staff = staffClient({ runtime: () => runtime, now: () => clock, lang: 'en' });
  let n = 0;

  const fakeFetch: typeof fetch = async (input, init) => {
    const url = String(input);
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    sent.push({ url, headers, body: String(init?.body ?? '') });
    if (outside === 'network-error') throw new TypeError('fetch failed');
    if (outside) return new Response(outside.body === undefined ? '' : JSON.stringify(outside.body), { status: outside.status, headers: { 'content-type': 'application/json' } });
    return runtime.portal.app.request(url, init);
  };

  const deps = (): HandoffDeps => ({
    db: runtime.database.db,
    kind: runtime.database.kind,
    crypto: runtime.crypto,
    calendar: runtime.calendar,
    now: () => clock,
    services: runtime.portal.services,
    handoffs: runtime.portal.handoffs,
  });
  const deliver = () => deliverDueHandoffs(deps(), { workerId: 'test-worker', origin: ORIGIN });
  const later = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };

  async function apply(idNumber = personId(100 + (n += 1), 'male')): Promise<string> {
    const draft = await draftWithProof(runtime.portal.app);
    const response = await runtime.portal.app.request(`/api/v1/services/${TEST_SERVICE}/applications`, {
      method: 'POST',
      body: JSON.stringify({ person: { name: '王大明', idNumber, phone: '13812340002' }, household: [{ name: '王小明', relationship: 'child' }], declaration: true }),
      headers: { 'content-type': 'application/json', 'draft-reference': draft },
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { trackingNumber: string }).trackingNumber;
  }
  const view = async (trackingNumber: string) => (await (await staff.request('county.investigator', `/staff/cases/${trackingNumber}`)).json()) as CaseWorkBody;
  async function requestCheck(trackingNumber: string): Promise<void> {
    const { version } = await view(trackingNumber);
    const response = await staff.request('county.investigator', `/staff/cases/${trackingNumber}/transitions`, { method: 'POST', body: { transition: 'request-household-check', version, input: {} } });
    expect(response.status).toBe(200);
  }
  const caseId = async (trackingNumber: string) => (await findCaseByTrackingNumber(runtime.database.db, trackingNumber.replaceAll('-', '')))?.id ?? '';
  const requestsOf = async (trackingNumber: string) =>
    runtime.database.db.selectFrom('handoff_requests').selectAll().where('case_id', '=', await caseId(trackingNumber)).orderBy('created_at').execute();
  const recordings = async (trackingNumber: string) => (await view(trackingNumber)).timeline.filter((event) => event.transition === 'record-household-check');
  const auditOf = async (trackingNumber: string) =>
    (await runtime.database.db.selectFrom('audit_log').select(['action', 'actor_role', 'details_json']).where('record_id', '=', await caseId(trackingNumber)).orderBy('seq').execute()).map((row) => ({
      action: row.action,
      role: row.actor_role,
      details: JSON.parse(row.details_json ?? '{}') as Record<string, unknown>,
    }));
  const callback = (body: string, secret: string, at = clock) =>
    runtime.portal.app.request(`/api/v1/handoffs/${TEST_HANDOFF}/results`, { method: 'POST', body, headers: signedHeaders(secret, 'x', body, at) });
  const secret = () => runtime.portal.handoffs.developmentSecret(TEST_HANDOFF);

  beforeAll(async () => {
    runtime = await createTestRuntime(kind, {
      servicePackages,
      now: () => clock,
      handoffs: { fetch: fakeFetch, random: () => 0.5, retry: RETRY, settings: { endpoints: {}, devReceiverMode: 'by-id', devReceiverDelayMs: DELAY_MS } },
    });
    await staff.member('county.investigator', ['investigator'], { offices: ['demo-county'], serviceAreas: ['allowances'] });
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  it('writes the request with the transition that sends it, and a transition rolled back leaves neither', async () => {
    const trackingNumber = await apply();
    await requestCheck(trackingNumber);
    const [request] = await requestsOf(trackingNumber);
    expect(request).toMatchObject({ handoff: TEST_HANDOFF, status: 'pending', attempts: 0 });
    expect(request?.payload_enc).not.toContain('王大明');
    expect((await view(trackingNumber)).handoffs).toEqual([expect.objectContaining({ handoff: TEST_HANDOFF, status: 'sending', attempts: 0, answer: null })]);

    const other = await apply();
    const stored = await findCaseByTrackingNumber(runtime.database.db, other.replaceAll('-', ''));
    if (!stored) return expect.unreachable('the case was stored');
    const service = runtime.portal.services.get(TEST_SERVICE);
    if (!service) return expect.unreachable('the test service runs');
    const outcome = applyTransition(service.workflow, stored.snapshot, 'request-household-check', { kind: 'staff', staffId: 'x', roles: ['investigator'], offices: ['demo-county'], serviceAreas: ['allowances'] }, {}, { today: '2026-11-25', calendar: runtime.calendar });
    if (!outcome.ok) return expect.unreachable('the transition is possible');
    const step = stepToSave({ crypto: runtime.crypto, calendar: runtime.calendar }, service, stored, outcome.result, { kind: 'staff', id: null, role: 'investigator' }, { at: clock, origin: null });
    await expect(
      saveTransition(runtime.database.db, runtime.database.kind, step, () => {
        throw new Error('failed part-way');
      }),
    ).rejects.toThrow('failed part-way');
    expect(await requestsOf(other)).toEqual([]);
    expect((await view(other)).timeline.map((event) => event.transition)).toEqual(['submit']);
    // The first case's request is answered here, so that each test sends only its own.
    expect(await deliver()).toMatchObject({ answered: 1 });
  });

  it('sends it signed, with only what the receiving system needs; an answer at once is recorded once, by the system, internal, and audited', async () => {
    outside = undefined;
    const trackingNumber = await apply();
    await requestCheck(trackingNumber);
    sent.length = 0;
    expect(await deliver()).toMatchObject({ answered: 1, retrying: 0, failed: 0 });
    const [request] = sent;
    if (!request) return expect.unreachable('a request was sent');
    expect(request.url).toBe(`${ORIGIN}/api/v1/dev/handoff-receiver/${TEST_HANDOFF}`);
    expect(verifyHandoffSignature(secret(), { timestamp: request.headers[HANDOFF_HEADERS.timestamp], signature: request.headers[HANDOFF_HEADERS.signature], body: request.body, now: clock })).toEqual({ ok: true });
    const body = HandoffRequestBodySchema.parse(JSON.parse(request.body));
    expect(request.headers[HANDOFF_HEADERS.requestId]).toBe(body.requestId);
    expect(body.callbackUrl).toBe(`${ORIGIN}/api/v1/handoffs/${TEST_HANDOFF}/results`);
    // Names, ID number, relationships and the authorisation; never the phone.
    expect(request.body).not.toContain('13812340002');
    expect(body.payload.values['authorised']).toBe(true);
    expect(body.payload.lists['members']).toEqual([expect.objectContaining({ relationship: 'self', name: '王大明' }), { relationship: 'child', name: '王小明' }]);

    expect(await recordings(trackingNumber)).toEqual([
      expect.objectContaining({ actorRole: null, visibility: 'internal', details: { result: 'within-limits', summary: 'test receiver: within limits', checkedOn: '2026-11-25' } }),
    ]);
    expect((await view(trackingNumber)).handoffs).toEqual([expect.objectContaining({ status: 'answered', attempts: 1, answer: expect.objectContaining({ result: 'within-limits' }) })]);
    const audit = await auditOf(trackingNumber);
    expect(audit).toContainEqual({ action: 'handoff.send', role: 'system', details: expect.objectContaining({ handoff: TEST_HANDOFF, attempt: 1, result: 'answered' }) });
    expect(audit).toContainEqual({ action: 'case.record-household-check', role: 'system', details: expect.objectContaining({ handoff: TEST_HANDOFF, via: 'reply' }) });
    // Nothing left to send.
    expect(await deliver()).toEqual({ answered: 0, waiting: 0, retrying: 0, failed: 0 });
  });

  it('tries a 5xx again with backoff and jitter, not before its time, and records "failed" after the last attempt', async () => {
    const trackingNumber = await apply();
    await requestCheck(trackingNumber);
    outside = { status: 503 };
    expect(await deliver()).toMatchObject({ retrying: 1 });
    // Half the first step for sure, and half the other half (random 0.5): 750 ms.
    expect((await requestsOf(trackingNumber))[0]).toMatchObject({ status: 'pending', attempts: 1, last_error: 'HTTP 503', next_attempt_at: new Date(clock.getTime() + 750).toISOString() });
    expect((await view(trackingNumber)).handoffs[0]).toMatchObject({ status: 'sending', attempts: 1, nextAttemptAt: new Date(clock.getTime() + 750).toISOString() });
    expect(await deliver()).toMatchObject({ retrying: 0 });
    later(750);
    outside = 'network-error';
    expect(await deliver()).toMatchObject({ retrying: 1 });
    expect((await requestsOf(trackingNumber))[0]).toMatchObject({ attempts: 2, next_attempt_at: new Date(clock.getTime() + 1_500).toISOString() });
    later(1_500);
    outside = { status: 429 };
    expect(await deliver()).toMatchObject({ failed: 1 });
    expect(await recordings(trackingNumber)).toEqual([expect.objectContaining({ details: { result: 'failed', summary: 'no answer after 3 attempts' } })]);
    expect((await view(trackingNumber)).handoffs[0]).toMatchObject({ status: 'failed', attempts: 3 });
    expect((await auditOf(trackingNumber)).filter((entry) => entry.action === 'handoff.send').map((entry) => entry.details['result'])).toEqual(['retry: HTTP 503', 'retry: TypeError', 'failed: HTTP 429']);
    outside = undefined;
  });

  it('records "failed" at once for a request the receiving system refuses outright (a 4xx will not change by asking again)', async () => {
    const trackingNumber = await apply();
    await requestCheck(trackingNumber);
    outside = { status: 400, body: { error: 'bad request' } };
    expect(await deliver()).toMatchObject({ failed: 1 });
    expect((await view(trackingNumber)).handoffs[0]).toMatchObject({ status: 'failed', attempts: 1 });
    outside = undefined;
  });

  it('answers later: 202, then the signed callback recorded once, a repeat of it taken as a no-op', async () => {
    // A demo ID number whose sequence code is 998: the development receiver answers later.
    const trackingNumber = await apply(personId(499, 'female'));
    await requestCheck(trackingNumber);
    sent.length = 0;
    expect(await deliver()).toMatchObject({ waiting: 1 });
    expect((await view(trackingNumber)).handoffs[0]).toMatchObject({ status: 'waiting', attempts: 1 });
    expect(await sendOwedCallbacks(deps())).toBe(0);
    later(DELAY_MS);
    expect(await sendOwedCallbacks(deps())).toBe(1);
    const callbackSent = sent.find((request) => request.url.endsWith('/results'));
    if (!callbackSent) return expect.unreachable('the callback was sent');
    expect(await recordings(trackingNumber)).toHaveLength(1);
    expect((await view(trackingNumber)).handoffs[0]).toMatchObject({ status: 'answered', answer: expect.objectContaining({ result: 'within-limits' }) });

    const again = await callback(callbackSent.body, secret());
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ recorded: false });
    expect(await recordings(trackingNumber)).toHaveLength(1);
    expect((await auditOf(trackingNumber)).filter((entry) => entry.action === 'case.record-household-check')).toEqual([expect.objectContaining({ details: expect.objectContaining({ via: 'callback' }) })]);
  });

  it('refuses a callback with a bad, missing or stale signature (403, never 5xx), and one for an unknown request (404)', async () => {
    const trackingNumber = await apply(personId(499, 'female'));
    await requestCheck(trackingNumber);
    await deliver();
    const [request] = await requestsOf(trackingNumber);
    const body = JSON.stringify({ requestId: request?.id, answer: { result: 'over-limits', summary: 'forged' } });
    expect((await callback(body, 'not the key, but long enough to be one')).status).toBe(403);
    expect((await callback(body, secret(), new Date(clock.getTime() - 10 * 60_000))).status).toBe(403);
    const unsigned = await runtime.portal.app.request(`/api/v1/handoffs/${TEST_HANDOFF}/results`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(unsigned.status).toBe(403);
    expect(((await unsigned.json()) as { error: { code: string } }).error.code).toBe('bad_signature');
    const unknown = JSON.stringify({ requestId: '00000000-0000-4000-8000-000000000000', answer: { result: 'over-limits', summary: 'x' } });
    expect((await callback(unknown, secret())).status).toBe(404);
    // An answer the recording transition does not take is refused, and the request still waits for a good one.
    const bad = JSON.stringify({ requestId: request?.id, answer: { result: 'maybe', summary: 'x' } });
    expect((await callback(bad, secret())).status).toBe(422);
    expect(await recordings(trackingNumber)).toEqual([]);
    const good = await callback(JSON.stringify({ requestId: request?.id, answer: { result: 'over-limits', summary: 'income over the limit' } }), secret());
    expect(await good.json()).toEqual({ recorded: true });
    expect(await recordings(trackingNumber)).toEqual([expect.objectContaining({ details: { result: 'over-limits', summary: 'income over the limit' } })]);
  });

  it('the development receiver refuses (sequence code 999), verifies signatures, and answers a repeated request id as it did the first', async () => {
    const trackingNumber = await apply(personId(499, 'male'));
    await requestCheck(trackingNumber);
    sent.length = 0;
    expect(await deliver()).toMatchObject({ answered: 1 });
    expect(await recordings(trackingNumber)).toEqual([expect.objectContaining({ details: expect.objectContaining({ result: 'refused' }) })]);

    const [first] = sent;
    if (!first) return expect.unreachable('a request was sent');
    const path = `/api/v1/dev/handoff-receiver/${TEST_HANDOFF}`;
    const repeat = await runtime.portal.app.request(path, { method: 'POST', body: first.body, headers: signedHeaders(secret(), 'x', first.body, clock) });
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual({ status: 'answered', answer: expect.objectContaining({ result: 'refused' }) });
    const forged = await runtime.portal.app.request(path, { method: 'POST', body: first.body, headers: signedHeaders('someone else’s key, long enough', 'x', first.body, clock) });
    expect(forged.status).toBe(403);
    const unknown = await runtime.portal.app.request('/api/v1/dev/handoff-receiver/no-such-handoff', { method: 'POST', body: first.body, headers: signedHeaders(secret(), 'x', first.body, clock) });
    expect(unknown.status).toBe(404);
  });

  it('a result entered by hand ends the request still open: a late answer records nothing more', async () => {
    const trackingNumber = await apply(personId(499, 'female'));
    await requestCheck(trackingNumber);
    await deliver();
    const [request] = await requestsOf(trackingNumber);
    const { version } = await view(trackingNumber);
    const entered = await staff.request('county.investigator', `/staff/cases/${trackingNumber}/transitions`, {
      method: 'POST',
      body: { transition: 'record-household-check', version, input: { result: 'within-limits', summary: 'checked by telephone', checkedOn: '' } },
    });
    expect(entered.status).toBe(200);
    expect((await view(trackingNumber)).handoffs[0]).toMatchObject({ status: 'superseded' });
    const late = await callback(JSON.stringify({ requestId: request?.id, answer: { result: 'over-limits', summary: 'late' } }), secret());
    expect(await late.json()).toEqual({ recorded: false });
    expect((await recordings(trackingNumber)).map((event) => [event.actorRole, event.details['summary']])).toEqual([['investigator', 'checked by telephone']]);
  });

  it('a new request supersedes the one still open', async () => {
    const trackingNumber = await apply(personId(499, 'female'));
    await requestCheck(trackingNumber);
    later(1_000);
    await requestCheck(trackingNumber);
    expect((await requestsOf(trackingNumber)).map((row) => row.status)).toEqual(['superseded', 'pending']);
  });
});
