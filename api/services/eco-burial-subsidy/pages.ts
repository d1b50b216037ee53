/**
 * What the generic question pages (site/pages/apply/[service]/, docs/decisions/028) need of the
 * eco-burial subsidy: its journey, the schema that checks it, its words' prefix and how its answers
 * become the application. Data: the service's registration for its pages, in its own folder.
 */
import type { JourneyPages } from '../service-package.ts';
import type { EcoBurialApplication } from './application.schema.ts';
import { ECO_BURIAL_SERVICE, ecoBurialApplicationFrom, ecoBurialJourney } from './journey.ts';
import { ecoBurialService } from './service.ts';

export const ecoBurialPages: JourneyPages<EcoBurialApplication> = {
  service: ECO_BURIAL_SERVICE,
  journey: ecoBurialJourney,
  messages: 'eco-burial-subsidy:ecoBurial',
  startNeeds: ['deceased', 'certificate', 'cremation', 'id', 'bank'],
  guide: 'eco-burial-subsidy',
  stepText: { pledge: 'eco-burial-subsidy:ecoBurial.pledgeText', 'relationship-proof': 'eco-burial-subsidy:ecoBurial.relationshipProofText' },
  checkboxLabels: { pledge: 'eco-burial-subsidy:ecoBurial.pledgeAgree' },
  schema: (today, data) => ecoBurialService.applicationSchema(today, data),
  fieldSchemas: {},
  notInSchema: [],
  applicationFrom: ecoBurialApplicationFrom,
  answerRows: (application, lang, data) => ecoBurialService.answerRows(application, lang, data),
  smsTo: (application) => application.claimant.phone,
  confirmationMore: { title: 'eco-burial-subsidy:ecoBurialCase.objection.title', paragraphs: ['eco-burial-subsidy:ecoBurialCase.objection.review', 'eco-burial-subsidy:ecoBurialCase.objection.help'] },
};
