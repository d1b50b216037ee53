import { describe, expect, it } from 'vitest';
import { DEMO_OFFICES } from '../../api/services/marriage/offices.ts';
import { fieldErrors } from '../../api/http/api-error.ts';
import { marriageAppointmentSchema } from '../../api/services/marriage/appointment.schema.ts';
import { marriageAppointment, personId } from '../support/applications.ts';

const schema = marriageAppointmentSchema({ today: '2026-11-25', offices: DEMO_OFFICES });
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
      { field: 'partyB.idNumber', message: 'The two people cannot be the same person: check the document numbers' },
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
      { field: 'partyA.idNumber', message: 'The first person’s document number must be 18 characters' },
    ]);
  });

  describe('with a document other than a resident ID card', () => {
    // The district office is designated for registrations involving foreigners and residents of Hong Kong, Macao and Taiwan.
    const designated = { ...marriageAppointment(8, slot), office: 'demo-district-registry' };
    const passportHolder = { name: 'Anna Schmidt', idType: 'passport', idNumber: 'c01x 00t47', phone: '13700000008', birthDate: '1996年5月7日', sex: 'female' };

    it('takes the birth date and sex as entered, normalised, and keeps the number normalised', () => {
      const result = schema.safeParse({ ...designated, partyB: passportHolder });
      expect(result.success).toBe(true);
      expect(result.data?.partyB).toEqual({ name: 'Anna Schmidt', idType: 'passport', idNumber: 'C01X00T47', phone: '13700000008', birthDate: '1996-05-07', sex: 'female' });
    });

    it('asks for the birth date and sex the number does not carry, on their own fields', () => {
      const { birthDate: _birth, sex: _sex, ...bare } = passportHolder;
      expect(messages({ ...designated, partyB: bare })).toEqual([
        { field: 'partyB.birthDate', message: 'Enter the second person’s date of birth' },
        { field: 'partyB.sex', message: 'Choose the second person’s sex' },
      ]);
      expect(messages({ ...designated, partyB: { ...passportHolder, birthDate: '1996-02-30' } }, 'zh-CN')).toEqual([
        { field: 'partyB.birthDate', message: '第二方的出生日期不是有效的日期，请按“1995-03-08”的格式填写' },
      ]);
    });

    it('checks the legal age and the man-and-woman rule against what was entered, on those fields', () => {
      expect(messages({ ...designated, partyB: { ...passportHolder, birthDate: '2007-01-01' } })).toEqual([
        { field: 'partyB.birthDate', message: 'The woman is not yet 20 on the day of the appointment and cannot marry (Civil Code art. 1047)' },
      ]);
      expect(messages({ ...designated, partyB: { ...passportHolder, sex: 'male' } })).toEqual([{ field: 'partyB.sex', message: 'A marriage is registered between a man and a woman (Civil Code art. 1049)' }]);
    });

    it('reads the birth date and sex from a residence permit or a 2023 permanent residence card, dropping any entered', () => {
      const permit = { name: '陈美玲', idType: 'residence-permit', idNumber: personId(9, 'female', undefined, '810000'), phone: '13700000009', birthDate: '1980-01-01', sex: 'male' };
      const result = schema.safeParse({ ...designated, partyB: permit });
      expect(result.success).toBe(true);
      expect(result.data?.partyB).not.toHaveProperty('birthDate');
      expect(result.data?.partyB).not.toHaveProperty('sex');
    });

    it('says when a number belongs to the other kind of 18-character document', () => {
      const mainland = { ...designated.partyB, idType: 'residence-permit' };
      expect(messages({ ...designated, partyB: mainland })).toEqual([
        { field: 'partyB.idNumber', message: 'A residence permit number begins with 81, 82 or 83; for a resident ID card, choose that document type' },
      ]);
      const permitAsCard = { ...designated.partyB, idNumber: personId(9, 'female', undefined, '820000') };
      expect(messages({ ...designated, partyB: permitAsCard }).map((m) => m.message)).toEqual([
        'This is the number of a residence permit for Hong Kong, Macao and Taiwan residents: choose that document type',
      ]);
    });

    it('explains each document’s number format in the reader’s language', () => {
      expect(messages({ ...designated, partyB: { ...passportHolder, idType: 'hk-macao-permit', idNumber: 'H1234' } }, 'zh-CN')).toEqual([
        { field: 'partyB.idNumber', message: '第二方的证件号码应为 H 或 M 加 8 位数字（旧版证件再加 2 位），例如 H12345678' },
      ]);
      expect(messages({ ...designated, partyB: { ...passportHolder, idType: 'visa' } })).toEqual([{ field: 'partyB.idType', message: 'Choose the second person’s ID document' }]);
    });

    it('is registered only at an office the province designates', () => {
      const elsewhere = { ...designated, office: 'demo-county-registry', partyB: passportHolder };
      expect(messages(elsewhere).map((m) => m.field)).toEqual(['partyB.idType']);
      expect(messages(elsewhere, 'zh-CN')[0]?.message).toContain('指定的登记处');
    });

    it('is the same person twice only with the same document', () => {
      const twice = { ...designated, partyA: { ...passportHolder, sex: 'male', name: 'Jon Smith' }, partyB: passportHolder };
      expect(messages(twice).map((m) => m.field)).toEqual(['partyB.idNumber']);
      expect(messages({ ...twice, partyA: { ...twice.partyA, idType: 'taiwan-permit', idNumber: '00000047' } })).toEqual([]);
    });
  });
});
