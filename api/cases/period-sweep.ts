/**
 * What happens by itself when a legal period ends: a divorce application whose window for the
 * second visit passed without the registration lapses (视为撤回), and both parties are told. The
 * server runs this every few minutes; every transition a service gives the system with `afterEndOf`
 * is taken for the cases past their periods. Several processes may sweep at once: the version check
 * lets one of them record each step, and the others skip it.
 */
import { CaseChangedError, casesPastTheirPeriods, saveTransition } from '../db/cases.repo.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import { applyTransition } from '../domain/workflow/workflow.ts';
import { BUILT_IN_SERVICES } from '../services/registry.ts';
import { stepToSave, type CaseDeps } from './case-service.ts';

/** At most this many cases per service and run: a backlog is worked off over a few runs, never in one long transaction. */
const BATCH = 200;

/** @returns how many cases moved on. */
export async function sweepEndedPeriods(deps: CaseDeps): Promise<number> {
  const now = deps.now();
  const today = chinaDate(now);
  let moved = 0;
  // Every service the portal runs (one given at start has legal periods as much as a built-in one).
  const services = deps.services ?? BUILT_IN_SERVICES;
  for (const id of services.ids) {
    const service = services.get(id);
    if (!service) continue;
    for (const transition of service.workflow.transitions.filter((t) => t.afterEndOf && t.by.includes('system'))) {
      for (const stored of await casesPastTheirPeriods(deps.db, id, transition.from, today, BATCH)) {
        const outcome = applyTransition(service.workflow, stored.snapshot, transition.name, { kind: 'system' }, {}, { today, calendar: deps.calendar });
        if (!outcome.ok) continue;
        try {
          await saveTransition(
            deps.db,
            deps.kind,
            stepToSave(deps, service, stored, outcome.result, { kind: 'system', id: null, role: null }, { at: now, origin: null, details: { from: outcome.result.event.from, to: outcome.result.event.to } }),
          );
          moved += 1;
        } catch (error) {
          if (!(error instanceof CaseChangedError)) throw error;
        }
      }
    }
  }
  return moved;
}
