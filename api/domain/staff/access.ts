/**
 * Who may read what (least privilege, docs/access-control.md). Cases, the queue and a registry
 * office's day show people's names and documents: only the roles that handle a service's cases
 * read them, within their offices and service areas. Administering offices, holidays or content
 * gives no sight of cases; a system admin reads one case at a time only after giving a reason
 * ("break glass"), which is audited and shown on the case. Pure rules: the grant's clock is an argument.
 */
import { z } from 'zod';
import { textLines } from '../text.ts';
import type { ServiceDefinition, StaffRole } from '../workflow/workflow.ts';
import type { StaffMember } from './staff.ts';

/** The roles whose work is cases: taking them in, investigating, reviewing, deciding (the registry clerk is intake). */
export const CASE_HANDLING_ROLES: readonly StaffRole[] = ['intake', 'investigator', 'reviewer', 'approver'];

/** How long a system admin's reason opens a case for. */
export const BREAK_GLASS_MS = 30 * 60_000;

/** The reason's length: enough to say what for, not an essay. */
export const BREAK_GLASS_REASON = { min: 10, max: 500 } as const;

/** A system admin's reason for opening a case (the form's and the API's); the message is a translation key. */
export const BreakGlassSchema = z.object({
  reason: textLines({ error: 'errors.workbench.breakGlassReason' })
    .trim()
    .superRefine((reason, ctx) => {
      if (reason.length < BREAK_GLASS_REASON.min || reason.length > BREAK_GLASS_REASON.max) {
        ctx.addIssue({ code: 'custom', message: 'errors.workbench.breakGlassReason', params: { ...BREAK_GLASS_REASON } });
      }
    }),
});
export type BreakGlass = z.infer<typeof BreakGlassSchema>;

/** The roles that handle a service's cases: the case-handling roles its workbench steps name. */
export function caseRolesOf(service: ServiceDefinition): StaffRole[] {
  const named = new Set<string>(service.transitions.filter((transition) => transition.workbench !== false).flatMap((transition) => transition.by));
  return CASE_HANDLING_ROLES.filter((role) => named.has(role));
}

/** The member handles this service's cases at all (whatever the office). */
export function handlesCasesOf(member: StaffMember, service: ServiceDefinition): boolean {
  return member.serviceAreas.includes(service.serviceArea) && caseRolesOf(service).some((role) => member.roles.includes(role));
}

/** The member may read this service's cases at this office: the queue, a case, the office's day. */
export function mayReadCases(member: StaffMember, service: ServiceDefinition, office: string): boolean {
  return handlesCasesOf(member, service) && member.offices.includes(office);
}

/** The member may see a case's personal values whole (audited): the same roles, the same scope. */
export const mayRevealCase = mayReadCases;

/** Only a system admin may open a case it cannot otherwise read, by giving a reason. */
export function mayBreakGlass(member: StaffMember): boolean {
  return member.roles.includes('system-admin');
}

/** Whether a break-glass grant made at `grantedAt` still opens the case at `now`. */
export function grantIsLive(grant: { expiresAt: string }, now: Date): boolean {
  return now.toISOString() < grant.expiresAt;
}

/** What the workbench offers a member, so that pages show only the links that lead somewhere. */
export interface StaffCapabilities {
  /** A queue of cases (a case-handling role for at least one service). */
  queue: boolean;
  /** A registry office's day (a clerk of marriage registration). */
  officeDay: boolean;
  /** A funeral home's day (a handler of funeral bookings: docs/decisions/072). */
  homeDay: boolean;
  /** Registry offices' schedules and closures. */
  officeSchedules: boolean;
  /** Loading a public-holiday year. */
  holidayYears: boolean;
  /** Opening a case by giving a reason. */
  breakGlass: boolean;
  /** The counts of ratings per office and service (好差评): case handlers and administrators. */
  ratings: boolean;
  /** The bureau dashboard's figures (docs/decisions/054): an office admin's offices, a system admin's all. */
  dashboard: boolean;
}

/** @param services the case services' definitions, and which of them a registry office's day shows */
export function capabilitiesOf(member: StaffMember, services: readonly { workflow: ServiceDefinition; registryDay: boolean; homeDay?: boolean }[]): StaffCapabilities {
  return {
    queue: services.some((service) => handlesCasesOf(member, service.workflow)),
    officeDay: services.some((service) => service.registryDay && handlesCasesOf(member, service.workflow)),
    homeDay: services.some((service) => service.homeDay === true && handlesCasesOf(member, service.workflow)),
    officeSchedules: member.roles.includes('office-admin') || member.roles.includes('system-admin'),
    holidayYears: member.roles.includes('system-admin'),
    breakGlass: mayBreakGlass(member),
    ratings: member.roles.some((role) => CASE_HANDLING_ROLES.includes(role) || role === 'office-admin' || role === 'system-admin'),
    dashboard: member.roles.includes('office-admin') || member.roles.includes('system-admin'),
  };
}
