/**
 * Demo cases for a new developer's workbench (development only): a few 高龄津贴 applications and a
 * few relief cases (低保, 特困, 临时救助) of made-up people, at different steps, taken through the same
 * use cases as real ones (so they have timelines, audit entries, notifications and, for relief,
 * entries on a community's notice board). Created once, when there are no cases at all, and marked
 * as demo data: a production start refuses to run while one is left (`npm run demo:remove`).
 *
 * The relief cases take their earlier steps on earlier days (the use cases read the clock they are
 * given), so that one is under 公示 from today and another was noticed weeks ago and is approved
 * and announced (公布): /notices/relief/xinhua-community shows both. Their people are the
 * placeholder names everybody knows as made up (张三, 李四, 王五, 赵六).
 */
import { residentIdCheckCharacter } from '../domain/identity/resident-id.ts';
import { chinaDate } from '../domain/calendar/china-time.ts';
import { findStaffByUsername } from '../db/staff.repo.ts';
import type { StaffRole } from '../domain/staff/staff.ts';
import { firstMonthAfter } from '../services/social-relief/workflow-parts.ts';
import { demoUsername } from '../staff/demo-accounts.ts';
import { caseIdsByApplicants, markDemoRecords } from '../db/demo-data.repo.ts';
import { takeStaffStep, type CaseWorkDeps } from './case-work.ts';
import { ID_HASH_CONTEXT, PHONE_HASH_CONTEXT, submitApplication, type CaseDeps } from './case-service.ts';

const demoId = (first17: string) => first17 + residentIdCheckCharacter(first17);
const DAY_MS = 86_400_000;

/** A staff step: who takes it, which, with what (or what on the day it is taken), and how many days before the start it was taken (0: now). */
type DemoStep = readonly [role: StaffRole, transition: string, input: Readonly<Record<string, unknown>> | ((day: string) => Record<string, unknown>), daysAgo: number];

interface DemoCase {
  service: string;
  /** The office the service gives the case (how the cases are found again to be marked). */
  office: string;
  applicant: { name: string; id: string; phone: string };
  /** Days before the start the application was sent. */
  submittedDaysAgo: number;
  /** The application as the API takes it, on the day it was sent (YYYY-MM-DD). */
  application: (day: string) => unknown;
  steps: readonly DemoStep[];
}

const OLD_AGE_SERVICE = 'old-age-allowance';
const DEMO_DISTRICT = 'demo-district';

/** 高龄津贴: one waiting to be accepted, one accepted, one asked for documents, one approved. */
const OLD_AGE_PEOPLE = [
  { name: '王秀兰', id: demoId('11010119380214002'), phone: '13800000001', steps: [] },
  { name: '赵德明', id: demoId('11010119410908003'), phone: '13800000002', steps: [['intake', 'accept', {}, 0]] },
  { name: '陈桂英', id: demoId('11010119360517004'), phone: '13800000003', steps: [['intake', 'accept', {}, 0], ['reviewer', 'request-documents', { documents: '老人本人的银行卡或社保卡（复印件）' }, 0]] },
  {
    name: '刘福生',
    id: demoId('11010119400101005'),
    phone: '13800000004',
    steps: [
      ['intake', 'accept', {}, 0],
      ['reviewer', 'review', { opinion: '经审核，老人户籍和年龄属实，发放账户为本人账户，符合申领条件，同意上报审批。' }, 0],
      ['approver', 'approve', { monthlyAmount: 60, firstMonth: '2027-01' }, 0],
    ],
  },
] as const satisfies readonly { name: string; id: string; phone: string; steps: readonly DemoStep[] }[];

const OLD_AGE_CASES: readonly DemoCase[] = OLD_AGE_PEOPLE.map((person) => ({
  service: OLD_AGE_SERVICE,
  office: DEMO_DISTRICT,
  applicant: { name: person.name, id: person.id, phone: person.phone },
  submittedDaysAgo: 0,
  application: () => ({
    district: DEMO_DISTRICT,
    elder: { name: person.name, idNumber: person.id, phone: person.phone },
    bank: { bankName: '示例银行', accountHolder: person.name, accountNumber: `62220000${person.phone.slice(-11)}` },
    declaration: true,
  }),
  steps: person.steps,
}));

/** Where the relief cases live: a community no test's board uses, in the district the demo staff handle. */
const RELIEF_AREA = { district: DEMO_DISTRICT, township: 'dongcheng-street', community: 'xinhua-community' } as const;
const NO_ASSETS = { housing: 'none', vehicles: '0', deposits: '0', securities: '0', insurance: '0', other: '0' } as const;

const ZHANG_SAN = { name: '张三', id: demoId('11010119850312011'), phone: '13800000005' };
const LI_SI = { name: '李四', id: demoId('11010119780520031'), phone: '13800000006' };
const WANG_WU = { name: '王五', id: demoId('11010119480105051'), phone: '13800000007' };
const ZHAO_LIU = { name: '赵六', id: demoId('11010119900715062'), phone: '13800000008' };

/** A relief application: the applicant (an adult who authorises the check) first, then the others. */
function reliefApplication(applicant: typeof ZHANG_SAN, self: { occupation: string; disability: string; health: string; incomes: Record<string, string> }, others: readonly Record<string, unknown>[], own: Record<string, unknown> = {}) {
  return {
    area: RELIEF_AREA,
    applicant: { name: applicant.name, idNumber: applicant.id, phone: applicant.phone },
    household: [{ relationship: 'self', name: applicant.name, idNumber: applicant.id, ...self, authorisation: true }, ...others],
    assets: NO_ASSETS,
    closeRelative: 'no',
    commitment: true,
    ...own,
  };
}

/** The investigation every relief case below went through: two investigators' visit and the 核对 answer entered by hand. */
const investigated = (daysAgo: number, findings: string): DemoStep[] => [
  ['investigator', 'start-investigation', {}, daysAgo],
  ['investigator', 'record-home-visit', { firstInvestigator: '周九', secondInvestigator: '吴十', findings }, daysAgo],
  ['investigator', 'record-household-check', { result: 'within-limits', summary: '核对结果与申报一致，未发现申报以外的收入和财产。（演示数据）' }, daysAgo],
];

const RELIEF_CASES: readonly DemoCase[] = [
  // 低保 under 公示 from today, on the community's board for 7 days.
  {
    service: 'minimum-living-allowance',
    office: DEMO_DISTRICT,
    applicant: ZHANG_SAN,
    submittedDaysAgo: 6,
    application: () =>
      reliefApplication(ZHANG_SAN, { occupation: 'flexible', disability: 'none', health: 'chronic', incomes: { wages: '1200' } }, [
        { relationship: 'child', name: '张小三', idNumber: demoId('11010120160801022'), occupation: 'student', disability: 'none', health: 'healthy', incomes: {} },
      ]),
    steps: [
      ['intake', 'accept', {}, 5],
      ...investigated(4, '家中两人，父亲打零工，孩子上小学，住房为租住。（演示数据）'),
      ['reviewer', 'give-opinion', { opinion: '入户调查和核对结果与申报一致，建议按标准差额给予低保。（演示数据）', amountFen: '1600' }, 1],
      ['reviewer', 'start-notice', { amountFen: '1600' }, 0],
    ],
  },
  // 低保 noticed weeks ago, decided by the township (the demo district delegates it), approved and announced (公布) for 30 days.
  {
    service: 'minimum-living-allowance',
    office: DEMO_DISTRICT,
    applicant: LI_SI,
    submittedDaysAgo: 33,
    application: () =>
      reliefApplication(LI_SI, { occupation: 'unemployed', disability: 'grade-3', health: 'chronic', incomes: { wages: '900' } }, [
        { relationship: 'child', name: '李小四', idNumber: demoId('11010120120306042'), occupation: 'student', disability: 'none', health: 'healthy', incomes: {} },
      ]),
    steps: [
      ['intake', 'accept', {}, 32],
      ...investigated(31, '家中两人，父亲三级残疾，无固定工作，孩子上初中。（演示数据）'),
      ['reviewer', 'give-opinion', { opinion: '家庭人均收入低于当地低保标准，建议给予低保。（演示数据）', amountFen: '1900' }, 26],
      // The notice ends a week later, or later still when its last day falls on a holiday: the file is referred well after.
      ['reviewer', 'start-notice', { amountFen: '1900' }, 24],
      ['reviewer', 'refer-to-township', {}, 5],
      // Paid from the month after the decision.
      ['approver', 'approve', (day) => ({ amountFen: '1900', firstMonth: firstMonthAfter(day), reason: '经调查、核对和公示，家庭人均收入低于当地低保标准，财产符合规定。（演示数据）' }), 2],
    ],
  },
  // 特困 just sent, waiting to be accepted.
  {
    service: 'extreme-poverty-support',
    office: DEMO_DISTRICT,
    applicant: WANG_WU,
    submittedDaysAgo: 0,
    application: () => reliefApplication(WANG_WU, { occupation: 'retired', disability: 'grade-2', health: 'grave', incomes: { 'basic-pension': '300' } }, [], { support: { ableToWork: 'no', supporters: 'none' } }),
    steps: [],
  },
  // 临时救助 after a fire: help given at once (先行救助) by the township, its paperwork still to come.
  {
    service: 'temporary-assistance',
    office: DEMO_DISTRICT,
    applicant: ZHAO_LIU,
    submittedDaysAgo: 1,
    application: (day) =>
      reliefApplication(ZHAO_LIU, { occupation: 'employed', disability: 'none', health: 'healthy', incomes: { wages: '2600' } }, [], {
        situation: { what: 'fire', description: '厨房起火，家具和衣物都烧了，暂住亲戚家。（演示数据）', happenedOn: day, needsHelpNow: 'yes' },
      }),
    steps: [['intake', 'grant-advance', { amountFen: '2000', help: '发放临时生活费 2000 元，送去棉被两床。（演示数据）' }, 1]],
  },
];

const DEMO_CASES: readonly DemoCase[] = [...OLD_AGE_CASES, ...RELIEF_CASES];

/**
 * Marks the demo applications as demo data (demo_records), found by their made-up applicants
 * (keyed hashes of the ID number and phone, both) with their service and office: also those made
 * before the mark existed, or by a start that stopped between making one and marking it. Returns
 * how many demo applications there are.
 */
export async function markDemoCases(deps: Pick<CaseDeps, 'db' | 'crypto' | 'now'>): Promise<number> {
  // One query per service and office.
  const groups = new Map<string, { service: string; office: string; cases: DemoCase[] }>();
  for (const demo of DEMO_CASES) {
    const group = groups.get(`${demo.service} ${demo.office}`) ?? { service: demo.service, office: demo.office, cases: [] };
    group.cases.push(demo);
    groups.set(`${demo.service} ${demo.office}`, group);
  }
  const ids: string[] = [];
  for (const { service, office, cases } of groups.values()) {
    const applicants = cases.map(({ applicant }) => ({ idHash: deps.crypto.lookupHash(applicant.id, ID_HASH_CONTEXT), phoneHash: deps.crypto.lookupHash(applicant.phone, PHONE_HASH_CONTEXT) }));
    ids.push(...(await caseIdsByApplicants(deps.db, { service, office, applicants })));
  }
  await markDemoRecords(deps.db, 'case', ids, deps.now());
  return ids.length;
}

export async function ensureDemoCases(deps: CaseDeps & CaseWorkDeps): Promise<number> {
  const existing = await deps.db.selectFrom('cases').select('id').limit(1).execute();
  if (existing.length > 0) {
    await markDemoCases(deps);
    return 0;
  }
  const members = new Map<StaffRole, NonNullable<Awaited<ReturnType<typeof findStaffByUsername>>>>();
  const memberFor = async (role: StaffRole) => {
    const found = members.get(role) ?? (await findStaffByUsername(deps.db, demoUsername(role)));
    if (!found) throw new Error('the demo staff accounts are created first');
    members.set(role, found);
    return found;
  };
  const start = deps.now().getTime();
  // Each step on its own day: the use cases read the clock they are given.
  const on = (daysAgo: number) => (daysAgo === 0 ? deps : { ...deps, now: () => new Date(start - daysAgo * DAY_MS) });
  for (const demo of DEMO_CASES) {
    const sent = on(demo.submittedDaysAgo);
    const submitted = await submitApplication(sent, demo.service, demo.application(chinaDate(sent.now())), 'zh-CN');
    if (!submitted.ok) throw new Error(`a demo application was refused: ${submitted.reason === 'invalid' ? submitted.error.message : submitted.reason}`);
    let version = 1;
    for (const [role, transition, given, daysAgo] of demo.steps) {
      const at = on(daysAgo);
      const input = typeof given === 'function' ? given(chinaDate(at.now())) : given;
      const taken = await takeStaffStep(at, await memberFor(role), submitted.trackingNumber, { transition, version, input }, null);
      if (!taken.ok) throw new Error(`a demo case could not ${transition}: ${taken.reason}`);
      version = taken.stored.snapshot.version;
    }
  }
  await markDemoCases(deps);
  return DEMO_CASES.length;
}
