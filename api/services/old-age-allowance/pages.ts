/**
 * What the generic question pages (site/pages/apply/[service]/, docs/decisions/028) need of 高龄津贴:
 * its journey, the schema that checks it, its words' prefix and how its answers become the
 * application. Data: the service's registration for its pages, in its own folder.
 */
import { CASE_SERVICES } from '../registry.ts';
import type { JourneyPages } from '../service-package.ts';
import { oldAgeAllowanceApplicationSchema, type OldAgeAllowanceApplication } from './application.schema.ts';
import { OLD_AGE_ALLOWANCE_DISTRICTS } from './districts.ts';
import { applicationFrom, HasAgentSchema, NOT_IN_APPLICATION, oldAgeAllowanceJourney } from './journey.ts';

export const oldAgeAllowancePages: JourneyPages<OldAgeAllowanceApplication> = {
  service: 'old-age-allowance',
  journey: oldAgeAllowanceJourney(OLD_AGE_ALLOWANCE_DISTRICTS),
  messages: 'old-age-allowance:application',
  startNeeds: ['elderId', 'phone', 'bank', 'agentId'],
  guide: 'old-age-allowance',
  stepText: { declaration: 'old-age-allowance:application.declarationText' },
  checkboxLabels: { declaration: 'old-age-allowance:application.declarationAgree' },
  schema: (today, data) => CASE_SERVICES['old-age-allowance'].applicationSchema(today, data) as ReturnType<typeof oldAgeAllowanceApplicationSchema>,
  fieldSchemas: { hasAgent: HasAgentSchema },
  notInSchema: NOT_IN_APPLICATION,
  applicationFrom,
  answerRows: (application, lang, data) => CASE_SERVICES['old-age-allowance'].answerRows(application, lang, data),
  smsTo: (application) => CASE_SERVICES['old-age-allowance'].applicant(application).phone,
};
