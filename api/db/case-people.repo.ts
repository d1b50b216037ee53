/**
 * The people a case is about, by keyed hash (docs/decisions/065): written with a case, indexed once
 * for the cases stored before, and the portal's own relief decisions found for a person through it.
 * Queries name a person only by keyed hash, never by an ID number.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Records who a case is about, inside its submission's transaction (each hash once). */
export async function recordCasePeople(trx: Transaction<Database> | Kysely<Database>, caseId: string, personHashes: readonly string[]): Promise<void> {
  const hashes = [...new Set(personHashes)];
  if (hashes.length === 0) return;
  await trx
    .insertInto('case_people')
    .values(hashes.map((hash) => ({ case_id: caseId, person_hash: hash })))
    .onConflict((oc) => oc.columns(['case_id', 'person_hash']).doNothing())
    .execute();
}

/** Cases of `services` with no person recorded, after `after` (their id), oldest id first: what the start's index reads. */
export async function casesWithoutPeople(db: Kysely<Database>, services: readonly string[], after: string, limit: number): Promise<{ id: string; service: string; answersEnc: string }[]> {
  if (services.length === 0) return [];
  const rows = await db
    .selectFrom('cases')
    .leftJoin('case_people', 'case_people.case_id', 'cases.id')
    .select(['cases.id as id', 'cases.service as service', 'cases.answers_enc as answersEnc'])
    .where('cases.service', 'in', services)
    .where('case_people.case_id', 'is', null)
    .where('cases.id', '>', after)
    .orderBy('cases.id')
    .limit(limit)
    .execute();
  return rows;
}

/** A decision of the portal's about a person: the case, where, its state now, when it was approved and when stopped (ISO instants), if it was. */
export interface PersonDecision {
  caseId: string;
  service: string;
  office: string;
  state: string;
  approvedAt: string | null;
  stoppedAt: string | null;
}

/**
 * The cases of `services` in one of `states` that are about the person: as one of their people, or
 * as the applicant (`applicantHash`, for a case stored before its people were). With the last
 * `approve` and `stop` of each one's timeline.
 */
export async function decisionsAboutPerson(
  db: Kysely<Database>,
  query: { personHash: string; applicantHash: string; services: readonly string[]; states: readonly string[]; approve: string; stop: string },
): Promise<PersonDecision[]> {
  if (query.services.length === 0 || query.states.length === 0) return [];
  const cases = await db
    .selectFrom('cases')
    .select(['id', 'service', 'office', 'state'])
    .where('service', 'in', query.services)
    .where('state', 'in', query.states)
    .where((eb) => eb.or([eb('applicant_id_hash', '=', query.applicantHash), eb('id', 'in', eb.selectFrom('case_people').select('case_id').where('person_hash', '=', query.personHash))]))
    .execute();
  if (cases.length === 0) return [];
  const events = await db
    .selectFrom('case_events')
    .select(['case_id', 'transition', 'at'])
    .where(
      'case_id',
      'in',
      cases.map((stored) => stored.id),
    )
    .where('transition', 'in', [query.approve, query.stop])
    .orderBy('seq')
    .execute();
  const last = (caseId: string, transition: string) => events.filter((event) => event.case_id === caseId && event.transition === transition).at(-1)?.at ?? null;
  return cases.map((stored) => ({ caseId: stored.id, service: stored.service, office: stored.office, state: stored.state, approvedAt: last(stored.id, query.approve), stoppedAt: last(stored.id, query.stop) }));
}
