/**
 * The workbench's case page: what a staff member sees of one case and the actions they may take on
 * it now. Opening a case is audited (personal values masked); seeing them whole is a separate,
 * audited step for the roles that handle cases. A case outside the member's offices or service
 * areas is answered exactly like an unknown one.
 */
import type { Kysely } from 'kysely';
import type { ZodError } from 'zod';
import { appendAudit } from '../db/audit.repo.ts';
import { CaseChangedError, caseTimeline, findCaseByTrackingNumber, saveTransition, type StoredCase } from '../db/cases.repo.ts';
import type { DatabaseKind } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import type { WorkingDayCalendar } from '../domain/calendar/working-days.ts';
import type { Locale } from '../domain/guides/guide.schema.ts';
import { checkTrackingNumber, formatTrackingNumber } from '../domain/cases/tracking-number.ts';
import type { StaffMember, StaffRole } from '../domain/staff/staff.ts';
import {
  applyTransition,
  availableTransitions,
  deadlineStatus,
  transitionFields,
  type Actor,
  type DeadlineStatus,
  type FieldControl,
} from '../domain/workflow/workflow.ts';
import type { FieldCrypto } from '../platform/field-crypto.ts';
import { CASE_SERVICES, maskAnswer, type CaseServiceId } from '../services/registry.ts';
import { ANSWERS_CONTEXT, eventDetails, stepToSave } from './case-service.ts';

/** The roles whose work needs the whole ID number, phone or account (checking documents, paying). */
export const REVEAL_ROLES: readonly StaffRole[] = ['intake', 'investigator', 'reviewer', 'approver'];

export interface CaseWorkDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  crypto: FieldCrypto;
  calendar: WorkingDayCalendar;
  now: () => Date;
}

export interface CaseWorkView {
  trackingNumber: string;
  service: string;
  state: string;
  /** The version the page was read at; an action sends it back, so a stale page cannot act. */
  version: number;
  office: string;
  submittedAt: string;
  revealed: boolean;
  mayReveal: boolean;
  answers: { label: string; value: string; valueKey: boolean }[];
  timeline: { at: string; transition: string; from: string; to: string; actorRole: string | null; visibility: string; details: Record<string, string> }[];
  deadlines: { key: string; startedOn: string; dueOn: string; status: DeadlineStatus }[];
  /** Legal periods the applicant has (a divorce's cooling-off period and the window after it). */
  periods: { key: string; from: string; to: string }[];
  actions: { name: string; fields: { name: string; control: FieldControl }[] }[];
}

export type OpenCaseResult = { ok: true; view: CaseWorkView } | { ok: false; reason: 'not_found' };

function staffActor(member: StaffMember): Actor {
  return { kind: 'staff', staffId: member.id, roles: member.roles, offices: member.offices, serviceAreas: member.serviceAreas };
}

function mayRead(member: StaffMember, stored: StoredCase): boolean {
  const service = CASE_SERVICES[stored.service as CaseServiceId];
  if (!service) return false;
  if (member.roles.includes('system-admin')) return true;
  return member.offices.includes(stored.snapshot.office) && member.serviceAreas.includes(service.workflow.serviceArea);
}

const mayReveal = (member: StaffMember) => member.roles.some((role) => REVEAL_ROLES.includes(role));

async function readableCase(deps: CaseWorkDeps, member: StaffMember, trackingInput: string): Promise<StoredCase | undefined> {
  const checked = checkTrackingNumber(trackingInput);
  if (!checked.ok) return undefined;
  const stored = await findCaseByTrackingNumber(deps.db, checked.value);
  return stored && mayRead(member, stored) ? stored : undefined;
}

async function viewOf(deps: CaseWorkDeps, member: StaffMember, stored: StoredCase, reveal: boolean, lang: Locale): Promise<CaseWorkView> {
  const service = CASE_SERVICES[stored.service as CaseServiceId];
  const application = JSON.parse(deps.crypto.decrypt(stored.answersEnc, ANSWERS_CONTEXT)) as Parameters<typeof service.answerRows>[0];
  const clock = { today: chinaDate(deps.now()), calendar: deps.calendar };
  const events = await caseTimeline(deps.db, stored.id, 'all');
  return {
    trackingNumber: formatTrackingNumber(stored.trackingNumber),
    service: stored.service,
    state: stored.snapshot.state,
    version: stored.snapshot.version,
    office: stored.snapshot.office,
    submittedAt: stored.createdAt,
    revealed: reveal,
    mayReveal: mayReveal(member),
    answers: service.answerRows(application, lang).map((row) => ({ label: row.label, value: reveal ? row.value : maskAnswer(row), valueKey: row.valueKey ?? false })),
    timeline: events.map((event) => ({
      at: event.at,
      transition: event.transition,
      from: event.from_state ?? '',
      to: event.to_state,
      actorRole: event.actor_role,
      visibility: event.visibility,
      details: eventDetails(event.input_json),
    })),
    deadlines: stored.snapshot.deadlines.map((deadline) => ({ key: deadline.key, startedOn: deadline.startedOn, dueOn: deadline.dueOn, status: deadlineStatus(deadline, clock) })),
    periods: [...(stored.snapshot.periods ?? [])],
    actions: availableTransitions(service.workflow, stored.snapshot, staffActor(member), clock.today).map((transition) => ({ name: transition.name, fields: transitionFields(transition) })),
  };
}

async function auditLook(deps: CaseWorkDeps, member: StaffMember, stored: StoredCase, action: 'case.view' | 'case.reveal', origin: string | null) {
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.kind, { at: deps.now(), actorId: member.id, actorRole: member.roles.join(','), action, recordType: 'case', recordId: stored.id, origin }),
  );
}

/** The case as the member may see it; every look is in the audit chain. */
export async function openCase(deps: CaseWorkDeps, member: StaffMember, trackingInput: string, origin: string | null, lang: Locale): Promise<OpenCaseResult> {
  const stored = await readableCase(deps, member, trackingInput);
  if (!stored) return { ok: false, reason: 'not_found' };
  await auditLook(deps, member, stored, 'case.view', origin);
  return { ok: true, view: await viewOf(deps, member, stored, false, lang) };
}

export type RevealResult = OpenCaseResult | { ok: false; reason: 'not_permitted' };

/** The whole ID numbers, phones and account: only for the roles that handle cases, and audited as such. */
export async function revealCase(deps: CaseWorkDeps, member: StaffMember, trackingInput: string, origin: string | null, lang: Locale): Promise<RevealResult> {
  const stored = await readableCase(deps, member, trackingInput);
  if (!stored) return { ok: false, reason: 'not_found' };
  if (!mayReveal(member)) return { ok: false, reason: 'not_permitted' };
  await auditLook(deps, member, stored, 'case.reveal', origin);
  return { ok: true, view: await viewOf(deps, member, stored, true, lang) };
}

export interface StaffAction {
  transition: string;
  /** The version the member's page showed. */
  version: number;
  input: Record<string, unknown>;
}

export type ActResult =
  | { ok: true; view: CaseWorkView }
  | { ok: false; reason: 'not_found' | 'not_permitted' | 'changed' }
  | { ok: false; reason: 'invalid_input'; error: ZodError };

/**
 * A staff member takes a transition. Saved whole or not at all (state, timeline, audit, notification);
 * a page read before someone else acted gets 'changed', never a second transition.
 */
export async function actOnCase(deps: CaseWorkDeps, member: StaffMember, trackingInput: string, action: StaffAction, origin: string | null, lang: Locale): Promise<ActResult> {
  const stored = await readableCase(deps, member, trackingInput);
  if (!stored) return { ok: false, reason: 'not_found' };
  if (stored.snapshot.version !== action.version) return { ok: false, reason: 'changed' };
  const service = CASE_SERVICES[stored.service as CaseServiceId];
  // Some transitions belong to a use case of their own (an office closing a booked day), not to one case's page.
  if (service.workflow.transitions.find((t) => t.name === action.transition)?.workbench === false) return { ok: false, reason: 'not_permitted' };
  const now = deps.now();
  const outcome = applyTransition(service.workflow, stored.snapshot, action.transition, staffActor(member), action.input, { today: chinaDate(now), calendar: deps.calendar });
  if (!outcome.ok) {
    const { refusal } = outcome;
    if (refusal.code === 'invalid_input') return { ok: false, reason: 'invalid_input', error: refusal.error };
    // The state moved on under the page (or the action never applied to it): the member reloads.
    if (refusal.code === 'wrong_state') return { ok: false, reason: 'changed' };
    if (refusal.code === 'out_of_scope') return { ok: false, reason: 'not_found' };
    return { ok: false, reason: 'not_permitted' };
  }
  const { result } = outcome;
  const details = result.event.input && typeof result.event.input === 'object' ? (result.event.input as Record<string, unknown>) : {};
  const role = member.roles.find((r) => service.workflow.transitions.find((t) => t.name === action.transition)?.by.includes(r)) ?? null;
  try {
    // What the step does to the appointment and its people goes with it (a cancelled place goes back; an ended case frees its people).
    await saveTransition(
      deps.db,
      deps.kind,
      stepToSave(deps, service, stored, result, { kind: 'staff', id: member.id, role }, {
        at: now,
        origin,
        details: { from: result.event.from, to: result.event.to },
        params: Object.fromEntries(Object.entries(details).map(([key, value]) => [key, String(value)])),
      }),
    );
  } catch (error) {
    if (error instanceof CaseChangedError) return { ok: false, reason: 'changed' };
    throw error;
  }
  const updated = await findCaseByTrackingNumber(deps.db, stored.trackingNumber);
  if (!updated) throw new Error('a case disappeared while it was being changed');
  return { ok: true, view: await viewOf(deps, member, updated, false, lang) };
}
