/**
 * Sealed timeline fields (docs/decisions/045, 049): sealed says how a value is stored (encrypted in
 * its event), not who reads it. The workbench opens every sealed value; the applicant's status page
 * opens the ones it showed before (a refusal's reason, the 补正 list) and never shows a `staffOnly`
 * one (an opinion, an objection); a text's sealed parameter stays sealed in the outbox until it is
 * rendered; the start's re-seal seals a plain value in place and leaves a sealed one as it is.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applicantDetails, EVENT_INPUT_CONTEXT, openedDetails, sealEventInput, stepParams } from '../../api/cases/case-service.ts';
import { eventSealsName, resealedInput, sealedEventFields } from '../../api/cases/event-seals.ts';
import { renderNotification } from '../../api/notifications/delivery.ts';
import { createFieldCrypto } from '../../api/platform/field-crypto.ts';
import { BUILT_IN_SERVICES } from '../../api/services/registry.ts';
import { oldAgeAllowanceWorkflow } from '../../api/services/old-age-allowance/workflow.ts';
import { minimumLivingAllowanceWorkflow } from '../../api/services/social-relief/minimum-living-allowance/workflow.ts';

const crypto = createFieldCrypto(randomBytes(32));
const allowance = { workflow: oldAgeAllowanceWorkflow };
const dibao = { workflow: minimumLivingAllowanceWorkflow };
const REASON = '经核查，老人户籍不在本区，请向户籍所在地申请。';
const DOCUMENTS = '老人本人的银行卡或社保卡（复印件）';
const OPINION = '经审核，老人户籍和年龄属实，同意上报审批。';

/** The input as its event stores it (what insertEvent writes). */
const stored = (service: typeof allowance, transition: string, input: Record<string, unknown>) => JSON.stringify(sealEventInput(crypto, service, transition, input));

describe('a step’s sealed fields', () => {
  it('are encrypted in the event, the others kept as they are', () => {
    const json = stored(dibao, 'approve', { amountFen: 170_000, firstMonth: '2027-01', reason: '家庭人均收入低于当地低保标准。' });
    const input = JSON.parse(json) as Record<string, unknown>;
    expect(input['amountFen']).toBe(170_000);
    expect(input['firstMonth']).toBe('2027-01');
    expect(json).not.toContain('低保标准');
    expect(crypto.decrypt(String(input['reason']), EVENT_INPUT_CONTEXT)).toBe('家庭人均收入低于当地低保标准。');
  });

  it('are opened for staff, an opinion and an objection included', () => {
    expect(openedDetails(crypto, allowance, 'review', stored(allowance, 'review', { opinion: OPINION }))).toEqual({ opinion: OPINION });
    expect(openedDetails(crypto, dibao, 'record-objection', stored(dibao, 'record-objection', { text: '他家开了小卖部。', contact: '13900001234' }))).toEqual({ text: '他家开了小卖部。', contact: '13900001234' });
  });

  it('are opened for the applicant where the status page showed them (a reason, the 补正 list), and a staffOnly one is left out', () => {
    expect(applicantDetails(crypto, allowance, 'refuse', stored(allowance, 'refuse', { reason: REASON }))).toEqual({ reason: REASON });
    expect(applicantDetails(crypto, allowance, 'request-documents', stored(allowance, 'request-documents', { documents: DOCUMENTS }))).toEqual({ documents: DOCUMENTS });
    expect(applicantDetails(crypto, allowance, 'review', stored(allowance, 'review', { opinion: OPINION }))).toEqual({});
    expect(applicantDetails(crypto, dibao, 'give-opinion', stored(dibao, 'give-opinion', { opinion: '建议纳入低保。', amountFen: 170_000 }))).toEqual({ amountFen: '170000' });
    expect(applicantDetails(crypto, dibao, 'record-objection', stored(dibao, 'record-objection', { text: '他家开了小卖部。' }))).toEqual({});
  });

  it('seal a 补正 answer’s note and the files’ names (its transition has no input of its own), opened as the one line the views show', () => {
    const json = stored(allowance, 'provide-documents', { note: '银行卡在第二页', providedFiles: ['张秀英银行卡.pdf', '户口本.jpg'] });
    expect(json).not.toMatch(/银行卡|户口本/);
    expect(applicantDetails(crypto, allowance, 'provide-documents', json)).toEqual({ note: '银行卡在第二页', providedFiles: '张秀英银行卡.pdf; 户口本.jpg' });
    expect(openedDetails(crypto, allowance, 'provide-documents', json)).toEqual({ note: '银行卡在第二页', providedFiles: '张秀英银行卡.pdf; 户口本.jpg' });
  });

  it('stored before they were sealed are shown as stored, not refused', () => {
    const legacy = JSON.stringify({ reason: REASON });
    expect(openedDetails(crypto, allowance, 'refuse', legacy)).toEqual({ reason: REASON });
    expect(applicantDetails(crypto, allowance, 'refuse', legacy)).toEqual({ reason: REASON });
  });
});

describe('a step’s text', () => {
  it('gets the reason sealed as a secret parameter, rendered whole for sending, and never the opinion', () => {
    const params = stepParams(crypto, allowance, 'refuse', { reason: REASON });
    expect(Object.keys(params)).toEqual(['reasonEnc']);
    expect(JSON.stringify(params)).not.toContain('户籍');
    expect(renderNotification({ template: 'case.refused', lang: 'zh-CN', params_json: JSON.stringify({ trackingNumber: '7KQ4-M9XH-2CP', ...params }) }, crypto)).toBe(
      `【民政一网通办】您的申请（办件编号 7KQ4-M9XH-2CP）未获批准，原因：${REASON}。`,
    );
    expect(stepParams(crypto, allowance, 'review', { opinion: OPINION })).toEqual({});
    expect(stepParams(crypto, allowance, 'approve', { monthlyAmount: 60, firstMonth: '2027-01' })).toEqual({ monthlyAmount: '60', firstMonth: '2027-01' });
  });
});

describe('the re-seal of events stored before their fields were sealed', () => {
  it('seals each plain value of a sealed field, and leaves a sealed one and every other field as they are', () => {
    const plain = JSON.stringify({ amountFen: 170_000, firstMonth: '2027-01', reason: '符合条件。' });
    const resealed = resealedInput(crypto, plain, ['reason']);
    expect(resealed).toBeDefined();
    expect(resealed).not.toContain('符合条件');
    const input = JSON.parse(resealed ?? '{}') as Record<string, unknown>;
    expect(input).toMatchObject({ amountFen: 170_000, firstMonth: '2027-01' });
    expect(crypto.decrypt(String(input['reason']), EVENT_INPUT_CONTEXT)).toBe('符合条件。');
    // Sealed already: nothing to do, the stored text stays byte for byte.
    expect(resealedInput(crypto, resealed ?? '', ['reason'])).toBeUndefined();
    // One field sealed, one not (an event written half-way through the change): only the plain one.
    const half = JSON.stringify({ text: crypto.encrypt('已封存', EVENT_INPUT_CONTEXT), contact: '13900001234' });
    const fixed = JSON.parse(resealedInput(crypto, half, ['text', 'name', 'contact']) ?? '{}') as Record<string, string>;
    expect(fixed['text']).toBe((JSON.parse(half) as Record<string, string>)['text']);
    expect(crypto.decrypt(fixed['contact'] ?? '', EVENT_INPUT_CONTEXT)).toBe('13900001234');
    expect(fixed).not.toHaveProperty('name');
  });

  it('seals a value that only looks sealed (typed text, or sealed with another key) rather than trusting its shape', () => {
    const other = createFieldCrypto(randomBytes(32)).encrypt('另一个密钥', EVENT_INPUT_CONTEXT);
    const resealed = JSON.parse(resealedInput(crypto, JSON.stringify({ reason: other }), ['reason']) ?? '{}') as Record<string, string>;
    expect(crypto.decrypt(resealed['reason'] ?? '', EVENT_INPUT_CONTEXT)).toBe(other);
  });

  it('is named by the sealed fields of the portal’s services: the same for the same fields, another when one more is sealed', () => {
    const sealed = sealedEventFields(BUILT_IN_SERVICES);
    expect(sealed).toContainEqual({ service: 'old-age-allowance', transition: 'review', fields: ['opinion'] });
    expect(sealed).toContainEqual({ service: 'old-age-allowance', transition: 'request-documents', fields: ['documents'] });
    expect(sealed).toContainEqual({ service: 'old-age-allowance', transition: 'provide-documents', fields: ['note', 'providedFiles'] });
    expect(sealed.find((entry) => entry.service === 'old-age-allowance' && entry.transition === 'approve')).toBeUndefined();
    expect(eventSealsName(sealed)).toBe(eventSealsName([...sealed].reverse()));
    expect(eventSealsName(sealed)).not.toBe(eventSealsName([...sealed, { service: 'old-age-allowance', transition: 'approve', fields: ['firstMonth'] }]));
  });
});
