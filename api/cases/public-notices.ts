/**
 * The public side of publication (docs/decisions/045): a board's entries on the portal's today, read
 * from the public entries alone (never a case), and an objection to a notice, recorded on its case
 * as the notice's `objection` transition taken by the system, its text, name and contact sealed
 * in the event (sealedFields). An objection after the notice came down is refused, kindly.
 */
import type { ZodError } from 'zod';
import { CaseChangedError, findCaseById, saveTransition } from '../db/cases.repo.ts';
import { deleteEndedEntries, entriesOnBoard, findPublicEntry, type StoredPublicEntry } from '../db/public-entries.repo.ts';
import { chinaDate, chinaMinute } from '../domain/calendar/china-time.ts';
import { applyTransition } from '../domain/workflow/workflow.ts';
import { isUp, type PublicList } from '../engine/publication/public-entry.ts';
import { BUILT_IN_SERVICES } from '../services/registry.ts';
import { stepToSave, withSettings, type CaseDeps } from './case-service.ts';

export async function boardEntries(deps: Pick<CaseDeps, 'db' | 'now'>, place: string, list: PublicList): Promise<{ today: string; entries: StoredPublicEntry[] }> {
  const today = chinaDate(deps.now());
  return { today, entries: await entriesOnBoard(deps.db, place, list, today) };
}

export type ObjectionResult =
  | { ok: true; entry: StoredPublicEntry }
  /** No such entry up now, or one that takes no objection (an announcement): alike, nothing said about a case. */
  | { ok: false; reason: 'not_found' }
  /** The notice's period is over (or its case moved on meanwhile): said kindly, with its last day. */
  | { ok: false; reason: 'ended'; toDay: string }
  | { ok: false; reason: 'invalid'; error: ZodError };

/**
 * Records an objection to the notice `entryId` on its case. The input is the objection
 * transition's own schema (text required; name and contact optional), checked by the engine.
 */
export async function objectToNotice(deps: CaseDeps, entryId: string, input: unknown, origin: string | null, attempt = 1): Promise<ObjectionResult> {
  const entry = await findPublicEntry(deps.db, entryId);
  if (!entry?.objection) return { ok: false, reason: 'not_found' };
  const { caseId, ...shown } = entry;
  const objection = entry.objection;
  const now = deps.now();
  const today = chinaDate(now);
  if (!isUp(entry, today)) return today > entry.toDay ? { ok: false, reason: 'ended', toDay: entry.toDay } : { ok: false, reason: 'not_found' };
  const found = await findCaseById(deps.db, caseId);
  const service = found ? (deps.services ?? BUILT_IN_SERVICES).get(found.service) : undefined;
  if (!found || !service) return { ok: false, reason: 'not_found' };
  const stored = withSettings(deps, found, today);
  const outcome = applyTransition(service.workflow, stored.snapshot, objection, { kind: 'system' }, input, { today, time: chinaMinute(now), calendar: deps.calendar });
  if (!outcome.ok) {
    if (outcome.refusal.code === 'invalid_input') return { ok: false, reason: 'invalid', error: outcome.refusal.error };
    // The case left the notice (decided, withdrawn) or its period ended under the entry.
    return { ok: false, reason: 'ended', toDay: entry.toDay };
  }
  try {
    await saveTransition(deps.db, deps.kind, stepToSave(deps, service, stored, outcome.result, { kind: 'system', id: null, role: null }, { at: now, origin, details: { from: outcome.result.event.from, to: outcome.result.event.to, entry: entryId } }));
  } catch (error) {
    // Staff changed the case at the same moment: the objection is taken again on the case as it now is.
    if (error instanceof CaseChangedError && attempt < 3) return objectToNotice(deps, entryId, input, origin, attempt + 1);
    throw error;
  }
  return { ok: true, entry: shown };
}

/** Deletes the entries whose last day has passed (the periodic sweep): a notice taken down is not kept. */
export async function sweepEndedEntries(deps: Pick<CaseDeps, 'db' | 'now'>): Promise<number> {
  return deleteEndedEntries(deps.db, chinaDate(deps.now()));
}
