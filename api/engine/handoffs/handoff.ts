/**
 * Hand-offs (docs/decisions/044): a transition that asks another system for something (the
 * household financial check, a department's part of a 身后一件事) names a hand-off; the case's
 * service declares it: what is sent (built from the application by a pure function: only what the
 * receiving system needs), the transition that records the answer (taken by 'system', whose input
 * schema checks the answer), and what that transition records when no answer comes. The protocol's
 * messages are the schemas below, one per concept, for the portal, its development receiver and
 * the tests alike.
 */
import { z } from 'zod';
import { textLine, textLines } from '../../domain/text.ts';
import { SAME_STATE, type ServiceDefinition } from '../../domain/workflow/workflow.ts';

/** A value a payload or an answer may carry: text (one or several lines), a number, a yes/no, nothing. */
const Scalar = z.union([textLines().max(2000), z.number(), z.boolean(), z.null()]);
const FieldName = textLine().min(1).max(60);

/**
 * What a hand-off sends: named values, and named lists of records (each household member's name and
 * ID number). Flat on purpose: a receiving system's interface is a form of fields, not a document.
 */
export const HandoffPayloadSchema = z.object({
  values: z.record(FieldName, Scalar).default({}),
  lists: z.record(FieldName, z.array(z.record(FieldName, Scalar)).max(50)).default({}),
});
export type HandoffPayload = z.input<typeof HandoffPayloadSchema>;

/** An answer as the recording transition takes it (its own input schema then checks the fields). */
export const HandoffAnswerSchema = z.record(FieldName, z.union([textLines().max(2000), z.number()]));
export type HandoffAnswer = z.infer<typeof HandoffAnswerSchema>;

/** The body of a request the portal sends (signed: ./signing.ts). */
export const HandoffRequestBodySchema = z.object({
  requestId: z.uuid(),
  handoff: textLine().min(1).max(60),
  payload: HandoffPayloadSchema,
  /** Where to send a later answer (POST, signed with the same secret). */
  callbackUrl: z.url({ protocol: /^https?$/ }).max(500),
});
export type HandoffRequestBody = z.infer<typeof HandoffRequestBodySchema>;

/** The receiving system's reply: the answer at once, or "accepted", the answer to come by callback. */
export const HandoffReplySchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('answered'), answer: HandoffAnswerSchema }),
  z.object({ status: z.literal('accepted') }),
]);
export type HandoffReply = z.infer<typeof HandoffReplySchema>;

/** A later answer, sent to the portal's callback (POST /api/v1/handoffs/{handoff}/results, signed). */
export const HandoffCallbackSchema = z.object({ requestId: z.uuid(), answer: HandoffAnswerSchema });
export type HandoffCallback = z.infer<typeof HandoffCallbackSchema>;

/** How the development receiver answers (./dev-receiver.ts). */
export const DEV_RECEIVER_MODES = ['immediate', 'delayed', 'refuse'] as const;
export type DevReceiverMode = (typeof DEV_RECEIVER_MODES)[number];

export interface HandoffDeclaration<Application> {
  /** What is sent, from the application: only what the receiving system needs (data minimisation). */
  payload(application: Application): HandoffPayload;
  /** The transition that records the answer on the case, taken by 'system'; its input schema checks the answer. */
  records: string;
  /** The recording transition's input when no answer came: after the last attempt, or a request the receiving system refused outright. */
  failed(failure: { attempts: number }): HandoffAnswer;
  /**
   * How the portal's development receiver answers in each mode, as the receiving system would
   * (development and tests only; production never calls it).
   */
  simulate(payload: HandoffPayload, reply: 'answer' | 'refusal', today: string): HandoffAnswer;
}

/** A service's hand-offs by name, as the registry holds them. */
export type HandoffDeclarations<Application> = Readonly<Record<string, HandoffDeclaration<Application>>>;

/** A hand-off's name as an environment variable's part: household-check → HOUSEHOLD_CHECK. */
export function handoffEnvName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/**
 * Problems between a workflow and its hand-offs (a unit test checks every service): a transition
 * naming an undeclared hand-off, a hand-off whose recording transition is missing, not the
 * system's, or moves the case (an answer is recorded where the case is, never moves it on by itself).
 */
export function handoffProblems(workflow: ServiceDefinition, handoffs: Readonly<Record<string, { records: string }>> = {}): string[] {
  const problems: string[] = [];
  for (const transition of workflow.transitions) {
    if (transition.handoff && !Object.hasOwn(handoffs, transition.handoff)) problems.push(`${transition.name}: hand-off ${transition.handoff} is not declared`);
  }
  for (const [name, handoff] of Object.entries(handoffs)) {
    const records = workflow.transitions.find((t) => t.name === handoff.records);
    if (!records) problems.push(`hand-off ${name}: recording transition ${handoff.records} is not defined`);
    else {
      if (!records.by.includes('system')) problems.push(`hand-off ${name}: ${records.name} is not taken by 'system'`);
      if (records.to !== SAME_STATE) problems.push(`hand-off ${name}: ${records.name} must stay in the case's state (${SAME_STATE})`);
      const senders = workflow.transitions.filter((t) => t.handoff === name);
      if (senders.length === 0) problems.push(`hand-off ${name}: no transition sends it`);
      // The answer is recorded in the state the request was sent from.
      for (const sender of senders) {
        const sentFrom = sender.to === SAME_STATE ? sender.from : [sender.to];
        for (const state of sentFrom) if (!records.from.includes(state)) problems.push(`hand-off ${name}: ${records.name} cannot be taken in ${state}, where ${sender.name} leaves the case`);
      }
    }
  }
  return problems;
}
