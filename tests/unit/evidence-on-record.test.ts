/**
 * A document the portal holds itself in place of a file (docs/decisions/074), its pure parts: the
 * files an application then needs, which evidence a service may give, how the eco-burial subsidy
 * reads who died from an application or the answers so far (both numbers, never one), what it asks
 * the funeral record and makes of its answer, and an upload step answered "on record".
 */
import { describe, expect, it, vi } from 'vitest';
import { evidenceForPurposes, filesNeededBeside } from '../../api/domain/cases/evidence-on-record.ts';
import { firstUnanswered, isAnswered, nestAnswers, uploadAnswerKey, UPLOAD_ON_RECORD } from '../../api/engine/journey/journey.ts';
import { cremationEvidence, deceasedOnRecord, type CremationLookup } from '../../api/services/eco-burial-subsidy/cremation-on-record.ts';
import { ecoBurialJourney } from '../../api/services/eco-burial-subsidy/journey.ts';
import { CASE_SERVICES } from '../../api/services/registry.ts';
import type { RecordDeps } from '../../api/services/case-service.ts';
import { ecoBurialAnswers, ecoBurialApplication, personId } from '../support/applications.ts';

const TODAY = '2026-12-12';
const DEPS = { today: TODAY } as RecordDeps;
const found = (purpose: string) => ({ purpose, trackingNumber: '1234-5678-901', place: 'funeral:homes.demo-district-funeral-home.name' });

describe('the files an application needs beside what the portal holds', () => {
  it.each([
    ['nothing found: the minimums as they were', { cremationCertificate: 1, relationshipProof: 0 }, [], { cremationCertificate: 1, relationshipProof: 0 }],
    ['the certificate found: none of it needed', { cremationCertificate: 1, relationshipProof: 0 }, ['cremationCertificate'], { cremationCertificate: 0, relationshipProof: 0 }],
    ['a purpose not needed stays as it was', { cremationCertificate: 2 }, ['relationshipProof'], { cremationCertificate: 2 }],
  ])('%s', (_case, needed, purposes, expected) => {
    expect(filesNeededBeside(needed, purposes.map(found))).toEqual(expected);
  });

  it('keeps evidence only for purposes the service takes files for, once each', () => {
    expect(evidenceForPurposes([found('cremationCertificate'), found('somethingElse'), { ...found('cremationCertificate'), trackingNumber: '9999-9999-999' }], ['cremationCertificate', 'relationshipProof'])).toEqual([found('cremationCertificate')]);
  });
});

describe('who died, as the cremation record is found by', () => {
  const answers = (overrides: Record<string, string> = {}) => nestAnswers(ecoBurialJourney, ecoBurialAnswers(7401, overrides));

  it('reads both numbers from an application and from the answers so far, normalised', () => {
    expect(deceasedOnRecord(ecoBurialApplication(7401), TODAY)).toEqual({ idNumber: personId(7401, 'male', '19400301'), deathCertificateNumber: 'A110007401' });
    expect(deceasedOnRecord(answers({ 'deceased.deathCertificateNumber': 'a1100 07401' }), TODAY)?.deathCertificateNumber).toBe('A110007401');
  });

  it.each([
    ['no death certificate number', { 'deceased.deathCertificateNumber': '' }],
    ['no ID number', { 'deceased.idNumber': '' }],
    ['an ID number whose check digit is wrong', { 'deceased.idNumber': `${personId(7401, 'male', '19400301').slice(0, 17)}${personId(7401, 'male', '19400301').endsWith('1') ? '2' : '1'}` }],
    ['a death certificate number with characters it cannot have', { 'deceased.deathCertificateNumber': '死亡证明' }],
  ])('finds nothing to ask with %s', (_case, overrides) => {
    expect(deceasedOnRecord(answers(overrides), TODAY)).toBeUndefined();
  });

  it('finds nothing before the deceased step is answered', () => {
    expect(deceasedOnRecord({}, TODAY)).toBeUndefined();
    expect(deceasedOnRecord(undefined, TODAY)).toBeUndefined();
  });
});

describe('the eco-burial subsidy’s evidence hook', () => {
  it('asks the record with both numbers and gives the certificate’s purpose, the booking and the home', async () => {
    const lookup = vi.fn<CremationLookup>(async () => ({ trackingNumber: '1234-5678-901', place: 'funeral:homes.demo-district-funeral-home.name' }));
    expect(await cremationEvidence(lookup)(DEPS, ecoBurialApplication(7401))).toEqual([found('cremationCertificate')]);
    expect(lookup).toHaveBeenCalledWith(DEPS, { idNumber: personId(7401, 'male', '19400301'), deathCertificateNumber: 'A110007401' });
  });

  it('does not ask at all while either number is missing, and gives nothing when the record has none', async () => {
    const lookup = vi.fn<CremationLookup>(async () => undefined);
    expect(await cremationEvidence(lookup)(DEPS, { deceased: { idNumber: personId(7401, 'male', '19400301') } })).toEqual([]);
    expect(lookup).not.toHaveBeenCalled();
    expect(await cremationEvidence(lookup)(DEPS, ecoBurialApplication(7401))).toEqual([]);
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('is declared by the registry for the subsidy (the funeral record passed in), and by no other service', () => {
    expect(CASE_SERVICES['eco-burial-subsidy'].evidenceOnRecord).toBeTypeOf('function');
    expect(Object.entries(CASE_SERVICES).filter(([, service]) => service.evidenceOnRecord).map(([id]) => id)).toEqual(['eco-burial-subsidy']);
  });
});

describe('an upload step answered on record', () => {
  const step = ecoBurialJourney.steps.find((candidate) => candidate.step === 'cremation-certificate');
  const key = uploadAnswerKey('cremationCertificate');

  it.each([
    ['continued on record', UPLOAD_ON_RECORD, true],
    ['one file', '1', true],
    ['no file', '0', false],
    ['not answered', undefined, false],
    ['anything else', 'found', false],
  ])('is answered when %s', (_case, value, answered) => {
    if (!step) throw new Error('the journey has no cremation-certificate step');
    const answers = { ...ecoBurialAnswers(7401), [key]: value ?? '' };
    if (value === undefined) delete answers[key];
    expect(isAnswered(ecoBurialJourney, step, answers)).toBe(answered);
  });

  it('lets the journey go on to the check page without a file', () => {
    expect(firstUnanswered(ecoBurialJourney, ecoBurialAnswers(7401, { [key]: UPLOAD_ON_RECORD }))).toBe('check');
  });
});
