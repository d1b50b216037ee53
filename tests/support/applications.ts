/** A valid 高龄津贴 application, shared by the API and browser tests. */
import { residentIdCheckCharacter } from '../../api/domain/identity/resident-id.ts';

/** Born 1 March 1940: over 80 on any day these tests run. */
export const ELDER_ID = '11010119400301124' + residentIdCheckCharacter('11010119400301124');
export const ELDER_PHONE = '13812345678';

export function oldAgeAllowanceApplication(district = 'demo-district') {
  return {
    district,
    elder: { name: '张秀英', idNumber: ELDER_ID, phone: ELDER_PHONE },
    bank: { bankName: '示例银行', accountHolder: '张秀英', accountNumber: '6222000011112222333' },
    declaration: true,
  };
}
