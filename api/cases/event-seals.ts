/**
 * Sealing what was stored before it was sealed (docs/decisions/049): a field marked `sealed` is
 * encrypted in every new timeline event (sealEventInput), but events written before it was marked
 * (a 补正 list, a reason, an opinion typed before this version) hold it as plain JSON. A migration
 * cannot seal them: it runs without the portal's key. So each start, once the key is loaded, walks
 * the events of the transitions that have sealed fields and seals each plain value in place.
 *
 * Idempotent: a value that opens with the portal's key is sealed already and left as it is, and an
 * event is replaced only if it is still what was read. Done once: the upgrade is recorded under a
 * name that fingerprints the sealed fields of the portal's services (data_upgrades), so later starts
 * skip it with one lookup, and a version that seals another field walks the events again.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { eventInputsOf, replaceEventInputs } from '../db/cases.repo.ts';
import { isUpgradeDone, recordUpgradeDone } from '../db/data-upgrades.repo.ts';
import type { Database } from '../db/schema.ts';
import type { FieldCrypto } from '../platform/field-crypto.ts';
import { BUILT_IN_SERVICES, type ServiceRegistry } from '../services/registry.ts';
import { eventSealedFields, isSealedValue, sealedDetail } from './case-service.ts';

/** Events read and replaced per transaction: small enough not to hold a lock long, large enough to be quick. */
const BATCH = 500;

export interface EventSealsDeps {
  db: Kysely<Database>;
  crypto: FieldCrypto;
  now: () => Date;
  /** The services this portal runs; absent: the built-in ones. */
  services?: ServiceRegistry;
}

/** Each service's transitions whose events have sealed fields, and the fields. */
export function sealedEventFields(services: ServiceRegistry): { service: string; transition: string; fields: string[] }[] {
  return services.ids.flatMap((id) => {
    const service = services.get(id);
    if (!service) return [];
    return service.workflow.transitions.flatMap((transition) => {
      const fields = eventSealedFields(service, transition.name);
      return fields.length > 0 ? [{ service: id, transition: transition.name, fields }] : [];
    });
  });
}

/** The upgrade's name: the same for the same sealed fields, another once a field is sealed (or a service added). */
export function eventSealsName(sealed: ReturnType<typeof sealedEventFields>): string {
  const lines = sealed.map((entry) => `${entry.service} ${entry.transition} ${[...entry.fields].sort().join(',')}`).sort();
  return `seal-event-inputs:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
}

/** A stored input with each plain value of `fields` sealed; undefined when there was none to seal. */
export function resealedInput(crypto: FieldCrypto, inputJson: string, fields: readonly string[]): string | undefined {
  const parsed: unknown = JSON.parse(inputJson);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const input = parsed as Record<string, unknown>;
  const plain = fields.filter((field) => input[field] !== undefined && input[field] !== null && !isSealedValue(crypto, input[field]));
  if (plain.length === 0) return undefined;
  return JSON.stringify(Object.fromEntries(Object.entries(input).map(([key, value]) => [key, plain.includes(key) ? sealedDetail(crypto, value) : value])));
}

/**
 * Seals the plain values of sealed fields in stored events, unless done already for these fields.
 * Answers the upgrade's name, whether it ran now, and how many events it changed.
 */
export async function sealEventInputs(deps: EventSealsDeps): Promise<{ name: string; ran: boolean; changed: number }> {
  const sealed = sealedEventFields(deps.services ?? BUILT_IN_SERVICES);
  const name = eventSealsName(sealed);
  if (await isUpgradeDone(deps.db, name)) return { name, ran: false, changed: 0 };
  const fieldsOf = new Map(sealed.map((entry) => [`${entry.service} ${entry.transition}`, entry.fields]));
  const byService = [...new Set(sealed.map((entry) => entry.service))].map((service) => ({ service, transitions: sealed.filter((entry) => entry.service === service).map((entry) => entry.transition) }));
  let changed = 0;
  for (let after = ''; ; ) {
    const rows = await eventInputsOf(deps.db, byService, after, BATCH);
    const changes = rows.flatMap((row) => {
      const to = resealedInput(deps.crypto, row.inputJson, fieldsOf.get(`${row.service} ${row.transition}`) ?? []);
      return to === undefined ? [] : [{ id: row.id, from: row.inputJson, to }];
    });
    changed += await replaceEventInputs(deps.db, changes);
    if (rows.length < BATCH) break;
    after = rows.at(-1)?.id ?? after;
  }
  await recordUpgradeDone(deps.db, name, changed, deps.now());
  return { name, ran: true, changed };
}
