/**
 * The public cemetery plot's journey, one question page at a time (the GOV.UK pattern), as data for
 * the journey engine (docs/decisions/028, 064): the plot (cemetery and kind), who died, where they
 * belonged (and, only where their household was registered elsewhere, whether they lived in the
 * district with a residence permit, and its photo), the proof the plot is sold against (the death
 * certificate's number, or the cremation certificate's photo), you, and your promise; then check
 * and send. Short pages for people who have just lost someone. Pure.
 */
import type { FlatAnswers } from '../../domain/journey.ts';
import { answersOnRoute, nestAnswers, type JourneyDefinition, type JourneyStepField } from '../../engine/journey/journey.ts';
import { CEMETERIES } from './cemeteries.ts';
import { PLOT_TYPES, PROOF_KINDS, RELATIONSHIPS } from './kinds.ts';

export const CEMETERY_SERVICE = 'public-cemetery';

const W = 'public-cemetery:cemetery';

/** What the files of each upload step are for (their label: fields.files.<purpose>). */
export const UPLOAD_PURPOSES = { cremation: 'cremationCertificate', residence: 'residenceProof' } as const;

const text = (path: string, more: Partial<JourneyStepField> = {}): JourneyStepField => ({ path, control: 'text', autocomplete: 'off', ...more });
const radios = (path: string, values: readonly string[], words: string): JourneyStepField => ({ path, control: 'radios', options: values.map((value) => ({ value, label: `${W}.${words}.${value}` })) });
const YES_NO = ['yes', 'no'] as const;

export const cemeteryJourney: JourneyDefinition = {
  service: CEMETERY_SERVICE,
  steps: [
    { step: 'plot', fields: [radios('plot.cemetery', CEMETERIES.map((each) => each.id), 'name'), radios('plot.type', PLOT_TYPES, 'type')] },
    { step: 'deceased', fields: [text('deceased.name'), text('deceased.idNumber', { width: 'medium' }), text('deceased.diedOn', { width: 'medium' })] },
    { step: 'residence', fields: [radios('residence.registeredHere', YES_NO, 'yesNo')] },
    // Asked only where the household was registered elsewhere: some cemeteries also take residents with a 居住证.
    { step: 'residence-permit', when: { field: 'residence.registeredHere', is: 'no' }, fields: [radios('residence.livedHere', YES_NO, 'yesNo')] },
    { step: 'residence-proof', kind: 'upload', when: { field: 'residence.livedHere', is: 'yes' }, fields: [], upload: { purpose: UPLOAD_PURPOSES.residence, min: 1, limits: { maxFiles: 5 } } },
    { step: 'proof', fields: [radios('proof.kind', PROOF_KINDS, 'proofKind')] },
    { step: 'death-certificate', when: { field: 'proof.kind', is: 'death-certificate' }, fields: [text('proof.deathCertificateNumber', { width: 'medium' })] },
    // PDF or a photo, as the file engine takes them: a photo of the paper certificate is enough.
    { step: 'cremation-certificate', kind: 'upload', when: { field: 'proof.kind', is: 'cremation-certificate' }, fields: [], upload: { purpose: UPLOAD_PURPOSES.cremation, min: 1, limits: { maxFiles: 5 } } },
    {
      step: 'applicant',
      fields: [
        text('family.name', { autocomplete: 'name' }),
        text('family.idNumber', { width: 'medium' }),
        text('family.phone', { autocomplete: 'tel', inputmode: 'tel', width: 'medium' }),
        radios('family.relationship', RELATIONSHIPS, 'relationship'),
      ],
    },
    { step: 'pledge', fields: [{ path: 'pledge', control: 'checkbox' }] },
  ],
};

const yesNo = (answer: unknown): unknown => (answer === 'yes' ? true : answer === 'no' ? false : answer);

/** The nested application the schema checks, from flat answers: only the steps asked; yes and no as true and false. */
export function cemeteryApplicationFrom(answers: FlatAnswers): Record<string, unknown> {
  const { pledge, ...asked } = answersOnRoute(cemeteryJourney, answers);
  const application = nestAnswers(cemeteryJourney, asked);
  const residence = application['residence'];
  if (residence && typeof residence === 'object') {
    const answered = residence as Record<string, unknown>;
    application['residence'] = { ...answered, registeredHere: yesNo(answered['registeredHere']), ...('livedHere' in answered ? { livedHere: yesNo(answered['livedHere']) } : {}) };
  }
  if (pledge !== undefined) application['pledge'] = pledge === 'yes';
  return application;
}

/** The files an application needs, by purpose: the proof of residence and the cremation certificate only on the route that asks for them. */
export function uploadsNeededFor(application: { residence: { registeredHere: boolean; livedHere?: boolean | undefined }; proof: { kind: string } }): Record<string, number> {
  return {
    [UPLOAD_PURPOSES.residence]: !application.residence.registeredHere && application.residence.livedHere === true ? 1 : 0,
    [UPLOAD_PURPOSES.cremation]: application.proof.kind === 'cremation-certificate' ? 1 : 0,
  };
}
