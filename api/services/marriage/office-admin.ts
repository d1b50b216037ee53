/**
 * An office admin's schedule of a registry office: the weekly sessions, the slot length, the places
 * per slot per kind, the booking window, and closed days. Office admins act on the offices their
 * own staff office runs, system admins on every office; every change is audited.
 *
 * A change is written in one transaction with what it does to what is booked (the rules are in
 * api/engine/booking/schedule-admin.ts): existing slots get the new capacity (never below what is
 * taken), and closing a day with appointments cancels each of them through its service's
 * `cancel-by-office` transition (timeline, audit, the applicant's SMS with a link to book again),
 * releasing its place, once the admin has seen and confirmed the list. All of it, or nothing.
 */
import { serviceDataOf } from '../service-data.ts';
import type { Kysely, Transaction } from 'kysely';
import type { ZodError } from 'zod';
import { appendAudit } from '../../db/audit.repo.ts';
import { activeAppointmentsFrom, appointmentsOnDay, closePlacesOfDay, placesFrom, reopenPlacesOfDay, setCapacityFrom } from '../../db/booking.repo.ts';
import { findCaseById, saveTransitionIn } from '../../db/cases.repo.ts';
import type { DatabaseKind } from '../../db/connect.ts';
import { changeOfficeSchedule, findOfficeSchedule } from '../../db/office-schedules.repo.ts';
import type { Database } from '../../db/schema.ts';
import { chinaDate } from '../../domain/calendar/china-time.ts';
import type { WorkingDayCalendar } from '../../domain/calendar/working-days.ts';
import { placeKey, slotsOn, type ResourceSchedule } from '../../engine/booking/schedule.ts';
import {
  checkSettingsChange,
  closureDateSchema,
  closureImpact,
  closureRequestSchema,
  maskName,
  slotsNotReduced,
  withClosure,
  withoutClosure,
  type BookedAppointment,
  type ScheduleSettings,
} from '../../engine/booking/schedule-admin.ts';
import { formatTrackingNumber } from '../../domain/cases/tracking-number.ts';
import { maskDocumentNumber } from '../../domain/identity/id-document.ts';
import type { StaffMember, StaffRole } from '../../domain/staff/staff.ts';
import { applyTransition, type Actor } from '../../domain/workflow/workflow.ts';
import { isLocale } from '../../i18n/index.ts';
import type { FieldCrypto } from '../../platform/field-crypto.ts';
import { officeText, type RegistryOffice, type RegistryOffices } from './offices.ts';
import { CASE_SERVICES, type CaseServiceId } from '../registry.ts';
import { ANSWERS_CONTEXT, stepToSave } from '../../cases/case-service.ts';
import type { LiveRegistryOffices } from './office-schedules.ts';

/** The transition a closure takes on each appointment of the day, in whatever service booked it. */
export const CANCEL_BY_OFFICE = 'cancel-by-office';

export interface OfficeAdminDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  crypto: FieldCrypto;
  calendar: WorkingDayCalendar;
  now: () => Date;
  /** The portal's offices: read, and refreshed once a change is saved (docs/decisions/035). */
  offices: LiveRegistryOffices;
}

export const ADMIN_ROLES: readonly StaffRole[] = ['office-admin', 'system-admin'];

export function isOfficeAdmin(member: StaffMember): boolean {
  return member.roles.some((role) => ADMIN_ROLES.includes(role));
}

/** The registry offices a member administers: those their own staff office runs (all, for a system admin). */
export function administeredOffices(offices: Pick<RegistryOffices, 'all'>, member: StaffMember): RegistryOffice[] {
  if (member.roles.includes('system-admin')) return [...offices.all()];
  if (!member.roles.includes('office-admin')) return [];
  return offices.all().filter((office) => member.offices.includes(office.office));
}

export type OfficeAccess = { ok: true; office: RegistryOffice; role: StaffRole } | { ok: false; reason: 'not_permitted' | 'not_found' };

/** Not an admin: not permitted; an office that does not exist or is not theirs: not found (as a case outside one's scope). */
export function officeAccess(offices: Pick<RegistryOffices, 'all'>, member: StaffMember, officeId: string): OfficeAccess {
  if (!isOfficeAdmin(member)) return { ok: false, reason: 'not_permitted' };
  const office = administeredOffices(offices, member).find((candidate) => candidate.id === officeId);
  if (!office) return { ok: false, reason: 'not_found' };
  return { ok: true, office, role: member.roles.includes('system-admin') ? 'system-admin' : 'office-admin' };
}

export interface OfficeScheduleView {
  id: string;
  office: string;
  /** Whether an admin has changed it (else it is the file's or the demo's). */
  customised: boolean;
  updatedAt: string | null;
  schedule: ResourceSchedule;
  /** Appointments from today on: while there are any, the slot length stays. */
  futureAppointments: number;
}

/** The office's schedule as stored (not the cache, which another process may refresh a minute later). */
export async function officeScheduleView(deps: Pick<OfficeAdminDeps, 'db' | 'now'> & { offices: RegistryOffices }, office: RegistryOffice): Promise<OfficeScheduleView> {
  const stored = await findOfficeSchedule(deps.db, office.id);
  const booked = await activeAppointmentsFrom(deps.db, office.id, chinaDate(deps.now()));
  return {
    id: office.id,
    office: office.office,
    customised: stored !== undefined,
    updatedAt: stored?.updatedAt ?? null,
    schedule: stored?.schedule ?? configuredSchedule(deps.offices, office),
    futureAppointments: booked.length,
  };
}

/** The schedule an office follows until an admin changes it: its offices file's, or the demo's. */
export function configuredSchedule(offices: Pick<RegistryOffices, 'configured'>, office: RegistryOffice): ResourceSchedule {
  return offices.configured(office.id)?.schedule ?? office.schedule;
}

export type SettingsResult =
  | { ok: true; slotsNotReduced: number }
  | { ok: false; reason: 'slot_length_locked'; futureAppointments: number }
  | { ok: false; reason: 'sessions_have_appointments'; appointments: BookedAppointment[] };

/**
 * New weekly sessions, slot length, places and window. Existing slots take the new capacity from
 * today on, except where more places are taken already: those keep exactly what is taken, and are
 * counted in `slotsNotReduced`.
 */
export async function changeSettings(deps: OfficeAdminDeps, member: StaffMember, office: RegistryOffice, settings: ScheduleSettings, origin: string | null): Promise<SettingsResult> {
  const now = deps.now();
  const today = chinaDate(now);
  const result = await changeOfficeSchedule<SettingsResult>(deps.db, deps.kind, office.id, configuredSchedule(deps.offices, office), now, async (trx, current) => {
    const checked = checkSettingsChange(current, settings, await activeAppointmentsFrom(trx, office.id, today), deps.calendar);
    if (!checked.ok) {
      const { refusal } = checked;
      return { save: null, result: refusal.code === 'slot_length_locked' ? { ok: false, reason: refusal.code, futureAppointments: refusal.futureAppointments } : { ok: false, reason: refusal.code, appointments: refusal.appointments } };
    }
    let notReduced = 0;
    for (const [kind, capacity] of Object.entries(checked.schedule.placesPerSlot)) {
      const open = (await placesFrom(trx, office.id, kind, today)).filter((row) => !checked.schedule.closures.includes(row.date));
      notReduced += slotsNotReduced(open, capacity);
      await setCapacityFrom(trx, office.id, kind, today, capacity, checked.schedule.closures);
    }
    await appendAudit(trx, deps.kind, {
      at: now,
      actorId: member.id,
      actorRole: member.roles.join(','),
      action: 'offices.schedule.change',
      recordType: 'registry_office',
      recordId: office.id,
      origin,
      details: { before: { slotMinutes: current.slotMinutes, placesPerSlot: current.placesPerSlot, window: current.window }, after: settings, slotsNotReduced: notReduced },
    });
    return { save: checked.schedule, by: member.id, result: { ok: true, slotsNotReduced: notReduced } };
  });
  if (result.ok) await deps.offices.refresh();
  return result;
}

export interface AffectedAppointment {
  trackingNumber: string;
  date: string;
  start: string;
  end: string;
  kind: string;
  /** Masked: an office admin tells appointments apart, the clerk's day shows who is coming. */
  people: { name: string; idNumber: string }[];
}

type DayRow = Awaited<ReturnType<typeof appointmentsOnDay>>[number];

/** What an admin is shown of an appointment a change would cancel: names and ID numbers masked. */
export function affectedView(deps: Pick<OfficeAdminDeps, 'crypto'> & { offices: RegistryOffices }, row: DayRow & { service: string }): AffectedAppointment {
  const service = CASE_SERVICES[row.service as CaseServiceId];
  // Only names and ID numbers are read, which no language changes.
  const rows = service ? service.answerRows(JSON.parse(deps.crypto.decrypt(row.answersEnc, ANSWERS_CONTEXT)), 'zh-CN', serviceDataOf(deps)) : [];
  // The service's own answer rows say which values are names and which ID numbers, in order of the people.
  const names = rows.filter((answer) => answer.label.endsWith('.name'));
  const ids = rows.filter((answer) => answer.personal === 'id');
  return {
    trackingNumber: row.trackingNumber,
    date: row.date,
    start: row.start,
    end: row.end,
    kind: row.kind,
    people: names.map((name, index) => ({ name: maskName(name.value), idNumber: maskDocumentNumber(ids[index]?.value ?? '') })),
  };
}

/** Appointments with their tracking numbers as people write them and the service that booked each. */
export async function withServices(db: Kysely<Database>, rows: readonly DayRow[]) {
  return Promise.all(
    rows.map(async (row) => ({ ...row, trackingNumber: formatTrackingNumber(row.trackingNumber), service: (await findCaseById(db, row.caseId))?.service ?? '' })),
  );
}

async function dayWithServices(db: Kysely<Database>, officeId: string, date: string) {
  return withServices(db, await appointmentsOnDay(db, officeId, date));
}

export type ClosurePreview = { ok: true; date: string; closed: boolean; affected: AffectedAppointment[] } | { ok: false; reason: 'invalid'; error: ZodError };

/** What closing a day would cancel, for the admin to see before confirming. The look is audited. */
export async function previewClosure(deps: OfficeAdminDeps, member: StaffMember, office: RegistryOffice, date: string, origin: string | null): Promise<ClosurePreview> {
  const now = deps.now();
  const parsed = closureDateSchema(chinaDate(now)).safeParse(date);
  if (!parsed.success) return { ok: false, reason: 'invalid', error: parsed.error };
  const day = await dayWithServices(deps.db, office.id, date);
  const { affected } = closureImpact(day, date, []);
  await deps.db.transaction().execute((trx) =>
    appendAudit(trx, deps.kind, { at: now, actorId: member.id, actorRole: member.roles.join(','), action: 'offices.closure.preview', recordType: 'registry_office', recordId: office.id, origin, details: { date, affected: affected.length } }),
  );
  const view = await officeScheduleView(deps, office);
  return { ok: true, date, closed: view.schedule.closures.includes(date), affected: affected.map((row) => affectedView(deps, row)) };
}

export type CloseDayResult =
  | { ok: true; date: string; cancelled: number }
  | { ok: false; reason: 'invalid'; error: ZodError }
  /** Appointments the admin has not confirmed (booked since the list was shown, or no list was shown). */
  | { ok: false; reason: 'needs_confirmation'; date: string; affected: AffectedAppointment[] }
  /** An appointment's service cannot cancel it now (no such transition, or another state): nothing was saved. */
  | { ok: false; reason: 'not_cancellable'; trackingNumber: string };

export class NotCancellable extends Error {
  override name = 'NotCancellable';
  readonly trackingNumber: string;
  constructor(trackingNumber: string) {
    super(`appointment ${trackingNumber} cannot be cancelled by the office`);
    this.trackingNumber = trackingNumber;
  }
}

const sitePath = (path: string, lang: string) => (lang === 'en' ? (path === '/' ? '/en/' : `/en${path}`) : path);

/**
 * Cancels one appointment because its office does not open that day (a closure, or a public
 * holiday loaded after it was booked): its case takes the step its service takes when the office
 * closes (`cancel-by-office`, or a divorce's second visit only), with its timeline, audit entry and
 * the SMS to each party saying the office is closed that day, with `siteOrigin`'s booking page to
 * book again; the appointment ends and its place is released. Call inside the transaction that
 * closes the day.
 * @throws NotCancellable when the case's service has no such step open in its state (nothing may then be saved).
 */
export async function cancelByOffice(
  trx: Transaction<Database>,
  deps: Pick<OfficeAdminDeps, 'kind' | 'crypto'>,
  member: StaffMember,
  office: RegistryOffice,
  appointment: { caseId: string; trackingNumber: string; date: string; start: string },
  context: {
    now: Date;
    calendar: WorkingDayCalendar;
    origin: string | null;
    siteOrigin: string;
    /** Said in the audit entry besides the office, day and time. */
    details?: Record<string, string>;
    /** More for the texts: `context: 'holiday'` with the `holiday`'s name says the day became a public holiday. */
    notify?: Record<string, string>;
  },
): Promise<void> {
  const { now, origin, siteOrigin } = context;
  const { date } = appointment;
  const actor: Actor = { kind: 'staff', staffId: member.id, roles: member.roles, offices: member.offices, serviceAreas: member.serviceAreas };
  const stored = await findCaseById(trx, appointment.caseId);
  const service = stored ? CASE_SERVICES[stored.service as CaseServiceId] : undefined;
  if (!stored || !service) throw new NotCancellable(appointment.trackingNumber);
  // The step the service takes when the office closes the day, the first open in the case's state
  // (a divorce's first visit is cancelled; its second visit only, the application staying).
  const clock = { today: chinaDate(now), calendar: context.calendar };
  const step = (service.closureSteps ?? [CANCEL_BY_OFFICE]).find((name) => applyTransition(service.workflow, stored.snapshot, name, actor, {}, clock).ok);
  const outcome = step ? applyTransition(service.workflow, stored.snapshot, step, actor, {}, clock) : undefined;
  if (!step || !outcome?.ok) throw new NotCancellable(appointment.trackingNumber);
  const role = member.roles.find((r) => service.workflow.transitions.find((t) => t.name === step)?.by.includes(r)) ?? null;
  const lang = isLocale(stored.lang) ? stored.lang : 'zh-CN';
  await saveTransitionIn(
    trx,
    deps.kind,
    stepToSave({ ...deps, calendar: context.calendar }, service, stored, { ...outcome.result, event: { ...outcome.result.event, input: { date } } }, { kind: 'staff', id: member.id, role }, {
      at: now,
      origin,
      details: { office: office.id, date, start: appointment.start, ...context.details },
      params: {
        date,
        start: appointment.start,
        office: officeText(office, lang).name,
        bookUrl: `${siteOrigin}${sitePath(service.bookingPath ?? '/', lang)}`,
        trackUrl: `${siteOrigin}${sitePath('/track', lang)}?number=${appointment.trackingNumber}`,
        ...context.notify,
      },
    }),
  );
}

/**
 * Closes a day. With appointments on it, the admin confirms the tracking numbers they were shown;
 * then, in one transaction: each appointment's case takes `cancel-by-office` (timeline, audit, an SMS
 * saying the office closed that day, with `siteOrigin`'s booking page to book again), the appointment
 * ends and its place is released, the day's places are closed in the database too (a process that
 * has not refreshed its schedules yet finds them full), and the closure is saved and audited.
 */
export async function closeDay(deps: OfficeAdminDeps, member: StaffMember, office: RegistryOffice, input: unknown, origin: string | null, siteOrigin: string): Promise<CloseDayResult> {
  const now = deps.now();
  const today = chinaDate(now);
  const parsed = closureRequestSchema(today).safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid', error: parsed.error };
  const { date, confirmed } = parsed.data;
  let result: CloseDayResult;
  try {
    result = await changeOfficeSchedule<CloseDayResult>(deps.db, deps.kind, office.id, configuredSchedule(deps.offices, office), now, async (trx, current) => {
      if (current.closures.includes(date)) return { save: null, result: { ok: true, date, cancelled: 0 } };
      const day = await dayWithServices(trx, office.id, date);
      const impact = closureImpact(day, date, confirmed);
      if (!impact.confirmed) return { save: null, result: { ok: false, reason: 'needs_confirmation', date, affected: impact.affected.map((row) => affectedView(deps, row)) } };
      for (const appointment of impact.affected) {
        await cancelByOffice(trx, deps, member, office, appointment, { now, calendar: deps.calendar, origin, siteOrigin });
      }
      const kinds = Object.keys(current.placesPerSlot);
      const places = slotsOn(current, date, deps.calendar).flatMap((slot) => kinds.map((kind) => ({ key: placeKey(office.id, slot, kind), start: slot.start, kind })));
      await closePlacesOfDay(trx, office.id, date, places);
      await appendAudit(trx, deps.kind, {
        at: now,
        actorId: member.id,
        actorRole: member.roles.join(','),
        action: 'offices.closure.add',
        recordType: 'registry_office',
        recordId: office.id,
        origin,
        details: { date, cancelled: impact.affected.map((appointment) => appointment.trackingNumber) },
      });
      return { save: withClosure(current, date), by: member.id, result: { ok: true, date, cancelled: impact.affected.length } };
    });
  } catch (error) {
    if (error instanceof NotCancellable) return { ok: false, reason: 'not_cancellable', trackingNumber: error.trackingNumber };
    throw error;
  }
  if (result.ok) await deps.offices.refresh();
  return result;
}

/** Opens a closed day again: its places get the schedule's capacity back. Cancelled appointments stay cancelled. */
export async function reopenDay(deps: OfficeAdminDeps, member: StaffMember, office: RegistryOffice, date: string, origin: string | null): Promise<{ ok: boolean }> {
  const now = deps.now();
  const result = await changeOfficeSchedule(deps.db, deps.kind, office.id, configuredSchedule(deps.offices, office), now, async (trx, current) => {
    if (!current.closures.includes(date)) return { save: null, result: { ok: false } };
    await reopenPlacesOfDay(trx, office.id, date, current.placesPerSlot);
    await appendAudit(trx, deps.kind, { at: now, actorId: member.id, actorRole: member.roles.join(','), action: 'offices.closure.remove', recordType: 'registry_office', recordId: office.id, origin, details: { date } });
    return { save: withoutClosure(current, date), by: member.id, result: { ok: true } };
  });
  if (result.ok) await deps.offices.refresh();
  return result;
}

