/**
 * Indexing who the cases stored before `case_people` are about (docs/decisions/065). A case records
 * its people at submission (a service's `people`: a relief household's members); the cases stored
 * before the table existed have their answers encrypted, which a migration cannot read (it runs
 * without the portal's key). So the start, once the key is loaded, reads each such case's answers
 * once and records its people.
 *
 * Idempotent: only cases with no person recorded are read, and a person already recorded is left.
 * Done once: the upgrade is recorded under a name that fingerprints the services that name people,
 * so later starts skip it with one lookup, and a service that starts naming people is indexed again.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { casesWithoutPeople, recordCasePeople } from '../db/case-people.repo.ts';
import { isUpgradeDone, recordUpgradeDone } from '../db/data-upgrades.repo.ts';
import type { Database } from '../db/schema.ts';
import type { FieldCrypto } from '../platform/field-crypto.ts';
import { BUILT_IN_SERVICES, type ServiceRegistry } from '../services/registry.ts';
import { ANSWERS_CONTEXT, casePersonHashes } from './case-service.ts';

const BATCH = 200;

export interface CasePeopleDeps {
  db: Kysely<Database>;
  crypto: FieldCrypto;
  now: () => Date;
  services?: ServiceRegistry;
}

/** Records the people of the stored cases that have none yet, unless done already for these services. */
export async function indexCasePeople(deps: CasePeopleDeps): Promise<{ name: string; ran: boolean; changed: number }> {
  const registry = deps.services ?? BUILT_IN_SERVICES;
  const naming = registry.ids.filter((id) => registry.get(id)?.people !== undefined).sort();
  const name = `case-people:${createHash('sha256').update(naming.join('\n')).digest('hex').slice(0, 16)}`;
  if (await isUpgradeDone(deps.db, name)) return { name, ran: false, changed: 0 };
  let changed = 0;
  for (let after = ''; ; ) {
    const rows = await casesWithoutPeople(deps.db, naming, after, BATCH);
    for (const row of rows) {
      const service = registry.get(row.service);
      if (!service) continue;
      const hashes = casePersonHashes(deps, service, JSON.parse(deps.crypto.decrypt(row.answersEnc, ANSWERS_CONTEXT)));
      await recordCasePeople(deps.db, row.id, hashes);
      if (hashes.length > 0) changed += 1;
    }
    if (rows.length < BATCH) break;
    after = rows.at(-1)?.id ?? after;
  }
  await recordUpgradeDone(deps.db, name, changed, deps.now());
  return { name, ran: true, changed };
}
