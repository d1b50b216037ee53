/**
 * The services of the case core, as data. Adding a service means adding an entry here (its
 * workflow, its application schema, and how to read the applicant's contact from an application),
 * its form pages and its guide — no engine code.
 */
import type { z } from 'zod';
import type { ServiceDefinition } from '../domain/workflow/workflow.ts';
import { oldAgeAllowanceApplicationSchema, type OldAgeAllowanceApplication } from './old-age-allowance/application.schema.ts';
import { OLD_AGE_ALLOWANCE_DISTRICTS } from './old-age-allowance/districts.ts';
import { oldAgeAllowanceWorkflow } from './old-age-allowance/workflow.ts';

export interface ApplicantContact {
  /** The ID number that, with the tracking number, opens the status page. */
  idNumber: string;
  /** The phone that receives notifications (the agent's when there is one) and also opens the status page. */
  phone: string;
}

export interface CaseService<Application> {
  workflow: ServiceDefinition;
  applicationSchema(today: string): z.ZodType<Application>;
  applicant(application: Application): ApplicantContact;
  office(application: Application): string;
}

const oldAgeAllowance: CaseService<OldAgeAllowanceApplication> = {
  workflow: oldAgeAllowanceWorkflow,
  applicationSchema: (today) => oldAgeAllowanceApplicationSchema({ today, districts: OLD_AGE_ALLOWANCE_DISTRICTS }),
  applicant: (application) => ({ idNumber: application.elder.idNumber, phone: application.agent?.phone ?? application.elder.phone }),
  office: (application) => OLD_AGE_ALLOWANCE_DISTRICTS.find((d) => d.id === application.district)?.office ?? application.district,
};

export const CASE_SERVICES = { 'old-age-allowance': oldAgeAllowance } as const;
export type CaseServiceId = keyof typeof CASE_SERVICES;
export const CASE_SERVICE_IDS = Object.keys(CASE_SERVICES) as CaseServiceId[];
