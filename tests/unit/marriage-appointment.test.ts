import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../../api/http/api-error.ts';
import { marriageAppointmentSchema } from '../../api/services/marriage/appointment.schema.ts';
import { marriageAppointment, personId } from '../support/applications.ts';

const schema = marriageAppointmentSchema({ today: '2026-11-25' });
const messages = (input: unknown, lang: 'zh-CN' | 'en' = 'en') => {
  const result = schema.safeParse(input);
  return result.success ? [] : fieldErrors(result.error, lang).map(({ field, message }) => ({ field, message }));
};
const slot = { date: '2026-12-02', start: '09:00' };

describe('a marriage registration appointment', () => {
  it('is accepted for a man and a woman of legal age', () => {
    expect(messages(marriageAppointment(1, slot))).toEqual([]);
  });

  it('checks the legal age on the day of the appointment, not today (man 22, woman 20)', () => {
    // He turns 22 on 3 December 2026: one day too late for 2 December, in time for 3 December.
    const young = { ...marriageAppointment(2, slot), partyA: { name: '王小明', idNumber: personId(2, 'male', '20041203'), phone: '13900000002' } };
    expect(messages(young)).toEqual([{ field: 'partyA.idNumber', message: 'The man is not yet 22 on the day of the appointment and cannot marry (Civil Code art. 1047)' }]);
    expect(messages({ ...young, date: '2026-12-03' })).toEqual([]);
    const youngWoman = { ...marriageAppointment(3, slot), partyB: { name: '李小红', idNumber: personId(3, 'female', '20070101'), phone: '13700000003' } };
    expect(messages(youngWoman, 'zh-CN')).toEqual([{ field: 'partyB.idNumber', message: '女方在预约当天未满 20 周岁，不能办理结婚登记（《民法典》第一千零四十七条）' }]);
  });

  it('refuses the same person twice, and two people of the same sex for a marriage', () => {
    const appointment = marriageAppointment(4, slot);
    expect(messages({ ...appointment, partyB: { ...appointment.partyB, idNumber: appointment.partyA.idNumber } })).toEqual([
      { field: 'partyB.idNumber', message: 'The two people cannot be the same person: check the ID numbers' },
    ]);
    expect(messages({ ...appointment, partyB: { ...appointment.partyB, idNumber: personId(5, 'male') } }).map((m) => m.field)).toEqual(['partyB.idNumber']);
  });

  it('needs both people for a marriage or a divorce, and one for a replacement certificate', () => {
    const { partyB: _b, ...alone } = marriageAppointment(6, slot);
    expect(messages(alone)).toEqual([{ field: 'partyB', message: 'Enter both people’s details for a marriage or a divorce' }]);
    expect(messages({ ...alone, kind: 'reissue' })).toEqual([]);
  });

  it('explains a wrong ID number by what is wrong with it, naming whose it is', () => {
    const appointment = marriageAppointment(7, slot);
    expect(messages({ ...appointment, partyA: { ...appointment.partyA, idNumber: '11010119950101' } })).toEqual([
      { field: 'partyA.idNumber', message: 'The first person’s resident ID number must be 18 characters' },
    ]);
  });
});
