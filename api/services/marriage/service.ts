/**
 * Marriage registration as services of the case core: an appointment (marriage, reissue) and a
 * divorce, a service of its own with two visits, both booked through the booking journey and the
 * registry offices the runtime holds (docs/decisions/010, 035).
 */
import type { ServiceDefinition } from '../../domain/workflow/workflow.ts';
import type { AppointmentEffect } from '../../engine/booking/appointment-effect.ts';
import { draftPolicyOf } from '../../engine/drafts/draft-rules.ts';
import type { WordsRoot } from '../../i18n/message-keys.ts';
import type { AnswerRow, CaseService } from '../case-service.ts';
import type { StatusPanel } from '../status-panel.ts';
import { marriageAppointmentSchema, type MarriageAppointment } from './appointment.schema.ts';
import { divorceAppointmentEffects, divorceWorkflow, WITHDRAWAL_SETTING } from './divorce-workflow.ts';
import { BOOKING_JOURNEY } from './journey.ts';
import { officeName } from './offices.ts';
import { appointmentStatusPanel, divorceStatusPanel } from './status-panel.ts';
import { withdrawalRuleOn } from './withdrawal-rules.ts';
import { WITHDRAWAL_RULES_TABLE, withdrawalRulesOf } from './withdrawal-table.ts';
import { marriageAppointmentEffects, marriageAppointmentWorkflow } from './workflow.ts';

const partyRows = (key: 'partyA' | 'partyB', party: MarriageAppointment['partyA']): AnswerRow[] => [
  { label: `marriage:fields.${key}.name`, value: party.name },
  // Appointments booked before document types were asked hold a resident ID number.
  { label: `marriage:fields.${key}.idType`, value: `marriage:identity.document.${party.idType ?? 'resident-id'}`, valueKey: true },
  { label: `marriage:fields.${key}.idNumber`, value: party.idNumber, personal: 'id' },
  ...(party.birthDate ? [{ label: `marriage:fields.${key}.birthDate`, value: party.birthDate, personal: 'birth' as const }] : []),
  ...(party.sex ? [{ label: `marriage:fields.${key}.sex`, value: `marriage:identity.sex.${party.sex}`, valueKey: true }] : []),
  { label: `marriage:fields.${key}.phone`, value: party.phone, personal: 'phone' },
];

const appointmentOf = (workflow: ServiceDefinition, words: WordsRoot, appointmentEffects: Readonly<Record<string, AppointmentEffect>>, closureSteps: readonly string[], statusPanel: StatusPanel): CaseService<MarriageAppointment> => ({
  workflow,
  words,
  statusPanel,
  appointmentEffects,
  closureSteps,
  bookingPath: '/book/marriage',
  drafts: draftPolicyOf(BOOKING_JOURNEY, { identityPath: 'partyA.idNumber', phonePaths: ['partyA.phone'] }),
  applicationSchema: (today, data) => marriageAppointmentSchema({ today, offices: data.offices }),
  // Either party's ID number opens the status page (the second's through the appointment's people).
  applicant: (appointment) => ({ idNumber: appointment.partyA.idNumber, phone: appointment.partyA.phone }),
  // Both parties come, so both are told (a divorce's acceptance, withdrawal or lapse concerns each of them).
  recipients: (appointment) => [...new Set([appointment.partyA.phone, ...(appointment.partyB ? [appointment.partyB.phone] : [])])],
  office: (appointment, data) => data.offices.get(appointment.office)?.office ?? appointment.office,
  answerRows: (appointment, lang, data) => [
    { label: 'marriage:fields.kind', value: `marriage:marriage.kind.${appointment.kind}`, valueKey: true },
    { label: 'marriage:fields.office', value: officeName(data.offices, appointment.office, lang) },
    { label: 'marriage:fields.date', value: appointment.date, format: 'date' },
    { label: 'marriage:fields.start', value: appointment.start },
    ...partyRows('partyA', appointment.partyA),
    ...(appointment.partyB ? partyRows('partyB', appointment.partyB) : []),
  ],
});

export const marriageAppointmentService: CaseService<MarriageAppointment> = appointmentOf(marriageAppointmentWorkflow, 'marriage:appointmentCase', marriageAppointmentEffects, ['cancel-by-office'], appointmentStatusPanel);

export const divorceRegistrationService: CaseService<MarriageAppointment> = {
  ...appointmentOf(divorceWorkflow, 'marriage:divorceCase', divorceAppointmentEffects, ['cancel-by-office', 'second-visit-cancelled-by-office'], divorceStatusPanel),
  // How a party withdraws online: the rule in force at the office that accepted the application.
  settings: (appointment, day, rules, data) => {
    const rule = withdrawalRuleOn(withdrawalRulesOf(rules.rows(WITHDRAWAL_RULES_TABLE)), { id: appointment.office, province: data.offices.get(appointment.office)?.province }, day);
    return { [WITHDRAWAL_SETTING]: { value: rule.mode, basis: rule.basis, effectiveFrom: rule.effectiveFrom } };
  },
};
