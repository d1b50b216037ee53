/**
 * An upload step in the journey engine (docs/decisions/031): its files are the file engine's, so the
 * answers keep only the count the reader continued with (`files.<purpose>`), which makes the step
 * answered at its minimum, belongs to the step (dropped when the step is no longer asked), and is
 * no schema path; the contract check knows what an upload step must say.
 */
import { describe, expect, it } from 'vitest';
import { journeyProblems } from '../../api/engine/journey/contract.ts';
import { firstUnanswered, isAnswered, ownsAnswer, settleAnswers, uploadAnswerKey, uploadPurposes, type JourneyDefinition, type StepDefinition } from '../../api/engine/journey/journey.ts';

const upload: StepDefinition = { step: 'proof', kind: 'upload', fields: [], upload: { purpose: 'incomeProof', min: 1, limits: { maxFiles: 3 } }, when: { field: 'working', is: 'yes' } };
const journey: JourneyDefinition = {
  service: 'upload-test',
  steps: [{ step: 'work', fields: [{ path: 'working', control: 'radios', options: [{ value: 'yes', label: 'yes' }, { value: 'no', label: 'no' }] }] }, upload],
};
const inputs = { schemaPaths: ['working'], languages: ['en'], hasKey: () => true };

describe('an upload step', () => {
  it('is answered once the reader continued with at least its minimum of files', () => {
    expect(uploadAnswerKey('incomeProof')).toBe('files.incomeProof');
    expect(isAnswered(journey, upload, {})).toBe(false);
    expect(isAnswered(journey, upload, { 'files.incomeProof': '0' })).toBe(false);
    expect(isAnswered(journey, upload, { 'files.incomeProof': '2' })).toBe(true);
    expect(firstUnanswered(journey, { working: 'yes' })).toBe('proof');
    expect(firstUnanswered(journey, { working: 'yes', 'files.incomeProof': '1' })).toBe('check');
  });

  it('owns its count, which goes when the step is no longer asked', () => {
    expect(ownsAnswer(journey, upload, 'files.incomeProof')).toBe(true);
    expect(ownsAnswer(journey, upload, 'files.other')).toBe(false);
    expect(settleAnswers(journey, { working: 'yes', 'files.incomeProof': '1' }, { working: 'no', 'files.incomeProof': '1' })).toEqual({ working: 'no' });
  });

  it('gives its purpose and limits to the service’s registration', () => {
    expect(uploadPurposes(journey)).toEqual({ incomeProof: { maxFiles: 3 } });
  });

  it('keeps the contract with no schema path of its own, and the check says what a wrong one lacks', () => {
    expect(journeyProblems(journey, inputs)).toEqual([]);
    const broken: JourneyDefinition = {
      service: 'upload-test',
      steps: [
        { step: 'a', kind: 'upload', fields: [] },
        { step: 'b', fields: [], upload: { purpose: 'x', min: 1 } },
        { step: 'c', kind: 'upload', fields: [], upload: { purpose: 'x', min: 4, limits: { maxFiles: 3 } } },
      ],
    };
    expect(journeyProblems(broken, { schemaPaths: [], languages: ['en'], hasKey: (_language, key) => key !== 'fields.files.x' })).toEqual([
      'upload step a says nothing of its files (upload)',
      'step b has files but is not an upload step',
      'files for x are asked by more than one step',
      'upload step c needs more files than it takes',
      'files for x are asked by more than one step',
      'en: no label fields.files.x (step b)',
      'en: no label fields.files.x (step c)',
    ]);
  });
});
