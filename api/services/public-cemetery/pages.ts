/**
 * What the generic question pages (site/pages/apply/[service]/, docs/decisions/028) need of the
 * public cemetery plot: its journey, the schema that checks it, its words' prefix and how its
 * answers become the application. Data: the service's registration for its pages, in its own folder.
 */
import type { JourneyPages } from '../service-package.ts';
import type { CemeteryApplication } from './application.schema.ts';
import { CEMETERY_SERVICE, cemeteryApplicationFrom, cemeteryJourney } from './journey.ts';
import { cemeteryService } from './service.ts';

export const cemeteryPages: JourneyPages<CemeteryApplication> = {
  service: CEMETERY_SERVICE,
  journey: cemeteryJourney,
  messages: 'public-cemetery:cemetery',
  startNeeds: ['deceased', 'certificate', 'residence', 'id'],
  guide: 'public-cemetery-burial',
  stepText: { pledge: 'public-cemetery:cemetery.pledgeText' },
  checkboxLabels: { pledge: 'public-cemetery:cemetery.pledgeAgree' },
  schema: (today, data) => cemeteryService.applicationSchema(today, data),
  fieldSchemas: {},
  notInSchema: [],
  applicationFrom: cemeteryApplicationFrom,
  answerRows: (application, lang, data) => cemeteryService.answerRows(application, lang, data),
  smsTo: (application) => application.family.phone,
  confirmationMore: { title: 'public-cemetery:cemeteryCase.objection.title', paragraphs: ['public-cemetery:cemeteryCase.objection.review', 'public-cemetery:cemeteryCase.objection.help'] },
};
