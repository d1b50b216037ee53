/**
 * The time limits a guide states for a service this portal runs (docs/decisions/060), taken from the
 * service's workflow as guide-apply's "apply online" is taken from the registry: a guide cannot promise
 * a time its service does not keep. A guide is for a service when its `apply.path` is where the
 * service is applied for or booked; the service says which of its deadlines a citizen meets and in
 * what words (`timeLimits`, `<words>.timeLimit.<deadline>`). A service that declares none (an
 * appointment is booked, not decided) gives none, and the guide keeps its own text.
 */
import type { ServiceTimeLimit } from '../domain/guides/time-limits.ts';
import type { RegisteredCaseService, ServiceRegistry } from './registry.ts';

export interface ServiceTimeLimits {
  /** The registry's name of the service whose workflow keeps them. */
  service: string;
  limits: readonly ServiceTimeLimit[];
}

/** The limits a service declares, each with its workflow's working days (register() refuses a deadline its workflow lacks). */
export function timeLimitsOf(service: RegisteredCaseService): ServiceTimeLimit[] {
  return (service.timeLimits ?? []).flatMap((declared) => {
    const defined = service.workflow.deadlines[declared.deadline];
    if (!defined) return [];
    return [{ ...declared, workingDays: defined.workingDays, ...(defined.extendableTo !== undefined ? { extendableTo: defined.extendableTo } : {}), words: `${service.words}.timeLimit.${declared.deadline}` }];
  });
}

/** The time limits of the service applied for or booked at `path`, if the registry has one there that declares any. */
export function serviceTimeLimitsAt(registry: ServiceRegistry, path: string | undefined): ServiceTimeLimits | undefined {
  if (!path) return undefined;
  for (const id of registry.ids) {
    const service = registry.get(id);
    if (!service || (service.applyPath !== path && service.bookingPath !== path)) continue;
    const limits = timeLimitsOf(service);
    if (limits.length > 0) return { service: id, limits };
  }
  return undefined;
}
