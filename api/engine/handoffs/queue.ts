/**
 * What a transition writes of its hand-offs, inside its own transaction (docs/decisions/044): the
 * request of the hand-off it names, its payload built from the application and encrypted; and, when
 * a member of staff records an answer by hand, the end of the requests still open, so that a late
 * automatic answer never records a second one.
 */
import type { Transaction } from 'kysely';
import { insertHandoffRequest, supersedeOpenRequests } from '../../db/handoffs.repo.ts';
import type { Database } from '../../db/schema.ts';
import type { TransitionDefinition } from '../../domain/workflow/workflow.ts';
import type { FieldCrypto } from '../../platform/field-crypto.ts';
import type { RegisteredCaseService } from '../../services/case-service.ts';
import { HandoffPayloadSchema } from './handoff.ts';

export const HANDOFF_PAYLOAD_CONTEXT = 'handoff_requests.payload';
export const HANDOFF_ANSWER_CONTEXT = 'handoff_requests.answer';

export class UndeclaredHandoffError extends Error {
  override name = 'UndeclaredHandoffError';
}

/**
 * @param application the case's answers, decrypted
 * @param byHand the transition is taken by someone other than the system
 */
export async function writeHandoffs(
  trx: Transaction<Database>,
  context: { crypto: Pick<FieldCrypto, 'encrypt'>; service: RegisteredCaseService; caseId: string; application: () => unknown; at: Date },
  transition: TransitionDefinition | undefined,
  byHand: boolean,
): Promise<void> {
  if (!transition) return;
  const declared = context.service.handoffs ?? {};
  if (byHand) {
    for (const [name, handoff] of Object.entries(declared)) if (handoff.records === transition.name) await supersedeOpenRequests(trx, context.caseId, name);
  }
  if (!transition.handoff) return;
  const handoff = declared[transition.handoff];
  // handoffProblems (a unit test of every service) catches this before it can happen.
  if (!handoff) throw new UndeclaredHandoffError(`${context.service.workflow.id}: ${transition.name} sends hand-off ${transition.handoff}, which the service does not declare`);
  // Checked as the receiving system will check it: a payload the protocol cannot carry fails the transition, not the worker later.
  const payload = HandoffPayloadSchema.parse(handoff.payload(context.application()));
  await insertHandoffRequest(trx, { caseId: context.caseId, handoff: transition.handoff, payloadEnc: context.crypto.encrypt(JSON.stringify(payload), HANDOFF_PAYLOAD_CONTEXT), at: context.at });
}
