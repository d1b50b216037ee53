/**
 * The hand-off engine's pure parts (docs/decisions/044): signing and its replay window, the retry
 * schedule, the development receiver's choice of answer, and the checks between a workflow and its
 * hand-offs.
 */
import { describe, expect, it } from 'vitest';
import { devReceiverMode, DevReceiverState } from '../../api/engine/handoffs/dev-receiver.ts';
import { endpointsFromEnvironment, handoffEndpoint, DEFAULT_HANDOFF_SETTINGS } from '../../api/engine/handoffs/endpoints.ts';
import { handoffEnvName, handoffProblems } from '../../api/engine/handoffs/handoff.ts';
import { handoffRetryDelayMs, isRetryable } from '../../api/engine/handoffs/retry.ts';
import { REPLAY_WINDOW_SECONDS, signedHeaders, signHandoff, verifyHandoffSignature } from '../../api/engine/handoffs/signing.ts';
import { personId } from '../support/applications.ts';
import { testHouseholdPackage, testHouseholdWorkflow } from '../support/test-service/service.ts';

const SECRET = 'a shared key of at least thirty-two characters';
const NOW = new Date('2026-11-25T02:00:00Z');
const seconds = NOW.getTime() / 1000;

describe('signing', () => {
  const body = '{"requestId":"r"}';
  const signature = signHandoff(SECRET, seconds, body);

  it('signs the timestamp and the body together, as v1= and hex HMAC-SHA256', () => {
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(signHandoff(SECRET, seconds + 1, body)).not.toBe(signature);
    expect(signHandoff(SECRET, seconds, `${body} `)).not.toBe(signature);
    expect(signedHeaders(SECRET, 'r', body, NOW)).toEqual({ 'content-type': 'application/json', 'x-handoff-request-id': 'r', 'x-handoff-timestamp': String(seconds), 'x-handoff-signature': signature });
  });

  it.each([
    ['the same body, key and time', { timestamp: String(seconds), signature, body }, { ok: true }],
    ['at the edge of the replay window', { timestamp: String(seconds - REPLAY_WINDOW_SECONDS), signature: signHandoff(SECRET, seconds - REPLAY_WINDOW_SECONDS, body), body }, { ok: true }],
    ['a second past it', { timestamp: String(seconds - REPLAY_WINDOW_SECONDS - 1), signature: signHandoff(SECRET, seconds - REPLAY_WINDOW_SECONDS - 1, body), body }, { ok: false, reason: 'stale' }],
    ['from the future', { timestamp: String(seconds + REPLAY_WINDOW_SECONDS + 1), signature: signHandoff(SECRET, seconds + REPLAY_WINDOW_SECONDS + 1, body), body }, { ok: false, reason: 'stale' }],
    ['another body', { timestamp: String(seconds), signature, body: '{"requestId":"s"}' }, { ok: false, reason: 'mismatch' }],
    ['another key', { timestamp: String(seconds), signature: signHandoff(`${SECRET}!`, seconds, body), body }, { ok: false, reason: 'mismatch' }],
    ['a truncated signature', { timestamp: String(seconds), signature: signature.slice(0, 20), body }, { ok: false, reason: 'mismatch' }],
    ['no timestamp', { timestamp: undefined, signature, body }, { ok: false, reason: 'missing' }],
    ['a timestamp not a number', { timestamp: '1e9', signature, body }, { ok: false, reason: 'missing' }],
    ['no signature', { timestamp: String(seconds), signature: undefined, body }, { ok: false, reason: 'missing' }],
  ])('verifies %s', (_case, input, expected) => {
    expect(verifyHandoffSignature(SECRET, { ...input, now: NOW })).toEqual(expected);
  });
});

describe('retries', () => {
  const policy = { baseDelayMs: 30_000, maxDelayMs: 120_000, maxAttempts: 5 };
  it.each([
    [1, 0, 15_000],
    [1, 0.999_999, 30_000],
    [2, 0.5, 45_000],
    [3, 0, 60_000],
    // Capped at the longest step.
    [4, 0.5, 90_000],
    [5, 0.5, null],
  ])('after attempt %i (chance %d) waits %s ms', (attempts, random, expected) => {
    expect(handoffRetryDelayMs(attempts, random, policy)).toBe(expected);
  });

  it.each([
    [{ kind: 'network-error' as const }, true],
    [{ kind: 'status' as const, status: 500 }, true],
    [{ kind: 'status' as const, status: 503 }, true],
    [{ kind: 'status' as const, status: 429 }, true],
    [{ kind: 'status' as const, status: 400 }, false],
    [{ kind: 'status' as const, status: 403 }, false],
    [{ kind: 'status' as const, status: 422 }, false],
  ])('%o is tried again: %s', (outcome, expected) => {
    expect(isRetryable(outcome)).toBe(expected);
  });
});

describe('the development receiver', () => {
  const payload = (idNumber: string) => ({ values: { authorised: true }, lists: { members: [{ name: '王大明', idNumber }] } });
  it.each([
    ['by-id', personId(1, 'male'), 'immediate'],
    ['by-id', personId(499, 'female'), 'delayed'],
    ['by-id', personId(499, 'male'), 'refuse'],
    ['refuse', personId(1, 'male'), 'refuse'],
    ['delayed', personId(499, 'male'), 'delayed'],
  ] as const)('set to %s, answers a payload with %s %s', (setting, idNumber, expected) => {
    expect(devReceiverMode(setting, payload(idNumber))).toBe(expected);
  });

  it('answers a repeated request id as it answered the first, and owes one callback', () => {
    const state = new DevReceiverState();
    let decided = 0;
    const decide = () => {
      decided += 1;
      return { reply: { status: 'accepted' as const }, later: { requestId: 'r', handoff: 'h', callbackUrl: 'http://localhost/x', answer: { result: 'ok' }, dueAt: 10 } };
    };
    expect(state.reply('r', decide)).toEqual({ status: 'accepted' });
    expect(state.reply('r', decide)).toEqual({ status: 'accepted' });
    expect(decided).toBe(1);
    expect(state.takeDue(9)).toEqual([]);
    expect(state.takeDue(10)).toHaveLength(1);
    expect(state.takeDue(11)).toEqual([]);
  });
});

describe('endpoints', () => {
  const context = { settings: DEFAULT_HANDOFF_SETTINGS, origin: 'http://localhost:4321', developmentSecret: (name: string) => `secret-of-${name}` };
  it('sends to the development receiver outside production, and nowhere in production, when none is configured', () => {
    expect(handoffEndpoint('household-check', { ...context, environment: 'development' })).toEqual({ url: 'http://localhost:4321/api/v1/dev/handoff-receiver/household-check', secret: 'secret-of-household-check', development: true });
    expect(handoffEndpoint('household-check', { ...context, environment: 'production' })).toBeUndefined();
  });

  it('reads HANDOFF_<NAME>_URL and _SECRET, and names what is wrong', () => {
    expect(handoffEnvName('household-check')).toBe('HOUSEHOLD_CHECK');
    const read = endpointsFromEnvironment({ HANDOFF_HOUSEHOLD_CHECK_URL: 'https://check.example.gov.cn/requests', HANDOFF_HOUSEHOLD_CHECK_SECRET: SECRET, HANDOFF_DEV_RECEIVER_MODE: 'refuse' }, true);
    expect(read).toEqual({ endpoints: { HOUSEHOLD_CHECK: { url: 'https://check.example.gov.cn/requests', secret: SECRET } }, problems: [] });
    expect(handoffEndpoint('household-check', { ...context, settings: { ...DEFAULT_HANDOFF_SETTINGS, endpoints: read.endpoints }, environment: 'production' })).toMatchObject({ url: 'https://check.example.gov.cn/requests', development: false });
    expect(endpointsFromEnvironment({ HANDOFF_X_URL: 'http://check.example/x', HANDOFF_X_SECRET: 'short' }, true).problems).toEqual([
      'HANDOFF_X_URL: must be https in production (the payload carries ID numbers)',
      'HANDOFF_X_SECRET: required with HANDOFF_X_URL, at least 32 characters (the key shared with the receiving system)',
    ]);
    expect(endpointsFromEnvironment({ HANDOFF_X_SECRET: SECRET }, false).problems).toEqual(['HANDOFF_X_URL: required with HANDOFF_X_SECRET']);
  });
});

describe('a workflow and its hand-offs', () => {
  it('has none missing or misplaced in the test service', () => {
    expect(handoffProblems(testHouseholdWorkflow, testHouseholdPackage.caseService.handoffs)).toEqual([]);
  });

  it('names a hand-off not declared, a recording transition not the system’s or one that moves the case', () => {
    const workflow = {
      ...testHouseholdWorkflow,
      transitions: [
        ...testHouseholdWorkflow.transitions.filter((t) => t.name !== 'record-household-check'),
        { name: 'record-household-check', from: ['submitted'], to: 'accepted', by: ['investigator' as const], visibility: 'internal' as const },
        { name: 'ask-elsewhere', from: ['submitted'], to: '@same', by: ['investigator' as const], handoff: 'elsewhere', visibility: 'internal' as const },
      ],
    };
    expect(handoffProblems(workflow, { 'test-check': { records: 'record-household-check' } })).toEqual([
      'ask-elsewhere: hand-off elsewhere is not declared',
      "hand-off test-check: record-household-check is not taken by 'system'",
      "hand-off test-check: record-household-check must stay in the case's state (@same)",
    ]);
  });
});
