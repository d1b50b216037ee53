import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../../api/http/api-error.ts';
import { residentIdCheckCharacter } from '../../api/domain/identity/resident-id.ts';
import { OLD_AGE_ALLOWANCE_DISTRICTS } from '../../api/services/old-age-allowance/districts.ts';
import { oldAgeAllowanceApplicationSchema } from '../../api/services/old-age-allowance/application.schema.ts';

const TODAY = '2026-11-25';
const schema = oldAgeAllowanceApplicationSchema({ today: TODAY, districts: OLD_AGE_ALLOWANCE_DISTRICTS });
const id = (birth: string, sequence = '123') => `110101${birth}${sequence}${residentIdCheckCharacter(`110101${birth}${sequence}`)}`;

const valid = {
  district: 'demo-district',
  elder: { name: '张秀英', idNumber: id('19440301', '124'), phone: '138 1234 5678' },
  bank: { bankName: '示例银行', accountHolder: '张秀英', accountNumber: '6222 0000 1111 2222 333' },
  declaration: true,
};

function messages(input: unknown, lang: 'zh-CN' | 'en' = 'zh-CN') {
  const result = schema.safeParse(input);
  return result.success ? [] : fieldErrors(result.error, lang).map(({ field, message }) => ({ field, message }));
}

describe('a 高龄津贴 application', () => {
  it('is accepted when complete, with numbers normalised as people type them', () => {
    const result = schema.parse({ ...valid, elder: { ...valid.elder, idNumber: valid.elder.idNumber.toLowerCase() } });
    expect(result.elder.phone).toBe('13812345678');
    expect(result.bank.accountNumber).toBe('6222000011112222333');
  });

  it('explains a wrong ID number by what is wrong with it, in the reader’s language', () => {
    expect(messages({ ...valid, elder: { ...valid.elder, idNumber: '11010119440301' } })).toEqual([{ field: 'elder.idNumber', message: '老人的身份证号码应为 18 位' }]);
    const typo = valid.elder.idNumber.slice(0, 17) + (valid.elder.idNumber.endsWith('1') ? '2' : '1');
    expect(messages({ ...valid, elder: { ...valid.elder, idNumber: typo } }, 'en')).toEqual([
      { field: 'elder.idNumber', message: 'The older person’s resident ID number is not right: a digit may be mistyped, check the number' },
    ]);
  });

  it('applies the district’s age threshold on the day of application', () => {
    const seventyNine = { ...valid, elder: { ...valid.elder, idNumber: id('19461126', '124') } };
    expect(messages(seventyNine)).toEqual([{ field: 'elder.idNumber', message: '老人需年满 80 周岁才能申领本区县的高龄津贴' }]);
    expect(messages({ ...seventyNine, district: 'demo-county' })).toEqual([]);
    expect(messages({ ...valid, elder: { ...valid.elder, idNumber: id('19461125', '124') } })).toEqual([]);
  });

  it('checks the age rule as soon as the district and ID number are valid, whatever else is missing (the form asks them first)', () => {
    expect(messages({ district: 'demo-district', elder: { idNumber: id('19461126', '124') } }).filter((m) => m.field === 'elder.idNumber')).toEqual([
      { field: 'elder.idNumber', message: '老人需年满 80 周岁才能申领本区县的高龄津贴' },
    ]);
    expect(messages({ district: 'demo-county', elder: { idNumber: id('19461126', '124') } }).filter((m) => m.field === 'elder.idNumber')).toEqual([]);
  });

  it('names the group when a whole part of the application is missing', () => {
    expect(messages({ ...valid, elder: undefined }, 'en')).toEqual([{ field: 'elder', message: 'Enter the older person’s details' }]);
  });

  it('asks for every missing answer at once, each next to its field', () => {
    expect(messages({}, 'en').map((m) => m.field)).toEqual(['district', 'elder', 'bank', 'declaration']);
    expect(messages({ ...valid, declaration: false })).toEqual([{ field: 'declaration', message: '请勾选，确认所填信息真实无误' }]);
  });

  it('refuses an agent who is the older person, and an agent without a relationship', () => {
    const agent = { name: '李四', idNumber: valid.elder.idNumber, phone: '13900000000', relationship: 'child' };
    expect(messages({ ...valid, agent })).toEqual([{ field: 'agent.idNumber', message: '代办人不能是老人本人，请填写代办人自己的身份证号码' }]);
    expect(messages({ ...valid, agent: { ...agent, idNumber: id('19700101', '135'), relationship: 'boss' } })).toEqual([
      { field: 'agent.relationship', message: '请选择代办人与老人的关系' },
    ]);
  });

  it('refuses an unknown district, a bad phone and a short account number', () => {
    expect(messages({ ...valid, district: 'atlantis', elder: { ...valid.elder, phone: '12345' }, bank: { ...valid.bank, accountNumber: '123' } }).map((m) => m.field)).toEqual([
      'district',
      'elder.phone',
      'bank.accountNumber',
    ]);
  });
});
