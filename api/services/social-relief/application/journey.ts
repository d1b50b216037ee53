/**
 * The relief applications' journeys (docs/decisions/042): one builder, sections and steps as data,
 * each service's variant its own parts. A task list (every section may be done in any order, the
 * declarations last); the household an "add another" whose first member is the applicant (the
 * engine's known first item: only their circumstances are asked again); documents as upload steps
 * that need no file (what the government looks up itself is never asked for, 第六十二条); and the
 * answers → application mapping. Pure.
 */
import type { FlatAnswers } from '../../../domain/journey.ts';
import { answersOnRoute, nestAnswers, type JourneyDefinition, type JourneyStepField, type SectionDefinition, type StepDefinition } from '../../../engine/journey/journey.ts';
import { RELIEF_TOWNSHIPS } from '../areas.ts';
import { INCOME_KINDS } from '../eligibility.ts';
import { RELIEF_APPLICATION_FIGURES } from './figures.ts';
import { areaOf, DISABILITIES, EMERGENCIES, HEALTH, HOUSING, OCCUPATIONS, RELATIONSHIPS, SUPPORTERS, YES_NO, type ReliefApplicationKind } from './schema.ts';

/** Each application's service id (the registry's, the API path's, the guide's slug). */
export const RELIEF_SERVICE_IDS = {
  dibao: 'minimum-living-allowance',
  tekun: 'extreme-poverty-support',
  temporary: 'temporary-assistance',
} as const satisfies Record<ReliefApplicationKind, string>;

const W = 'social-relief:application';

const radios = (path: string, values: readonly string[], words: string): JourneyStepField => ({ path, control: 'radios', options: values.map((value) => ({ value, label: `${W}.form.${words}.${value}` })) });
const amount = (path: string, optional = false): JourneyStepField => ({ path, control: 'text', inputmode: 'text', width: 'medium', autocomplete: 'off', ...(optional ? { optional } : {}) });

/** Every community, named with its township (村/社区 of areas.ts). */
const COMMUNITY_FIELD: JourneyStepField = {
  path: 'area.community',
  control: 'radios',
  options: RELIEF_TOWNSHIPS.flatMap((township) => township.communities.map((community) => ({ value: community.id, label: `${W}.form.community.${community.id}` }))),
};

/** A household member's questions; the applicant (the first) is asked only their circumstances. */
const MEMBER_FIELDS: readonly JourneyStepField[] = [
  { path: 'name', control: 'text', autocomplete: 'off' },
  radios('relationship', RELATIONSHIPS.filter((value) => value !== 'self'), 'relationship'),
  { path: 'idNumber', control: 'text', autocomplete: 'off', width: 'medium' },
  radios('occupation', OCCUPATIONS, 'occupation'),
  radios('disability', DISABILITIES, 'disability'),
  radios('health', HEALTH, 'health'),
  // Blank: none of that kind (the schema leaves it out), so that ten boxes need not each be typed 0.
  ...INCOME_KINDS.map((kind) => amount(`incomes.${kind}`, true)),
  { path: 'authorisation', control: 'checkbox', optional: true },
];
const APPLICANT_ASKED = MEMBER_FIELDS.map((field) => field.path).filter((path) => !['name', 'relationship', 'idNumber'].includes(path));

export const UPLOAD_PURPOSES = { income: 'incomeProof', health: 'healthProof', situation: 'situationProof' } as const;

export function reliefJourney(kind: ReliefApplicationKind): JourneyDefinition {
  const temporary = kind === 'temporary';
  const sections: SectionDefinition[] = [
    { id: 'applicant' },
    { id: 'household' },
    { id: 'assets' },
    ...(temporary ? [{ id: 'situation' }] : []),
    { id: 'documents' },
    { id: 'declarations', after: ['applicant', 'household', 'assets', ...(temporary ? ['situation'] : []), 'documents'] },
  ];
  const where: StepDefinition = { step: 'where', section: temporary ? 'situation' : 'applicant', fields: [COMMUNITY_FIELD] };
  const steps: StepDefinition[] = [
    ...(temporary ? [] : [where]),
    {
      step: 'applicant',
      section: 'applicant',
      fields: [
        { path: 'applicant.name', control: 'text', autocomplete: 'name' },
        { path: 'applicant.idNumber', control: 'text', autocomplete: 'off', width: 'medium' },
        { path: 'applicant.phone', control: 'text', autocomplete: 'tel', inputmode: 'tel', width: 'medium' },
      ],
    },
    { step: 'household', section: 'household', kind: 'add-another', collection: 'household', fields: [] },
    ...(kind === 'tekun' ? [{ step: 'support', section: 'household', fields: [radios('support.ableToWork', YES_NO, 'yesNo'), radios('support.supporters', SUPPORTERS, 'supporters')] }] : []),
    { step: 'property', section: 'assets', fields: [radios('assets.housing', HOUSING, 'housing'), amount('assets.vehicles')] },
    { step: 'savings', section: 'assets', fields: [amount('assets.deposits'), amount('assets.securities'), amount('assets.insurance'), amount('assets.other')] },
    ...(temporary
      ? [
          { step: 'what-happened', section: 'situation', fields: [radios('situation.what', EMERGENCIES, 'emergency'), { path: 'situation.description', control: 'textarea' as const }, { path: 'situation.happenedOn', control: 'text' as const, width: 'medium' as const, autocomplete: 'off' }] },
          where,
          { step: 'help-now', section: 'situation', fields: [radios('situation.needsHelpNow', YES_NO, 'yesNo')] },
        ]
      : []),
    { step: 'income-documents', section: 'documents', kind: 'upload', fields: [], upload: { purpose: UPLOAD_PURPOSES.income, min: 0 } },
    { step: 'health-documents', section: 'documents', kind: 'upload', fields: [], upload: { purpose: UPLOAD_PURPOSES.health, min: 0 } },
    ...(temporary ? [{ step: 'situation-documents', section: 'documents', kind: 'upload' as const, fields: [], upload: { purpose: UPLOAD_PURPOSES.situation, min: 0 } }] : []),
    { step: 'close-relative', section: 'declarations', fields: [radios('closeRelative', YES_NO, 'yesNo')] },
    { step: 'commitment', section: 'declarations', fields: [{ path: 'commitment', control: 'checkbox' }] },
  ];
  return {
    service: RELIEF_SERVICE_IDS[kind],
    sections,
    collections: {
      household: {
        path: 'household',
        min: 1,
        max: RELIEF_APPLICATION_FIGURES.householdMax,
        fields: MEMBER_FIELDS,
        first: { fields: APPLICANT_ASKED, label: `${W}.form.householdSelf` },
        summary: ['relationship'],
      },
    },
    steps,
  };
}

/** Paths the pages never ask: the area's township and district follow from its community; the applicant's own member item takes their name and ID number. */
export const DERIVED_PATHS = ['area.district', 'area.township'] as const;

/**
 * The application the schema checks, from the draft's answers: only the steps on the route; a blank
 * income is none (left out); ticked boxes are true; the first member is the applicant ('self', their
 * name and ID number); the area's township and district are the community's.
 */
export function reliefApplicationFrom(journey: JourneyDefinition) {
  return (answers: FlatAnswers): Record<string, unknown> => {
    const asked = Object.fromEntries(Object.entries(answersOnRoute(journey, answers)).filter(([key, value]) => !(value === '' && /^household\.\d+\.incomes\./.test(key))));
    const { commitment, ...rest } = asked;
    const application = nestAnswers(journey, rest);
    if (commitment !== undefined) application['commitment'] = commitment === 'yes';
    const household = application['household'];
    if (Array.isArray(household)) {
      household.forEach((member: Record<string, unknown>) => {
        member['authorisation'] = member['authorisation'] === 'yes';
        member['incomes'] ??= {};
      });
      const applicant = (application['applicant'] ?? {}) as Record<string, unknown>;
      if (household[0]) Object.assign(household[0], { relationship: 'self', name: applicant['name'], idNumber: applicant['idNumber'] });
    }
    const area = (application['area'] ?? {}) as Record<string, unknown>;
    const community = typeof area['community'] === 'string' ? area['community'] : undefined;
    if (community !== undefined) application['area'] = areaOf(community) ?? { community };
    return application;
  };
}
