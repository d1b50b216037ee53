/**
 * The services of the case core this portal is built with, each registered in its own folder
 * (api/services/<service>/service.ts: its workflow, application schema, words, journey's drafts,
 * status panel…; what a service is: ./case-service.ts). Adding a service adds its folder, a line
 * here and a guide, and no engine code or page file.
 */
import type { MarriageKind } from './marriage/offices.ts';
import { afterDeathService } from './after-death/service.ts';
import { AFTER_DEATH_PART_SERVICES } from './after-death/part-services.ts';
import { ecoBurialService } from './eco-burial-subsidy/service.ts';
import { cremationEvidence } from './eco-burial-subsidy/cremation-on-record.ts';
import { cremationReference } from './funeral/cremation-record.ts';
import { cemeteryService } from './public-cemetery/service.ts';
import { funeralBookingService } from './funeral/booking-case.ts';
import { divorceRegistrationService, marriageAppointmentService } from './marriage/service.ts';
import { oldAgeAllowanceService } from './old-age-allowance/service.ts';
import { extremePovertySupportService } from './social-relief/extreme-poverty-support/service.ts';
import { minimumLivingAllowanceService } from './social-relief/minimum-living-allowance/service.ts';
import { temporaryAssistanceService } from './social-relief/temporary-assistance/service.ts';
import { register, type RegisteredCaseService } from './case-service.ts';

export { maskAnswer, register, type AnswerRow, type ApplicantContact, type CaseService, type DecisionAid, type RegisteredCaseService, type SettingInForce } from './case-service.ts';

export const CASE_SERVICES = {
  'old-age-allowance': register(oldAgeAllowanceService),
  'marriage-appointment': register(marriageAppointmentService),
  'divorce-registration': register(divorceRegistrationService),
  'minimum-living-allowance': register(minimumLivingAllowanceService),
  'extreme-poverty-support': register(extremePovertySupportService),
  'temporary-assistance': register(temporaryAssistanceService),
  // The cremation certificate from the portal's own record (docs/decisions/074): the funeral service's finding, passed in here, so that neither service imports the other.
  'eco-burial-subsidy': register({ ...ecoBurialService, evidenceOnRecord: cremationEvidence(cremationReference) }),
  'after-death': register(afterDeathService),
  ...AFTER_DEATH_PART_SERVICES,
  'public-cemetery': register(cemeteryService),
  'funeral-booking': register(funeralBookingService),
} as const satisfies Record<string, RegisteredCaseService>;
export type CaseServiceId = keyof typeof CASE_SERVICES;
export const CASE_SERVICE_IDS = Object.keys(CASE_SERVICES) as CaseServiceId[];

/**
 * What this portal really offers online at a site path: 'apply' where a service's application
 * journey starts, 'book' where an appointment service is booked, nothing elsewhere. A guide's
 * "apply online" or "book online" label comes from here, never from what the guide's text claims.
 */
export type OnlineChannel = 'apply' | 'book';

export function onlineChannelAt(path: string | undefined): OnlineChannel | undefined {
  if (!path) return undefined;
  const services: readonly RegisteredCaseService[] = Object.values(CASE_SERVICES);
  if (services.some((service) => service.applyPath === path)) return 'apply';
  if (services.some((service) => service.bookingPath === path)) return 'book';
  return undefined;
}

/**
 * The services whose cases a registry office's day lists (api/services/marriage/office-day.ts): marriage
 * registration's bookings, by their nature built in. A member handling one of them has that page.
 */
export const REGISTRY_DAY_SERVICES: readonly CaseServiceId[] = ['marriage-appointment', 'divorce-registration'];

/** The services whose bookings a funeral home's day lists (api/services/funeral/home-day.ts, docs/decisions/072). */
export const HOME_DAY_SERVICES: readonly CaseServiceId[] = ['funeral-booking'];

/** The case service that books a kind of marriage business: a divorce is its own, two-visit service. */
export function marriageServiceOf(kind: MarriageKind): 'marriage-appointment' | 'divorce-registration' {
  return kind === 'divorce' ? 'divorce-registration' : 'marriage-appointment';
}

/**
 * The services one portal runs: the built-in ones (CASE_SERVICES) and any given to it at start
 * (createPortal's `services`: a service defined outside api/services, such as the test-only one in
 * tests/support/test-service, which production never loads). Read by the generic application route
 * and the use cases that take it in their dependencies (docs/decisions/029).
 */
export interface ServiceRegistry {
  get(id: string): RegisteredCaseService | undefined;
  readonly ids: readonly string[];
}

export function serviceRegistry(extra: Readonly<Record<string, RegisteredCaseService>> = {}): ServiceRegistry {
  const all: Record<string, RegisteredCaseService> = { ...CASE_SERVICES };
  for (const [id, service] of Object.entries(extra)) {
    // A second definition under a built-in name would silently change how existing cases are handled.
    if (Object.hasOwn(all, id)) throw new Error(`service ${id} is registered twice`);
    all[id] = service;
  }
  return { get: (id) => (Object.hasOwn(all, id) ? all[id] : undefined), ids: Object.keys(all) };
}

export const BUILT_IN_SERVICES: ServiceRegistry = serviceRegistry();

/** A service defined outside this file, typed by its own application, as the registry holds it. */
export const registerCaseService = register;

/** Whether a service's cases start as an application sent to the generic route (not a booking, whose case takes a time slot, nor a bundle's part, made by its bundle). */
export const isAppliedOnline = (service: RegisteredCaseService): boolean => service.appointmentEffects === undefined && service.partOnly !== true;
