/**
 * Cases and their timelines. A transition is saved whole or not at all: the state change (guarded
 * by the version the caller read, so two staff acting at once cannot both succeed), the timeline
 * event, the audit entry and the queued notification share one transaction.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { receivedIncrement, type FigureIncrement } from '../domain/cases/case-figures.ts';
import { nextRunningDeadline } from '../domain/workflow/queue-position.ts';
import type { CaseSnapshot, Deadline, Period, TransitionResult } from '../domain/workflow/workflow.ts';
import { appendAudit, type AuditEntry } from './audit.repo.ts';
import { addFigures, lastEventAt } from './case-figures.repo.ts';
import type { DatabaseKind } from './connect.ts';
import { compiledOnce } from './compiled-query.ts';
import type { CaseTable, Database } from './schema.ts';

export class CaseChangedError extends Error {
  override name = 'CaseChangedError';
}

export interface StoredCase {
  id: string;
  trackingNumber: string;
  applicantIdHash: string | null;
  applicantPhoneHash: string | null;
  service: string;
  lang: string;
  answersEnc: string;
  snapshot: CaseSnapshot;
  createdAt: string;
}

/** The deadlines and the queue columns derived from them: always written together. */
function deadlineColumns(deadlines: readonly Deadline[]): Pick<CaseTable, 'deadlines_json' | 'next_due_on' | 'clock_paused'> {
  const { nextDueOn, clockPaused } = nextRunningDeadline(deadlines);
  return { deadlines_json: JSON.stringify(deadlines), next_due_on: nextDueOn, clock_paused: clockPaused ? 1 : 0 };
}

/** The periods and the last day of the last one: always written together. */
function periodColumns(periods: readonly Period[] | undefined): Pick<CaseTable, 'periods_json' | 'periods_end_on'> {
  if (!periods || periods.length === 0) return { periods_json: null, periods_end_on: null };
  return { periods_json: JSON.stringify(periods), periods_end_on: periods.map((period) => period.to).sort().at(-1) ?? null };
}

export function toStoredCase(row: Pick<CaseTable, (typeof STORED_CASE_COLUMNS)[number]>): StoredCase {
  return {
    id: row.id,
    trackingNumber: row.tracking_number,
    applicantIdHash: row.applicant_id_hash,
    applicantPhoneHash: row.applicant_phone_hash,
    service: row.service,
    lang: row.lang,
    answersEnc: row.answers_enc,
    createdAt: row.created_at,
    snapshot: {
      state: row.state,
      version: Number(row.version),
      office: row.office,
      deadlines: JSON.parse(row.deadlines_json) as Deadline[],
      ...(row.previous_state ? { previousState: row.previous_state } : {}),
      ...(row.periods_json ? { periods: JSON.parse(row.periods_json) as Period[] } : {}),
    },
  };
}

/** The columns a StoredCase is made of (not the queue's and periods' derived ones). */
const STORED_CASE_COLUMNS = ['id', 'tracking_number', 'applicant_id_hash', 'applicant_phone_hash', 'service', 'lang', 'answers_enc', 'created_at', 'state', 'version', 'office', 'deadlines_json', 'previous_state', 'periods_json'] as const;

/** Compiled once (compiled-query.ts): the steps a status page takes read the case again by it. */
const caseByTrackingNumber = compiledOnce(1, (db, trackingNumber: string) => db.selectFrom('cases').select(STORED_CASE_COLUMNS).where('tracking_number', '=', trackingNumber));

export async function findCaseByTrackingNumber(db: Kysely<Database>, trackingNumber: string): Promise<StoredCase | undefined> {
  const [row] = (await caseByTrackingNumber(db, trackingNumber)).rows;
  return row ? toStoredCase(row) : undefined;
}

/**
 * A status lookup's one read (compiled once): the case by tracking number and whether the person
 * (by keyed hash) is on its appointment, the other party's way in. The asked number is a one-row
 * table the case is left-joined to, so the statement always yields one row and the appointment
 * probe always runs: for an unknown number on the empty case id, as isPersonOnCase asked it before,
 * so an unknown number costs the database what a known one does.
 */
const caseForLookup = compiledOnce(2, (db, trackingNumber: string, personHash: string) =>
  db
    .selectFrom(db.selectNoFrom(sql<string>`cast(${trackingNumber} as text)`.as('tracking_number')).as('asked'))
    .leftJoin('cases', 'cases.tracking_number', 'asked.tracking_number')
    .select(STORED_CASE_COLUMNS.map((column) => `cases.${column}` as const))
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('appointment_people')
            .innerJoin('appointments', 'appointments.id', 'appointment_people.appointment_id')
            .select('appointment_people.person_hash')
            .where('appointments.case_id', '=', eb.fn.coalesce('cases.id', sql.lit('')))
            .where('appointment_people.person_hash', '=', personHash),
        )
        .as('person_on_case'),
    ),
);

export interface CaseForLookup {
  stored: StoredCase | undefined;
  /** The person asked about is on the case's appointment (false when there is no case). */
  personOnCase: boolean;
}

type StoredCaseRow = Pick<CaseTable, (typeof STORED_CASE_COLUMNS)[number]>;

/** The left join found the case: its id (the primary key) is there only when all of its row is. */
const foundCase = <Row extends { [K in keyof StoredCaseRow]: StoredCaseRow[K] | null }>(row: Row): row is Row & StoredCaseRow => row.id !== null;

export async function findCaseForLookup(db: Kysely<Database>, trackingNumber: string, personHash: string): Promise<CaseForLookup> {
  const [row] = (await caseForLookup(db, trackingNumber, personHash)).rows;
  if (!row) throw new Error('the lookup query yields one row whatever the number');
  if (!foundCase(row)) return { stored: undefined, personOnCase: false };
  // SQLite answers exists() with 0 or 1, PostgreSQL with a boolean.
  return { stored: toStoredCase(row), personOnCase: Boolean(row.person_on_case) };
}

export async function findCaseById(db: Kysely<Database>, id: string): Promise<StoredCase | undefined> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStoredCase(row) : undefined;
}

export interface EventActor {
  kind: 'applicant' | 'staff' | 'system';
  id: string | null;
  role: string | null;
}

export interface QueuedNotification {
  channel: 'sms' | 'email';
  template: string;
  lang: string;
  recipientEnc: string;
  params: Record<string, string>;
}

export interface SaveTransition {
  caseId: string;
  expectedVersion: number;
  result: TransitionResult;
  actor: EventActor;
  audit: Omit<AuditEntry, 'at' | 'recordType' | 'recordId'>;
  /** To the applicant, or to each party of an appointment. */
  notifications?: readonly QueuedNotification[];
  at: Date;
  /** What else the change does, in the same transaction (e.g. release an appointment's place). */
  alsoInTransaction?: (trx: Transaction<Database>) => Promise<void>;
  /**
   * What the step adds to the dashboard's counters, given when the case entered the state it leaves
   * (its last event's instant): the stage it ends, a completion (docs/decisions/054). Every use case
   * gives it (stepToSave); without it the counters miss the step.
   */
  figures?: (enteredAt: string) => readonly FigureIncrement[];
}

/** `first`: the case was inserted in this transaction, so this is its event 1 (no need to read the last one). */
export async function insertEvent(trx: Transaction<Database>, caseId: string, result: Pick<TransitionResult, 'event'>, actor: EventActor, at: Date, options: { first?: boolean } = {}) {
  const last = options.first ? undefined : await trx.selectFrom('case_events').select((eb) => eb.fn.max('seq').as('seq')).where('case_id', '=', caseId).executeTakeFirst();
  await trx
    .insertInto('case_events')
    .values({
      id: randomUUID(),
      case_id: caseId,
      seq: Number(last?.seq ?? 0) + 1,
      at: at.toISOString(),
      actor_kind: actor.kind,
      actor_id: actor.id,
      actor_role: actor.role,
      transition: result.event.transition,
      from_state: result.event.from,
      to_state: result.event.to,
      visibility: result.event.visibility,
      input_json: result.event.input === undefined ? null : JSON.stringify(result.event.input),
    })
    .execute();
}

const outboxRow = (id: string, caseId: string | null, notification: QueuedNotification, at: Date) => ({
  id,
  case_id: caseId,
  channel: notification.channel,
  template: notification.template,
  lang: notification.lang,
  recipient_enc: notification.recipientEnc,
  params_json: JSON.stringify(notification.params),
  status: 'pending',
  attempts: 0,
  next_attempt_at: at.toISOString(),
  locked_by: null,
  locked_until: null,
  sent_at: null,
  last_error: null,
  created_at: at.toISOString(),
});

/** Queues several messages in one statement, in the transaction given. */
export async function enqueueNotifications(trx: Transaction<Database>, caseId: string | null, notifications: readonly QueuedNotification[], at: Date): Promise<void> {
  if (notifications.length === 0) return;
  await trx
    .insertInto('notification_outbox')
    .values(notifications.map((notification) => outboxRow(randomUUID(), caseId, notification, at)))
    .execute();
}

/** Queues a message in the transaction given; answers the message's id. */
export async function enqueueNotification(trx: Transaction<Database>, caseId: string | null, notification: QueuedNotification, at: Date): Promise<string> {
  const id = randomUUID();
  await trx.insertInto('notification_outbox').values(outboxRow(id, caseId, notification, at)).execute();
  return id;
}

/**
 * @param beforeCommit a hook for tests to fail part-way; production passes nothing.
 * @throws CaseChangedError when someone else changed the case since it was read.
 */
export async function saveTransition(db: Kysely<Database>, kind: DatabaseKind, change: SaveTransition, beforeCommit?: () => void): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await saveTransitionIn(trx, kind, change);
    beforeCommit?.();
  });
}

/**
 * One transition inside the caller's transaction, for a change that moves several cases at once
 * (an office closing a booked day): all of them, or none.
 * @throws CaseChangedError when someone else changed the case since it was read.
 */
export async function saveTransitionIn(trx: Transaction<Database>, kind: DatabaseKind, change: SaveTransition): Promise<void> {
  const { snapshot } = change.result;
  const updated = await trx
    .updateTable('cases')
    .set({
      state: snapshot.state,
      previous_state: snapshot.previousState ?? null,
      version: snapshot.version,
      ...deadlineColumns(snapshot.deadlines),
      ...periodColumns(snapshot.periods),
      updated_at: change.at.toISOString(),
    })
    .where('id', '=', change.caseId)
    .where('version', '=', change.expectedVersion)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new CaseChangedError('the case changed since it was read');
  if (change.figures) {
    const enteredAt = await lastEventAt(trx, change.caseId);
    if (enteredAt) await addFigures(trx, change.figures(enteredAt));
  }
  await insertEvent(trx, change.caseId, change.result, change.actor, change.at);
  await appendAudit(trx, kind, { ...change.audit, at: change.at, recordType: 'case', recordId: change.caseId });
  for (const notification of change.notifications ?? []) await enqueueNotification(trx, change.caseId, notification, change.at);
  await change.alsoInTransaction?.(trx);
}

export interface NewCase {
  trackingNumber: string;
  service: string;
  lang: string;
  applicantIdHash: string | null;
  applicantPhoneHash: string | null;
  answersEnc: string;
  snapshot: CaseSnapshot;
  at: Date;
}

export async function insertCase(trx: Transaction<Database>, input: NewCase): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('cases')
    .values({
      id,
      tracking_number: input.trackingNumber,
      service: input.service,
      office: input.snapshot.office,
      state: input.snapshot.state,
      previous_state: null,
      version: input.snapshot.version,
      lang: input.lang,
      applicant_id_hash: input.applicantIdHash,
      applicant_phone_hash: input.applicantPhoneHash,
      answers_enc: input.answersEnc,
      ...deadlineColumns(input.snapshot.deadlines),
      ...periodColumns(input.snapshot.periods),
      created_at: input.at.toISOString(),
      updated_at: input.at.toISOString(),
    })
    .execute();
  return id;
}

/**
 * The timeline the applicant sees, compiled once: every status lookup of a known case reads it. Only
 * the columns the status view is made of: each value read is a JavaScript string node:sqlite makes.
 */
const applicantEvents = compiledOnce(1, (db, caseId: string) =>
  db.selectFrom('case_events').select(['at', 'transition', 'to_state', 'input_json']).where('case_id', '=', caseId).where('visibility', '=', 'applicant').orderBy('seq'),
);

export async function applicantTimeline(db: Kysely<Database>, caseId: string) {
  return (await applicantEvents(db, caseId)).rows;
}

/** Every event of a case's timeline, the internal ones too (staff's view, a workflow's earlier steps). */
export async function caseTimeline(db: Kysely<Database>, caseId: string) {
  return db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
}

/** A new case inside the caller's transaction: the case, its first timeline event ("submit") and the applicant's notifications. */
export async function insertSubmission(trx: Transaction<Database>, input: NewCase, notifications: readonly QueuedNotification[]): Promise<string> {
  const id = await insertCase(trx, input);
  await insertEvent(
    trx,
    id,
    { event: { transition: 'submit', from: '', to: input.snapshot.state, visibility: 'applicant', input: undefined } },
    { kind: 'applicant', id: null, role: null },
    input.at,
    { first: true },
  );
  // One statement for every recipient (both parties of an appointment): a booking's transaction is as short as it can be.
  await enqueueNotifications(trx, id, notifications, input.at);
  await addFigures(trx, [receivedIncrement({ service: input.service, office: input.snapshot.office }, input.at)]);
  return id;
}

/**
 * A new application, in one transaction. Fails (unique key) if the tracking number is taken; the
 * caller draws another. `inSameTransaction` does what must happen with it or not at all (the
 * draft's files becoming the case's).
 */
export async function recordSubmission(db: Kysely<Database>, input: NewCase, notification: QueuedNotification, inSameTransaction?: (trx: Transaction<Database>, caseId: string) => Promise<unknown>): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const id = await insertSubmission(trx, input, [notification]);
    await inSameTransaction?.(trx, id);
    return id;
  });
}

/**
 * Takes a service's "once per …" key for a new case, inside its submission's transaction
 * (docs/decisions/061): free, or held by a case now in one of `releasedIn` (it ended without the
 * service's benefit), the key becomes `caseId`'s; held by any other case, it is refused (false).
 * Two submissions at once cannot both take it: a new key is an insert under the table's primary key
 * (the second fails as a unique violation, and its caller draws again, finding it taken), and a key
 * taken over is an update guarded by the holder it read.
 */
export async function claimOnceKey(trx: Transaction<Database>, claim: { service: string; keyHash: string; caseId: string; releasedIn: readonly string[] }): Promise<boolean> {
  const held = await trx
    .selectFrom('case_once_keys')
    .innerJoin('cases', 'cases.id', 'case_once_keys.case_id')
    .select(['case_once_keys.case_id as caseId', 'cases.state as state'])
    .where('case_once_keys.service', '=', claim.service)
    .where('case_once_keys.key_hash', '=', claim.keyHash)
    .executeTakeFirst();
  if (!held) {
    await trx.insertInto('case_once_keys').values({ service: claim.service, key_hash: claim.keyHash, case_id: claim.caseId }).execute();
    return true;
  }
  if (!claim.releasedIn.includes(held.state)) return false;
  const moved = await trx
    .updateTable('case_once_keys')
    .set({ case_id: claim.caseId })
    .where('service', '=', claim.service)
    .where('key_hash', '=', claim.keyHash)
    .where('case_id', '=', held.caseId)
    .executeTakeFirst();
  return Number(moved.numUpdatedRows) === 1;
}

/** Cases of a service in one of `states` whose last legal period ended before `day`, oldest first (from an index). */
export async function casesPastTheirPeriods(db: Kysely<Database>, service: string, states: readonly string[], day: string, limit: number): Promise<StoredCase[]> {
  if (states.length === 0) return [];
  const rows = await db
    .selectFrom('cases')
    .selectAll()
    .where('periods_end_on', '<', day)
    .where('service', '=', service)
    .where('state', 'in', states)
    .orderBy('periods_end_on')
    .limit(limit)
    .execute();
  return rows.map(toStoredCase);
}

/** A timeline event with an input, and the service of its case: what the re-seal of sealed fields reads. */
export interface EventInputRow {
  id: string;
  service: string;
  transition: string;
  inputJson: string;
}

/**
 * Events with an input whose (service, transition) is one of `of`, after the event id `after`, in id
 * order, `limit` at a time (docs/decisions/049: the start's re-seal walks them once).
 */
export async function eventInputsOf(db: Kysely<Database>, of: readonly { service: string; transitions: readonly string[] }[], after: string, limit: number): Promise<EventInputRow[]> {
  const wanted = of.filter((entry) => entry.transitions.length > 0);
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom('case_events')
    .innerJoin('cases', 'cases.id', 'case_events.case_id')
    .select(['case_events.id as id', 'cases.service as service', 'case_events.transition as transition', 'case_events.input_json as inputJson'])
    .where('case_events.id', '>', after)
    .where('case_events.input_json', 'is not', null)
    .where((eb) => eb.or(wanted.map((entry) => eb.and([eb('cases.service', '=', entry.service), eb('case_events.transition', 'in', [...entry.transitions])]))))
    .orderBy('case_events.id')
    .limit(limit)
    .execute();
  return rows.flatMap((row) => (row.inputJson === null ? [] : [{ ...row, inputJson: row.inputJson }]));
}

/**
 * Replaces events' inputs, each only if it is still what was read (`from`), in one transaction:
 * events are never changed otherwise, so this is the re-seal's guard against a second process
 * doing the same. Answers how many were replaced.
 */
export async function replaceEventInputs(db: Kysely<Database>, changes: readonly { id: string; from: string; to: string }[]): Promise<number> {
  if (changes.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    let replaced = 0;
    for (const change of changes) {
      const result = await trx.updateTable('case_events').set({ input_json: change.to }).where('id', '=', change.id).where('input_json', '=', change.from).executeTakeFirst();
      replaced += Number(result.numUpdatedRows);
    }
    return replaced;
  });
}
