/**
 * The workbench's case page: what a staff member sees of one case and the actions they may take on
 * it now. Only the roles that handle the case's service read it, within their offices and service
 * areas (api/domain/staff/access.ts, docs/access-control.md); a case outside them is answered
 * exactly like an unknown one. Opening a case is audited (personal values masked); seeing them whole
 * is a separate, audited step. A system admin opens a case only by giving a reason (break glass),
 * kept with the case and in the audit log; the case page shows who looked at it and why.
 */
import { ownerFiles } from '../db/files.repo.ts';
import { caseEvidence } from '../db/case-evidence.repo.ts';
import { FILE_NAME_CONTEXT } from '../engine/files/files.ts';
import type { Kysely } from 'kysely';
import { z, ZodError } from 'zod';
import { caseAccessRecord, findLiveGrant, insertAccessGrant, type AccessRecord } from '../db/access-grants.repo.ts';
import { appendAudit } from '../db/audit.repo.ts';
import { PeopleBookedAgainError } from '../db/booking.repo.ts';
import { CaseChangedError, caseTimeline, findCaseByTrackingNumber, saveTransition, type StoredCase } from '../db/cases.repo.ts';
import type { DatabaseKind } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { chinaDate, chinaMinute } from '../domain/calendar/china-time.ts';
import type { WorkingDayCalendar } from '../domain/calendar/working-days.ts';
import type { Locale } from '../domain/guides/guide.schema.ts';
import { checkTrackingNumber, formatTrackingNumber } from '../domain/cases/tracking-number.ts';
import { BREAK_GLASS_MS, mayBreakGlass, mayReadCases, mayRevealCase } from '../domain/staff/access.ts';
import type { StaffMember } from '../domain/staff/staff.ts';
import {
  applyTransition,
  availableTransitions,
  deadlineStatus,
  laterTransitions,
  transitionFields,
  type Actor,
  type DeadlineStatus,
  type FieldControl,
} from '../domain/workflow/workflow.ts';
import type { FieldCrypto } from '../platform/field-crypto.ts';
import { isSaid, type AidCell } from '../services/decision-aid.ts';
import { BUILT_IN_SERVICES, maskAnswer, type AnswerRow, type DecisionAid, type RegisteredCaseService, type ServiceRegistry } from '../services/registry.ts';
import { ANSWERS_CONTEXT, EVIDENCE_CONTEXT, openedDetails, StepKeyTakenError, stepParams, stepToSave, withMoments, withSettings, withSteps } from './case-service.ts';
import { sourceRuleBook, type RuleBook } from '../engine/rules/live-rules.ts';
import type { RegistryOffices } from '../services/marriage/offices.ts';
import { serviceDataOf } from '../services/service-data.ts';
import { caseHandoffs, type HandoffView } from '../engine/handoffs/handoffs.ts';

/** The audited looks at a case that its record of access lists (each named in workbench.access.action). Opening one of its files is one. */
export const ACCESS_ACTIONS = ['case.view', 'case.reveal', 'case.break-glass', 'case.file.view', 'rating.comment.view'] as const;

export interface CaseWorkDeps {
  /** The portal's registry offices, which name an appointment's office (docs/decisions/035); absent: the demo's (a seed run outside a portal). */
  offices?: RegistryOffices;
  db: Kysely<Database>;
  kind: DatabaseKind;
  crypto: FieldCrypto;
  calendar: WorkingDayCalendar;
  now: () => Date;
  /** The rule tables the decision aid reads (docs/decisions/030); absent: their source files' rows alone (a seed run outside a portal). */
  rules?: RuleBook;
  /** The services this portal runs (the applicant side's registry, docs/decisions/029); absent: the built-in ones (a seed run outside a portal). */
  services?: ServiceRegistry;
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
  /**
   * `format`: `date`, a calendar day (YYYY-MM-DD) the page writes in its language; `year`, a birth
   * date masked to its year.
   */
  answers: { label: string; value: string; valueKey: boolean; format?: 'date' | 'year' }[];
  timeline: { at: string; transition: string; from: string; to: string; actorRole: string | null; visibility: string; details: Record<string, string> }[];
  deadlines: { key: string; startedOn: string; dueOn: string; status: DeadlineStatus }[];
  /** Legal periods the applicant has (a divorce's cooling-off period and the window after it). */
  periods: { key: string; from: string; to: string }[];
  actions: { name: string; fields: { name: string; control: FieldControl }[] }[];
  /** Actions the member may take later, not yet (a no-show once the appointment is over), with when (ISO, China time). */
  laterActions: { name: string; from: string }[];
  /** When the member reads the case by a break-glass reason: the reason and until when. */
  breakGlass: { reason: string; expiresAt: string } | null;
  /**
   * What the service's rules say to the member deciding the case, on today's date (高龄津贴: the
   * elder's age, the district's standard, the proposed approval), while it is undecided; null otherwise.
   */
  decisionAid: DecisionAid | null;
  /** Who looked at the case, and how (newest first): every view, whole view and break-glass reason. */
  access: { at: string; action: string; actorRole: string | null; actorName: string | null; reason: string | null }[];
  /** The case's files (docs/decisions/031), for a member who may open them (getCaseFile's rule); none for others. */
  files: { id: string; name: string; mediaType: string; size: number }[];
  /**
   * The documents the portal held itself in place of a file (docs/decisions/074): the purpose, the
   * case it was found in and where (a translation key), to the same members as the files.
   */
  evidenceOnRecord: { purpose: string; trackingNumber: string; place: string }[];
  /** The case's requests to other systems (docs/decisions/044), oldest first: sent, waiting, answered, failed after N attempts. */
  handoffs: HandoffView[];
}

export type OpenCaseResult = { ok: true; view: CaseWorkView } | { ok: false; reason: 'not_found' | 'break_glass_required' };

function staffActor(member: StaffMember): Actor {
  return { kind: 'staff', staffId: member.id, roles: member.roles, offices: member.offices, serviceAreas: member.serviceAreas };
}

/** The service of a stored case among those the portal runs (a case of a service it no longer runs is as if unknown). */
const serviceOf = (deps: Pick<CaseWorkDeps, 'services'>, stored: StoredCase): RegisteredCaseService | undefined => (deps.services ?? BUILT_IN_SERVICES).get(stored.service);

/** Where a document on record was found, as the submission sealed it (case-service.ts). */
const EvidenceReference = z.object({ trackingNumber: z.string(), place: z.string() });

/** The member handles the case's service at its office. */
function handles(deps: Pick<CaseWorkDeps, 'services'>, member: StaffMember, stored: StoredCase): boolean {
  const service = serviceOf(deps, stored);
  return service !== undefined && mayReadCases(member, service.workflow, stored.snapshot.office);
}

const mayReveal = (deps: Pick<CaseWorkDeps, 'services'>, member: StaffMember, stored: StoredCase) => {
  const service = serviceOf(deps, stored);
  return service !== undefined && mayRevealCase(member, service.workflow, stored.snapshot.office);
};

async function findCase(deps: CaseWorkDeps, trackingInput: string): Promise<StoredCase | undefined> {
  const checked = checkTrackingNumber(trackingInput);
  if (!checked.ok) return undefined;
  return findCaseByTrackingNumber(deps.db, checked.value);
}

/** A case the member handles (to act on it or see it whole): any other is as if unknown. */
async function handledCase(deps: CaseWorkDeps, member: StaffMember, trackingInput: string): Promise<StoredCase | undefined> {
  const stored = await findCase(deps, trackingInput);
  return stored && handles(deps, member, stored) ? stored : undefined;
}

type Readable = { ok: true; stored: StoredCase; grant: { reason: string; expiresAt: string } | null } | { ok: false; reason: 'not_found' | 'break_glass_required' };

/** A case the member may read: one they handle, or, for a system admin, one opened by a running break-glass grant. */
async function readableCase(deps: CaseWorkDeps, member: StaffMember, trackingInput: string): Promise<Readable> {
  const stored = await findCase(deps, trackingInput);
  if (!stored || !serviceOf(deps, stored)) return { ok: false, reason: 'not_found' };
  if (handles(deps, member, stored)) return { ok: true, stored, grant: null };
  if (!mayBreakGlass(member)) return { ok: false, reason: 'not_found' };
  const grant = await findLiveGrant(deps.db, stored.id, member.id, deps.now());
  return grant ? { ok: true, stored, grant } : { ok: false, reason: 'break_glass_required' };
}

/** A China wall-clock minute ('YYYY-MM-DDTHH:MM') as an ISO 8601 time with its offset. */
const chinaIso = (minute: string) => `${minute}:00+08:00`;

async function viewOf(deps: CaseWorkDeps, member: StaffMember, read: StoredCase, reveal: boolean, lang: Locale, grant: { reason: string; expiresAt: string } | null = null): Promise<CaseWorkView> {
  const service = serviceOf(deps, read);
  // Every caller found the case through readableCase or handledCase, which answer an unknown service as an unknown case.
  if (!service) throw new Error(`case of a service this portal does not run: ${read.service}`);
  const now = deps.now();
  // What the actions' conditions read: an appointment's moments, the local rules in force today, the steps taken.
  const stored = withSettings(deps, await withSteps(deps, await withMoments(deps, read)), chinaDate(now));
  const application: unknown = JSON.parse(deps.crypto.decrypt(stored.answersEnc, ANSWERS_CONTEXT));
  const clock = { today: chinaDate(now), time: chinaMinute(now), calendar: deps.calendar };
  const [events, access] = await Promise.all([caseTimeline(deps.db, stored.id), caseAccessRecord(deps.db, stored.id, ACCESS_ACTIONS)]);
  return {
    trackingNumber: formatTrackingNumber(stored.trackingNumber),
    service: stored.service,
    state: stored.snapshot.state,
    version: stored.snapshot.version,
    office: stored.snapshot.office,
    submittedAt: stored.createdAt,
    revealed: reveal,
    mayReveal: mayReveal(deps, member, stored),
    answers: service.answerRows(application, lang, serviceDataOf(deps)).map((row) => answerView(row, reveal)),
    timeline: events.map((event) => ({
      at: event.at,
      transition: event.transition,
      from: event.from_state ?? '',
      to: event.to_state,
      actorRole: event.actor_role,
      visibility: event.visibility,
      // The member handles the case: what it sealed (an opinion, an objection and who made it) is theirs to read.
      details: openedDetails(deps.crypto, service, event.transition, event.input_json),
    })),
    deadlines: stored.snapshot.deadlines.map((deadline) => ({ key: deadline.key, startedOn: deadline.startedOn, dueOn: deadline.dueOn, status: deadlineStatus(deadline, clock) })),
    periods: [...(stored.snapshot.periods ?? [])],
    // Reading by a break-glass reason is reading, not working the case.
    actions: grant ? [] : availableTransitions(service.workflow, stored.snapshot, staffActor(member), clock.today, clock.time).map((transition) => ({ name: transition.name, fields: transitionFields(transition) })),
    laterActions: grant ? [] : laterTransitions(service.workflow, stored.snapshot, staffActor(member), clock.today, clock.time).map(({ transition, from }) => ({ name: transition.name, from: chinaIso(from) })),
    breakGlass: grant,
    decisionAid: maskedAid(service.workflow.states[stored.snapshot.state]?.terminal ? undefined : service.decisionAid?.(application, clock.today, deps.rules ?? sourceRuleBook()), reveal),
    access: access.map(accessRow),
    // A file is one of the case's whole values: listed to those who may open it, and not by break glass.
    handoffs: await caseHandoffs(deps, stored.id),
    files: !grant && mayReveal(deps, member, stored) ? (await ownerFiles(deps.db, { kind: 'case', id: stored.id })).map((file) => ({ id: file.id, name: deps.crypto.decrypt(file.name_enc, FILE_NAME_CONTEXT), mediaType: file.media_type, size: Number(file.size) })) : [],
    evidenceOnRecord: !grant && mayReveal(deps, member, stored) ? (await caseEvidence(deps.db, stored.id)).map((row) => ({ purpose: row.purpose, ...EvidenceReference.parse(JSON.parse(deps.crypto.decrypt(row.referenceEnc, EVIDENCE_CONTEXT))) })) : [],
  };
}

/** An answer as the workbench shows it: masked unless revealed; a birth date masked to its year. */
function answerView(row: AnswerRow, reveal: boolean): CaseWorkView['answers'][number] {
  const base = { label: row.label, valueKey: row.valueKey ?? false };
  if (row.personal === 'birth') return reveal ? { ...base, value: row.value, format: 'date' } : { ...base, value: row.value.slice(0, 4), format: 'year' };
  return { ...base, value: reveal ? row.value : maskAnswer(row), ...(row.format ? { format: row.format } : {}) };
}

/** The aid with its personal cells masked as the answers are, unless the member asked to see them whole. */
function maskedAid(aid: DecisionAid | undefined, reveal: boolean): DecisionAid | null {
  if (!aid) return null;
  if (reveal) return aid;
  const cell = (value: AidCell): AidCell => (isSaid(value) || !value.personal ? value : { text: maskAnswer({ label: '', value: value.text, personal: value.personal }) });
  return {
    ...aid,
    facts: aid.facts.map((fact) => ({ ...fact, value: cell(fact.value) })),
    tables: aid.tables.map((table) => ({ ...table, rows: table.rows.map((row) => ({ ...row, header: cell(row.header), cells: row.cells.map(cell) })) })),
  };
}

function accessRow(record: AccessRecord): CaseWorkView['access'][number] {
  const reason = record.details['reason'];
  return { at: record.at, action: record.action, actorRole: record.actorRole, actorName: record.actorName, reason: typeof reason === 'string' ? reason : null };
}

async function auditLook(deps: CaseWorkDeps, member: StaffMember, stored: StoredCase, action: 'case.view' | 'case.reveal', origin: string | null, grant: { reason: string } | null = null) {
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.kind, {
      at: deps.now(),
      actorId: member.id,
      actorRole: member.roles.join(','),
      action,
      recordType: 'case',
      recordId: stored.id,
      origin,
      ...(grant ? { details: { reason: grant.reason } } : {}),
    }),
  );
}

/** The case as the member may see it; every look is in the audit chain. */
export async function openCase(deps: CaseWorkDeps, member: StaffMember, trackingInput: string, origin: string | null, lang: Locale): Promise<OpenCaseResult> {
  const readable = await readableCase(deps, member, trackingInput);
  if (!readable.ok) return readable;
  await auditLook(deps, member, readable.stored, 'case.view', origin, readable.grant);
  return { ok: true, view: await viewOf(deps, member, readable.stored, false, lang, readable.grant) };
}

export type RevealResult = { ok: true; view: CaseWorkView } | { ok: false; reason: 'not_found' | 'not_permitted' };

/** The whole ID numbers, phones and account: only for the roles that handle the case, and audited as such. */
export async function revealCase(deps: CaseWorkDeps, member: StaffMember, trackingInput: string, origin: string | null, lang: Locale): Promise<RevealResult> {
  const readable = await readableCase(deps, member, trackingInput);
  if (!readable.ok) return { ok: false, reason: 'not_found' };
  if (!mayReveal(deps, member, readable.stored)) return { ok: false, reason: 'not_permitted' };
  await auditLook(deps, member, readable.stored, 'case.reveal', origin);
  return { ok: true, view: await viewOf(deps, member, readable.stored, true, lang) };
}

/**
 * A case whose whole personal values the member may see, as revealCase decides it: its files are
 * such values (an ID card's scan cannot be masked), so only the roles that handle the case open
 * them; a system admin reading by a break-glass reason may not (`not_permitted`), anyone else
 * learns nothing (`not_found`).
 */
export async function caseForWholeValues(deps: CaseWorkDeps, member: StaffMember, trackingInput: string): Promise<{ ok: true; caseId: string } | { ok: false; reason: 'not_found' | 'not_permitted' }> {
  const readable = await readableCase(deps, member, trackingInput);
  if (!readable.ok) return { ok: false, reason: 'not_found' };
  if (!mayReveal(deps, member, readable.stored)) return { ok: false, reason: 'not_permitted' };
  return { ok: true, caseId: readable.stored.id };
}

export type BreakGlassResult = { ok: true; view: CaseWorkView } | { ok: false; reason: 'not_found' | 'not_permitted' };

/**
 * A system admin opens a case it may not otherwise read, saying why (BreakGlassSchema checked the
 * reason): the grant (for BREAK_GLASS_MS) and its audit entry are saved together, and the reason
 * shows on the case's record of access.
 */
export async function breakGlass(deps: CaseWorkDeps, member: StaffMember, trackingInput: string, why: string, origin: string | null, lang: Locale): Promise<BreakGlassResult> {
  if (!mayBreakGlass(member)) return { ok: false, reason: 'not_permitted' };
  const stored = await findCase(deps, trackingInput);
  if (!stored || !serviceOf(deps, stored)) return { ok: false, reason: 'not_found' };
  const now = deps.now();
  const grant = { reason: why, expiresAt: new Date(now.getTime() + BREAK_GLASS_MS).toISOString() };
  await deps.db.transaction().execute(async (trx) => {
    await insertAccessGrant(trx, { caseId: stored.id, staffId: member.id, reason: why, grantedAt: now, expiresAt: new Date(grant.expiresAt) });
    await appendAudit(trx, deps.kind, { at: now, actorId: member.id, actorRole: member.roles.join(','), action: 'case.break-glass', recordType: 'case', recordId: stored.id, origin, details: { reason: why, until: grant.expiresAt } });
  });
  return { ok: true, view: await viewOf(deps, member, stored, false, lang, grant) };
}

export interface StaffAction {
  transition: string;
  /** The version the member's page showed. */
  version: number;
  input: Record<string, unknown>;
}

/** Why a step was not taken: the same for the page's action and for a step taken without a page. */
type StepRefusal =
  | { ok: false; reason: 'not_found' | 'not_permitted' | 'changed' | 'booked_again' }
  /** Not at this time: possible from `from`, or no longer since `until` (ISO, China time); neither when there is nothing it applies to. */
  | { ok: false; reason: 'not_now'; from?: string; until?: string }
  | { ok: false; reason: 'invalid_input'; error: ZodError };

export type ActResult = { ok: true; view: CaseWorkView } | StepRefusal;

/**
 * A staff member takes a transition. Saved whole or not at all (state, timeline, audit, notification);
 * a page read before someone else acted gets 'changed', never a second transition. Answers the case
 * page as it now is.
 */
export async function actOnCase(deps: CaseWorkDeps, member: StaffMember, trackingInput: string, action: StaffAction, origin: string | null, lang: Locale): Promise<ActResult> {
  const taken = await takeStaffStep(deps, member, trackingInput, action, origin);
  if (!taken.ok) return taken;
  return { ok: true, view: await viewOf(deps, member, taken.stored, false, lang) };
}

/**
 * actOnCase's step without the page it answers: the case as it now is (the demo cases take their
 * steps so at start, where each page would be made only to be thrown away).
 */
export async function takeStaffStep(deps: CaseWorkDeps, member: StaffMember, trackingInput: string, action: StaffAction, origin: string | null): Promise<{ ok: true; stored: StoredCase } | StepRefusal> {
  const handled = await handledCase(deps, member, trackingInput);
  if (!handled) return { ok: false, reason: 'not_found' };
  if (handled.snapshot.version !== action.version) return { ok: false, reason: 'changed' };
  const service = serviceOf(deps, handled);
  if (!service) return { ok: false, reason: 'not_found' };
  // Some transitions belong to a use case of their own (an office closing a booked day), not to one case's page.
  if (service.workflow.transitions.find((t) => t.name === action.transition)?.workbench === false) return { ok: false, reason: 'not_permitted' };
  const now = deps.now();
  const stored = withSettings(deps, await withSteps(deps, await withMoments(deps, handled)), chinaDate(now));
  const outcome = applyTransition(service.workflow, stored.snapshot, action.transition, staffActor(member), action.input, { today: chinaDate(now), time: chinaMinute(now), calendar: deps.calendar });
  if (!outcome.ok) {
    const { refusal } = outcome;
    if (refusal.code === 'invalid_input') return { ok: false, reason: 'invalid_input', error: refusal.error };
    // Too early (a no-show before the appointment is over) or too late (an undo on a later day).
    if (refusal.code === 'not_now') return { ok: false, reason: 'not_now', ...(refusal.from ? { from: chinaIso(refusal.from) } : {}), ...(refusal.until ? { until: chinaIso(refusal.until) } : {}) };
    // The state moved on under the page (or the action never applied to it): the member reloads.
    if (refusal.code === 'wrong_state') return { ok: false, reason: 'changed' };
    if (refusal.code === 'out_of_scope') return { ok: false, reason: 'not_found' };
    return { ok: false, reason: 'not_permitted' };
  }
  const { result } = outcome;
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
        // The text to the applicant gets what the step decided, not the office's working record (an opinion); sealed in the outbox.
        params: stepParams(deps.crypto, service, result.event.transition, result.event.input),
      }),
    );
  } catch (error) {
    if (error instanceof CaseChangedError) return { ok: false, reason: 'changed' };
    if (error instanceof PeopleBookedAgainError) return { ok: false, reason: 'booked_again' };
    // Another case has what the step names (a numbered place): refused next to the field, as bad input is.
    if (error instanceof StepKeyTakenError) return { ok: false, reason: 'invalid_input', error: new ZodError([{ code: 'custom', path: [error.field], message: error.messageKey, input: undefined }]) };
    throw error;
  }
  const updated = await findCaseByTrackingNumber(deps.db, stored.trackingNumber);
  if (!updated) throw new Error('a case disappeared while it was being changed');
  return { ok: true, stored: updated };
}
