/**
 * The parts of 身后一件事 as case services (docs/decisions/066), made from the items' table: one per
 * department item, whose case is the department's work from the start (`handoffAtSubmission`) and
 * whose answer is recorded by 'system'; civil affairs staff send it again from the case page when a
 * department did not answer (`send-again`); and the portal's own step that stops the deceased's
 * allowances from the next month, confirmed by staff against the case's evidence. None is applied
 * for on its own (`partOnly`): each is made by the bundle's fan-out, with the bundle's agent as
 * the one who may track it.
 */
import { z } from 'zod';
import { textLine, textLines } from '../../domain/text.ts';
import type { ServiceDefinition } from '../../domain/workflow/workflow.ts';
import { register, type AnswerRow, type CaseService } from '../case-service.ts';
import { builtInApplicationPanel } from '../status-panel.ts';
import { departmentHandoff, RECORD_ANSWER } from './departments.ts';
import { AFTER_DEATH_ITEMS, partServiceId, type DepartmentItemId } from './items.ts';
import { AFTER_DEATH_AREA, AFTER_DEATH_OFFICE } from './office.ts';
import { allowanceStopSchema, departmentPartSchema, type AllowanceStopPart, type DepartmentPart } from './part-application.schema.ts';

const F = 'after-death:fields';

/** A department's answer, as the protocol brings it (or the failure the engine records after the last attempt): a part's answer as the bundle engine reads it (PartAnswer). */
const DepartmentAnswer = z.object({
  outcome: z.enum(['done', 'refused', 'failed']),
  reference: textLine().max(60).optional(),
  note: textLines().max(500).optional(),
  answeredOn: textLine().max(10).optional(),
});

function departmentWorkflow(item: DepartmentItemId): ServiceDefinition {
  const department = AFTER_DEATH_ITEMS[item].department;
  return {
    id: partServiceId(item),
    serviceArea: AFTER_DEATH_AREA,
    initialState: 'sent',
    // The department's part stays "sent": what came of it is its hand-off's answer, which the bundle's status page reads.
    states: { sent: {} },
    deadlines: {},
    transitions: [
      { name: RECORD_ANSWER, from: ['sent'], to: '@same', by: ['system'], input: DepartmentAnswer, visibility: 'internal' },
      // The retry staff take when a department did not answer (or refused and the family has since sorted it out).
      { name: 'send-again', from: ['sent'], to: '@same', by: ['intake'], handoff: department, visibility: 'internal' },
    ],
  };
}

/** The part's answers on the workbench: masked where personal, as every case's. */
function departmentRows(part: DepartmentPart): AnswerRow[] {
  return [
    { label: `${F}.item`, value: `after-death:afterDeath.item.${part.item}`, valueKey: true },
    { label: `${F}.deceased.name`, value: part.deceased.name },
    { label: `${F}.deceased.idNumber`, value: part.deceased.idNumber, personal: 'id' },
    { label: `${F}.deceased.diedOn`, value: part.deceased.diedOn, format: 'date' },
    { label: `${F}.deceased.deathCertificateNumber`, value: part.deceased.deathCertificateNumber, personal: 'id' },
    ...(part.deceased.socialSecurityCardNumber ? [{ label: `${F}.deceased.socialSecurityCardNumber`, value: part.deceased.socialSecurityCardNumber, personal: 'id' as const }] : []),
    { label: `${F}.handler.name`, value: part.handler.name },
    { label: `${F}.handler.phone`, value: part.handler.phone, personal: 'phone' },
    ...(part.account ? [{ label: `${F}.account.number`, value: part.account.number, personal: 'account' as const }] : []),
  ];
}

function departmentPartService(item: DepartmentItemId): CaseService<DepartmentPart> {
  const department = AFTER_DEATH_ITEMS[item].department;
  return {
    workflow: departmentWorkflow(item),
    words: `after-death:part.${item}`,
    statusPanel: builtInApplicationPanel(),
    partOnly: true,
    applicationSchema: () => departmentPartSchema as z.ZodType<DepartmentPart>,
    // Never read for a part: the fan-out gives each part the bundle's agent as the one who tracks it.
    applicant: (part) => ({ idNumber: part.handler.idNumber ?? '', phone: part.handler.phone }),
    // The bundle's one text names every part; a part's own steps are the department's and the office's.
    recipients: () => [],
    office: () => AFTER_DEATH_OFFICE,
    answerRows: (part) => departmentRows(part),
    handoffs: { [department]: departmentHandoff(department) },
    handoffAtSubmission: department,
    people: (part) => [part.deceased.idNumber],
  };
}

/** Stopping the deceased's allowances (低保, 特困, 高龄津贴, 两项补贴) from the month after the death: a step staff confirm. */
const StopConfirmed = z.object({
  stopFromMonth: textLine({ error: 'errors.workbench.firstMonth' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'errors.workbench.firstMonth').meta({ control: 'month' }),
  // Both together, never one alone: nothing about a death may reach a living person's allowance.
  identityChecked: z.enum(['yes'], { error: 'after-death:errors.afterDeath.identityChecked' }).meta({ control: 'radios' }),
  evidence: textLines().trim().min(2).max(1000).meta({ control: 'textarea', staffOnly: true, sealed: true }),
});
const NothingToStop = z.object({
  identityChecked: z.enum(['yes'], { error: 'after-death:errors.afterDeath.identityChecked' }).meta({ control: 'radios' }),
  evidence: textLines().trim().min(2).max(1000).meta({ control: 'textarea', staffOnly: true, sealed: true }),
});

export const allowanceStopWorkflow: ServiceDefinition = {
  id: partServiceId('allowance-stop'),
  serviceArea: AFTER_DEATH_AREA,
  initialState: 'submitted',
  states: { submitted: {}, stopped: { terminal: true, decided: true }, 'nothing-to-stop': { terminal: true, decided: true } },
  deadlines: { confirmation: { workingDays: 5 } },
  initialDeadlines: ['confirmation'],
  transitions: [
    { name: 'confirm-stop', from: ['submitted'], to: 'stopped', by: ['reviewer'], input: StopConfirmed, stopsDeadlines: ['confirmation'], visibility: 'applicant' },
    { name: 'none-to-stop', from: ['submitted'], to: 'nothing-to-stop', by: ['reviewer'], input: NothingToStop, stopsDeadlines: ['confirmation'], visibility: 'applicant' },
  ],
};

export const allowanceStopService: CaseService<AllowanceStopPart> = {
  workflow: allowanceStopWorkflow,
  words: 'after-death:part.allowance-stop',
  statusPanel: builtInApplicationPanel(),
  partOnly: true,
  recordedValues: { stopFromMonth: 'month' },
  applicationSchema: () => allowanceStopSchema as z.ZodType<AllowanceStopPart>,
  // Never read for a part (see above); the deceased is not the one who tracks it.
  applicant: () => ({ idNumber: '', phone: '' }),
  recipients: () => [],
  office: () => AFTER_DEATH_OFFICE,
  answerRows: (part) => [
    { label: `${F}.deceased.name`, value: part.deceased.name },
    { label: `${F}.deceased.idNumber`, value: part.deceased.idNumber, personal: 'id' },
    { label: `${F}.deceased.diedOn`, value: part.deceased.diedOn, format: 'date' },
    { label: `${F}.deceased.deathCertificateNumber`, value: part.deceased.deathCertificateNumber, personal: 'id' },
  ],
  // The deceased as one of the case's people: the cases of the portal about them are found through case_people.
  people: (part) => [part.deceased.idNumber],
};

/** Every part service, by its registry id: the registry spreads them in (one line). */
export const AFTER_DEATH_PART_SERVICES = {
  'after-death-household-deregistration': register(departmentPartService('household-deregistration')),
  'after-death-driving-licence': register(departmentPartService('driving-licence')),
  'after-death-medical-insurance': register(departmentPartService('medical-insurance')),
  'after-death-pension-account': register(departmentPartService('pension-account')),
  'after-death-survivor-benefits': register(departmentPartService('survivor-benefits')),
  'after-death-housing-fund': register(departmentPartService('housing-fund')),
  'after-death-allowance-stop': register(allowanceStopService),
} as const;
