/**
 * Demo cases for a new developer's workbench (development only): a few 高龄津贴 applications of
 * made-up people, at different steps, taken through the same use cases as real ones (so they have
 * timelines, audit entries and notifications). Created once, when there are no cases at all.
 */
import { residentIdCheckCharacter } from '../domain/identity/resident-id.ts';
import { findStaffByUsername } from '../db/staff.repo.ts';
import type { StaffRole } from '../domain/staff/staff.ts';
import { demoUsername } from '../staff/demo-accounts.ts';
import { actOnCase, type CaseWorkDeps } from './case-work.ts';
import { submitApplication, type CaseDeps } from './case-service.ts';

const demoId = (first17: string) => first17 + residentIdCheckCharacter(first17);

const DEMO_PEOPLE = [
  { name: '王秀兰', id: demoId('11010119380214002'), phone: '13800000001', steps: [] },
  { name: '赵德明', id: demoId('11010119410908003'), phone: '13800000002', steps: [['intake', 'accept', {}]] },
  { name: '陈桂英', id: demoId('11010119360517004'), phone: '13800000003', steps: [['intake', 'accept', {}], ['reviewer', 'request-documents', { documents: '老人本人的银行卡或社保卡（复印件）' }]] },
  { name: '刘福生', id: demoId('11010119400101005'), phone: '13800000004', steps: [['intake', 'accept', {}], ['reviewer', 'review', {}], ['approver', 'approve', { monthlyAmount: 200, firstMonth: '2027-01' }]] },
] as const;

export async function ensureDemoCases(deps: CaseDeps & CaseWorkDeps): Promise<number> {
  const existing = await deps.db.selectFrom('cases').select('id').limit(1).execute();
  if (existing.length > 0) return 0;
  for (const person of DEMO_PEOPLE) {
    const submitted = await submitApplication(
      deps,
      'old-age-allowance',
      {
        district: 'demo-district',
        elder: { name: person.name, idNumber: person.id, phone: person.phone },
        bank: { bankName: '示例银行', accountHolder: person.name, accountNumber: `62220000${person.phone.slice(-11)}` },
        declaration: true,
      },
      'zh-CN',
    );
    if (!submitted.ok) throw new Error(`a demo application was refused: ${submitted.error.message}`);
    let version = 1;
    for (const [role, transition, input] of person.steps) {
      const member = await findStaffByUsername(deps.db, demoUsername(role as StaffRole));
      if (!member) throw new Error('the demo staff accounts are created first');
      const acted = await actOnCase(deps, member, submitted.trackingNumber, { transition, version, input }, null, 'zh-CN');
      if (!acted.ok) throw new Error(`a demo case could not ${transition}: ${acted.reason}`);
      version = acted.view.version;
    }
  }
  return DEMO_PEOPLE.length;
}
