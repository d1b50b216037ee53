/**
 * Hand-offs as the portal runs them (docs/decisions/044): the worker that sends due requests,
 * signed, and retries them with backoff; the recording of an answer (immediate, by callback, or the
 * failure after the last attempt) as the hand-off's recording transition taken by 'system', in one
 * transaction with the request's closing, so that it happens exactly once; the development
 * receiver that answers as the receiving system would; and what the workbench shows of them.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ZodError } from 'zod';
import { stepToSave, withSettings, type CaseDeps } from '../../cases/case-service.ts';
import { appendAudit } from '../../db/audit.repo.ts';
import { CaseChangedError, findCaseById, saveTransitionIn } from '../../db/cases.repo.ts';
import type { DatabaseKind } from '../../db/connect.ts';
import { caseHandoffRequests, claimDueHandoffs, closeHandoffRequest, findHandoffRequest, markHandoffRetry, markHandoffWaiting, type HandoffRequestRow } from '../../db/handoffs.repo.ts';
import type { Database } from '../../db/schema.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import { applyTransition } from '../../domain/workflow/workflow.ts';
import type { BackgroundPass, PassStep } from '../../platform/background-passes.ts';
import type { FieldCrypto } from '../../platform/field-crypto.ts';
import type { Logger } from '../../platform/logger.ts';
import type { RegisteredCaseService } from '../../services/case-service.ts';
import type { ServiceRegistry } from '../../services/registry.ts';
import { devReceiverMode, DevReceiverState } from './dev-receiver.ts';
import { callbackUrl, handoffEndpoint, type HandoffSettings } from './endpoints.ts';
import { HandoffReplySchema, type HandoffAnswer, type HandoffReply, type HandoffRequestBody } from './handoff.ts';
import { HANDOFF_ANSWER_CONTEXT, HANDOFF_PAYLOAD_CONTEXT } from './queue.ts';
import { DEFAULT_HANDOFF_RETRY, handoffRetryDelayMs, isRetryable, type HandoffRetryPolicy } from './retry.ts';
import { signedHeaders, verifyHandoffSignature } from './signing.ts';

/** How long one attempt may take before it counts as a network error. */
const ATTEMPT_TIMEOUT_MS = 15_000;
/** A development callback the portal did not take is tried again this many times, then dropped. */
const CALLBACK_TRIES = 5;

/** The hand-offs' side of a portal: configuration, the outside world (fetch, chance), and the development receiver. */
export interface HandoffRuntime {
  settings: HandoffSettings;
  environment: 'development' | 'production' | 'test';
  /** The key the portal and its development receiver share for a hand-off that has none configured. */
  developmentSecret(name: string): string;
  fetch: typeof fetch;
  /** In [0, 1): the retries' jitter. */
  random: () => number;
  retry: HandoffRetryPolicy;
  /** Outside production: what the development receiver remembers. */
  receiver: DevReceiverState;
}

export function createHandoffRuntime(options: {
  settings: HandoffSettings;
  environment: HandoffRuntime['environment'];
  crypto: Pick<FieldCrypto, 'lookupHash'>;
  fetch?: typeof fetch;
  random?: () => number;
  retry?: HandoffRetryPolicy;
}): HandoffRuntime {
  return {
    settings: options.settings,
    environment: options.environment,
    // Derived from the portal secret: every process of one deployment agrees, and nobody without the secret can sign.
    developmentSecret: (name) => options.crypto.lookupHash(name, 'handoffs.development-secret'),
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    random: options.random ?? Math.random,
    retry: options.retry ?? DEFAULT_HANDOFF_RETRY,
    receiver: new DevReceiverState(),
  };
}

export interface HandoffDeps extends Pick<CaseDeps, 'crypto' | 'calendar' | 'now' | 'rules' | 'offices'> {
  db: Kysely<Database>;
  kind: DatabaseKind;
  crypto: FieldCrypto;
  services: ServiceRegistry;
  handoffs: HandoffRuntime;
  logger?: Logger;
}

/** The key a hand-off's messages are signed with, or undefined when it has no endpoint (production, nothing configured). */
export function handoffSecret(runtime: HandoffRuntime, name: string): string | undefined {
  return handoffEndpoint(name, { settings: runtime.settings, environment: runtime.environment, origin: '', developmentSecret: runtime.developmentSecret })?.secret;
}

/** The service that declares a hand-off, if any does. */
export function declaringService(services: ServiceRegistry, name: string): RegisteredCaseService | undefined {
  return services.ids.map((id) => services.get(id)).find((service) => service?.handoffs && Object.hasOwn(service.handoffs, name));
}

export type RecordResult = { ok: true; recorded: boolean } | { ok: false; reason: 'invalid_answer'; error: ZodError };

/**
 * Closes a request with its outcome and records it on the case as the hand-off's recording
 * transition, by 'system' (internal, on the timeline; in the audit log as that transition), all in
 * one transaction: `recorded: false` when the request was already closed (a duplicate callback).
 * A case that moved on where the answer cannot be recorded keeps it on the request only.
 */
export async function recordHandoffOutcome(
  deps: HandoffDeps,
  request: Pick<HandoffRequestRow, 'id' | 'case_id' | 'handoff'>,
  outcome: { status: 'answered' | 'failed'; answer: HandoffAnswer; attempt: boolean; via: 'reply' | 'callback' | 'no-answer'; error?: string },
): Promise<RecordResult> {
  const close = { status: outcome.status, answerEnc: deps.crypto.encrypt(JSON.stringify(outcome.answer), HANDOFF_ANSWER_CONTEXT), attempt: outcome.attempt, ...(outcome.error ? { error: outcome.error } : {}) };
  const audit = { handoff: request.handoff, requestId: request.id, via: outcome.via };
  // A member of staff acting on the case at the same moment changes its version: read it again and record after them.
  for (let attempt = 0; ; attempt += 1) {
    const now = deps.now();
    const found = await findCaseById(deps.db, request.case_id);
    const service = found ? deps.services.get(found.service) : undefined;
    const records = service?.handoffs?.[request.handoff]?.records;
    if (!found || !service || !records) return { ok: true, recorded: await closeOnly(deps, request, { ...close, at: now }, audit) };
    const stored = withSettings(deps, found, chinaDate(now));
    const result = applyTransition(service.workflow, stored.snapshot, records, { kind: 'system' }, outcome.answer, { today: chinaDate(now), calendar: deps.calendar });
    if (!result.ok) {
      if (result.refusal.code === 'invalid_input') return { ok: false, reason: 'invalid_answer', error: result.refusal.error };
      // The case has moved on (withdrawn, decided): the answer stays with the request, for the workbench to show.
      return { ok: true, recorded: await closeOnly(deps, request, { ...close, at: now }, audit) };
    }
    try {
      const recorded = await deps.db.transaction().execute(async (trx) => {
        if (!(await closeHandoffRequest(trx, request.id, { ...close, at: now }))) return false;
        await saveTransitionIn(trx, deps.kind, stepToSave(deps, service, stored, result.result, { kind: 'system', id: null, role: null }, { at: now, origin: null, details: audit }));
        return true;
      });
      return { ok: true, recorded };
    } catch (error) {
      if (!(error instanceof CaseChangedError) || attempt >= 4) throw error;
    }
  }
}

async function closeOnly(deps: HandoffDeps, request: Pick<HandoffRequestRow, 'id' | 'case_id'>, close: Parameters<typeof closeHandoffRequest>[2], details: Record<string, string>): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    if (!(await closeHandoffRequest(trx, request.id, close))) return false;
    await appendAudit(trx, deps.kind, { at: close.at, actorId: null, actorRole: 'system', action: `handoff.${close.status}`, recordType: 'case', recordId: request.case_id, origin: null, details: { ...details, recordedOnCase: false } });
    return true;
  });
}

/** Each attempt to send, in the audit log: which request, which attempt, and what came of it (never the payload). */
async function auditAttempt(deps: HandoffDeps, request: HandoffRequestRow, at: Date, result: string): Promise<void> {
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.kind, {
      at,
      actorId: null,
      actorRole: 'system',
      action: 'handoff.send',
      recordType: 'case',
      recordId: request.case_id,
      origin: null,
      details: { handoff: request.handoff, requestId: request.id, attempt: Number(request.attempts) + 1, result },
    }),
  );
}

export interface HandoffDeliveryReport {
  answered: number;
  waiting: number;
  retrying: number;
  failed: number;
}

type AttemptOutcome = { kind: 'network-error'; error: string } | { kind: 'status'; status: number; reply: HandoffReply | undefined };

async function attempt(deps: HandoffDeps, url: string, secret: string, request: HandoffRequestRow, body: string): Promise<AttemptOutcome> {
  try {
    const response = await deps.handoffs.fetch(url, { method: 'POST', headers: signedHeaders(secret, request.id, body, deps.now()), body, signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
    const text = await response.text();
    let reply: HandoffReply | undefined;
    try {
      const parsed = HandoffReplySchema.safeParse(JSON.parse(text));
      reply = parsed.success ? parsed.data : undefined;
    } catch {
      reply = undefined;
    }
    return { kind: 'status', status: response.status, reply };
  } catch (error) {
    return { kind: 'network-error', error: error instanceof Error ? error.name : 'Error' };
  }
}

/**
 * One pass: claim the requests due, send each, and record what came of it. `origin`: the portal's
 * own (PUBLIC_URL, or the address it listens on), for the callback address and the development receiver.
 */
export async function deliverDueHandoffs(deps: HandoffDeps, options: { workerId: string; origin: string; limit?: number; leaseMs?: number }): Promise<HandoffDeliveryReport> {
  const report: HandoffDeliveryReport = { answered: 0, waiting: 0, retrying: 0, failed: 0 };
  const claimed = await claimDueHandoffs(deps.db, deps.kind, { workerId: options.workerId, now: deps.now(), leaseMs: options.leaseMs ?? 60_000, limit: options.limit ?? 20 });
  for (const request of claimed) {
    const stored = await findCaseById(deps.db, request.case_id);
    const handoff = stored ? deps.services.get(stored.service)?.handoffs?.[request.handoff] : undefined;
    const endpoint = handoffEndpoint(request.handoff, { settings: deps.handoffs.settings, environment: deps.handoffs.environment, origin: options.origin, developmentSecret: deps.handoffs.developmentSecret });
    if (!handoff || !endpoint) {
      // Nowhere to send it (production with no endpoint configured, a service no longer run): it waits, not counted as an attempt.
      await markHandoffRetry(deps.db, request.id, options.workerId, { error: 'no endpoint', nextAttemptAt: new Date(deps.now().getTime() + deps.handoffs.retry.maxDelayMs), count: false });
      deps.logger?.warn({ handoff: request.handoff, requestId: request.id }, 'hand-off has no endpoint: the request waits');
      continue;
    }
    const payload = JSON.parse(deps.crypto.decrypt(request.payload_enc, HANDOFF_PAYLOAD_CONTEXT)) as HandoffRequestBody['payload'];
    const body = JSON.stringify({ requestId: request.id, handoff: request.handoff, payload, callbackUrl: callbackUrl(options.origin, request.handoff) } satisfies HandoffRequestBody);
    const outcome = await attempt(deps, endpoint.url, endpoint.secret, request, body);
    const attempts = Number(request.attempts) + 1;
    const now = deps.now();
    if (outcome.kind === 'status' && outcome.reply?.status === 'answered' && outcome.status >= 200 && outcome.status < 300) {
      const recorded = await recordHandoffOutcome(deps, request, { status: 'answered', answer: outcome.reply.answer, attempt: true, via: 'reply' });
      if (recorded.ok) {
        await auditAttempt(deps, request, now, 'answered');
        report.answered += 1;
        continue;
      }
    } else if (outcome.kind === 'status' && (outcome.status === 202 || (outcome.status >= 200 && outcome.status < 300 && outcome.reply?.status === 'accepted'))) {
      if (await markHandoffWaiting(deps.db, request.id, options.workerId, now)) report.waiting += 1;
      await auditAttempt(deps, request, now, 'accepted');
      continue;
    }
    // Not an answer: a network error, a 5xx or 429 is tried again; anything else (a refused request, an answer not in the protocol) will not change by asking again.
    const error = outcome.kind === 'network-error' ? outcome.error : outcome.status >= 200 && outcome.status < 300 ? 'reply not in the protocol' : `HTTP ${outcome.status}`;
    const retryable = outcome.kind === 'network-error' || isRetryable({ kind: 'status', status: outcome.status });
    const delay = retryable ? handoffRetryDelayMs(attempts, deps.handoffs.random(), deps.handoffs.retry) : null;
    if (delay !== null) {
      await markHandoffRetry(deps.db, request.id, options.workerId, { error, nextAttemptAt: new Date(now.getTime() + delay), count: true });
      await auditAttempt(deps, request, now, `retry: ${error}`);
      report.retrying += 1;
      continue;
    }
    await auditAttempt(deps, request, now, `failed: ${error}`);
    await recordHandoffOutcome(deps, request, { status: 'failed', answer: handoff.failed({ attempts }), attempt: true, via: 'no-answer', error });
    deps.logger?.warn({ handoff: request.handoff, requestId: request.id, attempts, error }, 'hand-off failed: recorded on the case');
    report.failed += 1;
  }
  return report;
}

export type CallbackResult = { ok: true; recorded: boolean } | { ok: false; reason: 'not_found' | 'bad_signature' } | { ok: false; reason: 'invalid_answer'; error: ZodError };

/** A later answer, as the receiving system sends it: verified, then recorded once. */
export async function receiveHandoffCallback(
  deps: HandoffDeps,
  name: string,
  input: { rawBody: string; timestamp: string | undefined; signature: string | undefined; requestId: string; answer: HandoffAnswer },
): Promise<CallbackResult> {
  const secret = declaringService(deps.services, name) ? handoffSecret(deps.handoffs, name) : undefined;
  if (!secret) return { ok: false, reason: 'not_found' };
  if (!verifyHandoffSignature(secret, { timestamp: input.timestamp, signature: input.signature, body: input.rawBody, now: deps.now() }).ok) return { ok: false, reason: 'bad_signature' };
  const request = await findHandoffRequest(deps.db, input.requestId);
  if (!request || request.handoff !== name) return { ok: false, reason: 'not_found' };
  return recordHandoffOutcome(deps, request, { status: 'answered', answer: input.answer, attempt: false, via: 'callback' });
}

export type DevReceiveResult = { ok: true; status: 200 | 202; reply: HandoffReply } | { ok: false; reason: 'not_found' | 'bad_signature' };

/** The development receiver: verifies the request as the receiving system would, and answers as it would. */
export function receiveAsDevelopment(deps: Pick<HandoffDeps, 'services' | 'handoffs' | 'now'>, name: string, input: { rawBody: string; timestamp: string | undefined; signature: string | undefined; body: HandoffRequestBody }): DevReceiveResult {
  const handoff = declaringService(deps.services, name)?.handoffs?.[name];
  const secret = handoffSecret(deps.handoffs, name);
  if (!handoff || !secret) return { ok: false, reason: 'not_found' };
  const now = deps.now();
  if (!verifyHandoffSignature(secret, { timestamp: input.timestamp, signature: input.signature, body: input.rawBody, now }).ok) return { ok: false, reason: 'bad_signature' };
  const { requestId, payload } = input.body;
  const today = chinaDate(now);
  const reply = deps.handoffs.receiver.reply(requestId, () => {
    const mode = devReceiverMode(deps.handoffs.settings.devReceiverMode, payload);
    if (mode === 'refuse') return { reply: { status: 'answered', answer: handoff.simulate(payload, 'refusal', today) } };
    if (mode === 'immediate') return { reply: { status: 'answered', answer: handoff.simulate(payload, 'answer', today) } };
    return {
      reply: { status: 'accepted' },
      later: { requestId, handoff: name, callbackUrl: input.body.callbackUrl, answer: handoff.simulate(payload, 'answer', today), dueAt: now.getTime() + deps.handoffs.settings.devReceiverDelayMs },
    };
  });
  return { ok: true, status: reply.status === 'accepted' ? 202 : 200, reply };
}

/** The development receiver's callbacks whose time has come, sent signed as the receiving system sends them. */
export async function sendOwedCallbacks(deps: Pick<HandoffDeps, 'handoffs' | 'now' | 'logger'>): Promise<number> {
  let sent = 0;
  for (const owed of deps.handoffs.receiver.takeDue(deps.now().getTime())) {
    const secret = handoffSecret(deps.handoffs, owed.handoff);
    if (!secret) continue;
    const body = JSON.stringify({ requestId: owed.requestId, answer: owed.answer });
    try {
      const response = await deps.handoffs.fetch(owed.callbackUrl, { method: 'POST', headers: signedHeaders(secret, owed.requestId, body, deps.now()), body, signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
      await response.body?.cancel();
      if (response.status < 500) {
        sent += 1;
        continue;
      }
    } catch (error) {
      deps.logger?.warn({ err: error, requestId: owed.requestId }, 'development hand-off callback not delivered');
    }
    if (owed.tries + 1 < CALLBACK_TRIES) deps.handoffs.receiver.owe({ ...owed, tries: owed.tries + 1, dueAt: deps.now().getTime() + 5_000 });
  }
  return sent;
}

/** A hand-off's request as the workbench shows it. */
export interface HandoffView {
  handoff: string;
  requestId: string;
  /** 'sending' (not yet taken; `attempts` failed so far), 'waiting' (taken, the answer to come), 'answered', 'failed', 'superseded'. */
  status: 'sending' | 'waiting' | 'answered' | 'failed' | 'superseded';
  attempts: number;
  requestedAt: string;
  /** While sending after a failed attempt: when it is tried again. */
  nextAttemptAt: string | null;
  sentAt: string | null;
  answeredAt: string | null;
  /** The answer recorded (or the failure's), field by field as text. */
  answer: Record<string, string> | null;
}

const VIEW_STATUS: Readonly<Record<string, HandoffView['status']>> = { pending: 'sending', waiting: 'waiting', answered: 'answered', failed: 'failed', superseded: 'superseded' };

export async function caseHandoffs(deps: Pick<HandoffDeps, 'db' | 'crypto'>, caseId: string): Promise<HandoffView[]> {
  return (await caseHandoffRequests(deps.db, caseId)).map((row) => ({
    handoff: row.handoff,
    requestId: row.id,
    status: VIEW_STATUS[row.status] ?? 'sending',
    attempts: Number(row.attempts),
    requestedAt: row.created_at,
    nextAttemptAt: row.status === 'pending' && Number(row.attempts) > 0 ? row.next_attempt_at : null,
    sentAt: row.sent_at,
    answeredAt: row.answered_at,
    answer: row.answer_enc ? Object.fromEntries(Object.entries(JSON.parse(deps.crypto.decrypt(row.answer_enc, HANDOFF_ANSWER_CONTEXT)) as Record<string, unknown>).map(([key, value]) => [key, String(value)])) : null,
  }));
}

/**
 * This process's hand-off worker, a pass every `intervalMs` (api/server/main.ts runs it with the
 * other background passes): due requests sent, then, outside production, the development
 * receiver's callbacks that are due; one worker id for the process's life, its leases' holder.
 */
export function handoffPass(deps: HandoffDeps, origin: string, intervalMs: number): BackgroundPass {
  const workerId = `handoffs-${randomUUID()}`;
  const steps: PassStep[] = [{ run: () => deliverDueHandoffs(deps, { workerId, origin }), failure: 'hand-off pass failed' }];
  if (deps.handoffs.environment !== 'production') steps.push({ run: () => sendOwedCallbacks(deps), failure: 'development hand-off callbacks failed' });
  return { name: 'handoffs', intervalMs, steps };
}
