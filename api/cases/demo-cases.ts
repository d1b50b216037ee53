/**
 * Demo cases for a new developer's workbench (development only): a few 高龄津贴 applications of
 * made-up people, at different steps, taken through the same use cases as real ones (so they have
 * timelines, audit entries and notifications). Created once, when there are no cases at all, and
 * marked as demo data: a production start refuses to run while one is left (`npm run demo:remove`).
 */
import { residentIdCheckCharacter } from '../domain/identity/resident-id.ts';
import { findStaffByUsername } from '../db/staff.repo.ts';
import type { StaffRole } from '../domain/staff/staff.ts';
import { demoUsername } from '../staff/demo-accounts.ts';
import { caseIdsByApplicants, markDemoRecords } from '../db/demo-data.repo.ts';
import { actOnCase, type CaseWorkDeps } from './case-work.ts';
import { ID_HASH_CONTEXT, PHONE_HASH_CONTEXT, submitApplication, type CaseDeps } from './case-service.ts';

const demoId = (first17: string) => first17 + residentIdCheckCharacter(first17);

const DEMO_PEOPLE = [
  { name: '王秀兰', id: demoId('11010119380214002'), phone: '13800000001', steps: [] },
  { name: '赵德明', id: demoId('11010119410908003'), phone: '13800000002', steps: [['intake', 'accept', {}]] },
  { name: '陈桂英', id: demoId('11010119360517004'), phone: '13800000003', steps: [['intake', 'accept', {}], ['reviewer', 'request-documents', { documents: '老人本人的银行卡或社保卡（复印件）' }]] },
  { name: '刘福生', id: demoId('11010119400101005'), phone: '13800000004', steps: [['intake', 'accept', {}], ['reviewer', 'review', { opinion: '经审核，老人户籍和年龄属实，发放账户为本人账户，符合申领条件，同意上报审批。' }], ['approver', 'approve', { monthlyAmount: 60, firstMonth: '2027-01' }]] },
] as const;

const DEMO_SERVICE = 'old-age-allowance';
const DEMO_OFFICE = 'demo-district';

/**
 * Marks the demo applications as demo data (demo_records), found by their made-up applicants
 * (keyed hashes of the ID number and phone, both) in the demo district: also those made before the
 * mark existed, or by a start that stopped between making one and marking it. Returns how many
 * demo applications there are.
 */
export async function markDemoCases(deps: Pick<CaseDeps, 'db' | 'crypto' | 'now'>): Promise<number> {
  const applicants = DEMO_PEOPLE.map((person) => ({ idHash: deps.crypto.lookupHash(person.id, ID_HASH_CONTEXT), phoneHash: deps.crypto.lookupHash(person.phone, PHONE_HASH_CONTEXT) }));
  const ids = await caseIdsByApplicants(deps.db, { service: DEMO_SERVICE, office: DEMO_OFFICE, applicants });
  await markDemoRecords(deps.db, 'case', ids, deps.now());
  return ids.length;
}

export async function ensureDemoCases(deps: CaseDeps & CaseWorkDeps): Promise<number> {
  const existing = await deps.db.selectFrom('cases').select('id').limit(1).execute();
  if (existing.length > 0) {
    await markDemoCases(deps);
    return 0;
  }
  for (const person of DEMO_PEOPLE) {
    const submitted = await submitApplication(
      deps,
      DEMO_SERVICE,
      {
        district: DEMO_OFFICE,
        elder: { name: person.name, idNumber: person.id, phone: person.phone },
        bank: { bankName: '示例银行', accountHolder: person.name, accountNumber: `62220000${person.phone.slice(-11)}` },
        declaration: true,
      },
      'zh-CN',
    );
    if (!submitted.ok) throw new Error(`a demo application was refused: ${submitted.reason === 'invalid' ? submitted.error.message : submitted.reason}`);
    let version = 1;
    for (const [role, transition, input] of person.steps) {
      const member = await findStaffByUsername(deps.db, demoUsername(role as StaffRole));
      if (!member) throw new Error('the demo staff accounts are created first');
      const acted = await actOnCase(deps, member, submitted.trackingNumber, { transition, version, input }, null, 'zh-CN');
      if (!acted.ok) throw new Error(`a demo case could not ${transition}: ${acted.reason}`);
      version = acted.view.version;
    }
  }
  await markDemoCases(deps);
  return DEMO_PEOPLE.length;
}
