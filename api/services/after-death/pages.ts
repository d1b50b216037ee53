/**
 * What the generic question pages (site/pages/apply/[service]/, docs/decisions/028) need of
 * 身后一件事: its journey, the schema, its words' prefix and how its answers become the application.
 */
import type { JourneyPages } from '../service-package.ts';
import type { AfterDeathApplication } from './application.schema.ts';
import { AFTER_DEATH_SERVICE, afterDeathApplicationFrom, afterDeathJourney } from './journey.ts';
import { afterDeathService } from './service.ts';

export const afterDeathPages: JourneyPages<AfterDeathApplication> = {
  service: AFTER_DEATH_SERVICE,
  journey: afterDeathJourney,
  messages: 'after-death:afterDeath',
  startNeeds: ['deceased', 'certificate', 'id', 'card', 'bank'],
  guide: 'basic-funeral-services',
  stepText: { items: 'after-death:afterDeath.itemsText' },
  checkboxLabels: Object.fromEntries(afterDeathJourney.steps.find((step) => step.step === 'items')?.fields.map((field) => [field.path, `after-death:afterDeath.itemLabel.${field.path.slice('items.'.length)}`]) ?? []),
  schema: (today, data) => afterDeathService.applicationSchema(today, data),
  fieldSchemas: {},
  notInSchema: [],
  applicationFrom: afterDeathApplicationFrom,
  answerRows: (application, lang, data) => afterDeathService.answerRows(application, lang, data),
  smsTo: (application) => application.handler.phone,
};
