/**
 * Valid relief applications (低保, 特困, 临时救助; docs/decisions/042) for the API, HTML and unit
 * tests: the API's body, and the same application as a journey's draft holds it (flat answers by
 * field path), so that a test starts on any step (tests/support/drafts.ts).
 */
import type { ReliefApplicationKind } from '../../api/services/social-relief/application/schema.ts';
import { personId } from './applications.ts';

export const RELIEF_SERVICES: Readonly<Record<ReliefApplicationKind, string>> = {
  dibao: 'minimum-living-allowance',
  tekun: 'extreme-poverty-support',
  temporary: 'temporary-assistance',
};

/** The applicant (an adult, made-up person `n`) and a child born in 2018: two members, one authorisation needed. */
export function reliefPeople(n: number) {
  return {
    applicant: { name: '王秀兰', idNumber: personId(n, 'female'), phone: `136${String(n).padStart(8, '0')}` },
    child: { name: '王小宝', idNumber: personId(n, 'male', '20180601') },
  };
}

/** The API's body for made-up person `n`. */
export function reliefApplication(kind: ReliefApplicationKind, n: number) {
  const { applicant, child } = reliefPeople(n);
  return {
    area: { district: 'demo-district', township: 'dongcheng-street', community: 'heping-community' },
    applicant,
    household: [
      { relationship: 'self', name: applicant.name, idNumber: applicant.idNumber, occupation: 'flexible', disability: 'none', health: 'chronic', incomes: { wages: '800', transfer: '0.03万' }, authorisation: true },
      { relationship: 'child', name: child.name, idNumber: child.idNumber, occupation: 'student', disability: 'grade-2', health: 'healthy', incomes: {} },
    ],
    assets: { housing: 'none', vehicles: '0', deposits: '１，２００', securities: 0, insurance: '0', other: '0' },
    closeRelative: 'no',
    commitment: true,
    ...(kind === 'tekun' ? { support: { ableToWork: 'no', supporters: 'none' } } : {}),
    ...(kind === 'temporary' ? { situation: { what: 'fire', description: '厨房起火，家具和衣物都烧了。', happenedOn: '2026-11-30', needsHelpNow: 'yes' } } : {}),
  };
}

/** The same application as the journey's draft holds it (upload steps passed with no file). */
export function reliefAnswers(kind: ReliefApplicationKind, n: number): Record<string, string> {
  const { applicant, child } = reliefPeople(n);
  return {
    'area.community': 'heping-community',
    'applicant.name': applicant.name,
    'applicant.idNumber': applicant.idNumber,
    'applicant.phone': applicant.phone,
    'household.0.occupation': 'flexible',
    'household.0.disability': 'none',
    'household.0.health': 'chronic',
    'household.0.incomes.wages': '800',
    'household.0.authorisation': 'yes',
    'household.1.name': child.name,
    'household.1.relationship': 'child',
    'household.1.idNumber': child.idNumber,
    'household.1.occupation': 'student',
    'household.1.disability': 'grade-2',
    'household.1.health': 'healthy',
    'assets.housing': 'none',
    'assets.vehicles': '0',
    'assets.deposits': '1200',
    'assets.securities': '0',
    'assets.insurance': '0',
    'assets.other': '0',
    'files.incomeProof': '0',
    'files.healthProof': '0',
    closeRelative: 'no',
    commitment: 'yes',
    ...(kind === 'tekun' ? { 'support.ableToWork': 'no', 'support.supporters': 'none' } : {}),
    ...(kind === 'temporary' ? { 'situation.what': 'fire', 'situation.description': '厨房起火。', 'situation.happenedOn': '2026-11-30', 'situation.needsHelpNow': 'yes', 'files.situationProof': '0' } : {}),
  };
}
