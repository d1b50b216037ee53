/**
 * The eco-burial subsidy's journey, one question page at a time (the GOV.UK pattern), as data for
 * the journey engine (docs/decisions/028): who died, the burial, you (the person entitled to the
 * ashes), the cremation certificate, proof of your relationship (only where the office cannot check
 * it itself: no file is needed), the bank account and your promise that it is true, then check and send. Short
 * pages with few questions each, for people who have just lost someone. Pure.
 */
import type { FlatAnswers } from '../../domain/journey.ts';
import { answersOnRoute, nestAnswers, type JourneyDefinition, type JourneyStepField } from '../../engine/journey/journey.ts';
import { ECO_BURIAL_DISTRICTS } from './districts.ts';
import { BURIAL_KINDS, RELATIONSHIPS } from './kinds.ts';

export const ECO_BURIAL_SERVICE = 'eco-burial-subsidy';

const W = 'eco-burial-subsidy:ecoBurial';

/** What the files of each upload step are for (their label: fields.files.<purpose>). */
export const UPLOAD_PURPOSES = { cremation: 'cremationCertificate', relationship: 'relationshipProof' } as const;

const text = (path: string, more: Partial<JourneyStepField> = {}): JourneyStepField => ({ path, control: 'text', autocomplete: 'off', ...more });
const day = (path: string): JourneyStepField => text(path, { width: 'medium' });
const radios = (path: string, values: readonly string[], words: string): JourneyStepField => ({ path, control: 'radios', options: values.map((value) => ({ value, label: `${W}.${words}.${value}` })) });

export const ecoBurialJourney: JourneyDefinition = {
  service: ECO_BURIAL_SERVICE,
  steps: [
    { step: 'deceased', fields: [text('deceased.name', { autocomplete: 'off' }), text('deceased.idNumber', { width: 'medium' }), day('deceased.diedOn'), text('deceased.deathCertificateNumber', { width: 'medium' })] },
    {
      step: 'burial',
      fields: [
        radios('burial.district', ECO_BURIAL_DISTRICTS.map((district) => district.id), 'district'),
        radios('burial.kind', BURIAL_KINDS, 'kind'),
        day('burial.buriedOn'),
        text('burial.place'),
      ],
    },
    {
      step: 'claimant',
      fields: [
        text('claimant.name', { autocomplete: 'name' }),
        text('claimant.idNumber', { width: 'medium' }),
        text('claimant.phone', { autocomplete: 'tel', inputmode: 'tel', width: 'medium' }),
        radios('claimant.relationship', RELATIONSHIPS, 'relationship'),
      ],
    },
    // PDF or a photo, as the file engine takes them: a photo of the paper certificate is enough.
    { step: 'cremation-certificate', kind: 'upload', fields: [], upload: { purpose: UPLOAD_PURPOSES.cremation, min: 1, limits: { maxFiles: 5 } } },
    // The office checks the relationship in the household register itself; a file only helps where it cannot (the guide).
    { step: 'relationship-proof', kind: 'upload', fields: [], upload: { purpose: UPLOAD_PURPOSES.relationship, min: 0, limits: { maxFiles: 5 } } },
    { step: 'account', fields: [text('account.bankName'), text('account.holder', { autocomplete: 'name' }), text('account.number', { inputmode: 'numeric' })] },
    { step: 'pledge', fields: [{ path: 'pledge', control: 'checkbox' }] },
  ],
};

/** The nested application the schema checks, from flat answers: only the steps asked; the ticked promise is true. */
export function ecoBurialApplicationFrom(answers: FlatAnswers): Record<string, unknown> {
  const { pledge, ...asked } = answersOnRoute(ecoBurialJourney, answers);
  const application = nestAnswers(ecoBurialJourney, asked);
  if (pledge !== undefined) application['pledge'] = pledge === 'yes';
  return application;
}
