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

/**
 * A valid resident ID number for made-up person `n` (any n ≥ 0: every 500 people are born a day
 * later from 1 January 1990), or born on `birth` (YYYYMMDD), of the given sex (the 17th digit is
 * odd for a man, even for a woman).
 */
export function personId(n: number, sex: 'male' | 'female', birth?: string, region = '110101'): string {
  const born = birth ?? new Date(Date.UTC(1990, 0, 1 + Math.floor(n / 500))).toISOString().slice(0, 10).replaceAll('-', '');
  const order = String(Math.floor(n / 5) % 100).padStart(2, '0');
  const sexDigit = String(((n % 5) * 2 + (sex === 'male' ? 1 : 0)) % 10);
  const first17 = `${region}${born}${order}${sexDigit}`;
  return first17 + residentIdCheckCharacter(first17);
}

/** A marriage appointment for two made-up people `n` (the man) and `n` (the woman). */
export function marriageAppointment(n: number, slot: { office?: string; date: string; start: string; kind?: 'marriage' | 'divorce' | 'reissue' }) {
  return {
    kind: slot.kind ?? 'marriage',
    office: slot.office ?? 'demo-county-registry',
    date: slot.date,
    start: slot.start,
    partyA: { name: '王小明', idNumber: personId(n, 'male'), phone: `139${String(n).padStart(8, '0')}` },
    partyB: { name: '李小红', idNumber: personId(n, 'female'), phone: `137${String(n).padStart(8, '0')}` },
  };
}

/** An agent applying for the elder (born 15 March 1975). */
export const AGENT_ID = '11010519750315202' + residentIdCheckCharacter('11010519750315202');

/** A whole 高龄津贴 application through an agent, as the journey's draft holds it (flat answers by field path): every step is on its route. */
export const OLD_AGE_ALLOWANCE_ANSWERS: Readonly<Record<string, string>> = {
  district: 'demo-district',
  'elder.idNumber': ELDER_ID,
  'elder.name': '张秀英',
  'elder.phone': ELDER_PHONE,
  hasAgent: 'yes',
  'agent.name': '李明',
  'agent.idNumber': AGENT_ID,
  'agent.phone': '13900001111',
  'agent.relationship': 'child',
  'bank.bankName': '示例银行',
  'bank.accountHolder': '张秀英',
  'bank.accountNumber': '6222000011112222333',
  declaration: 'yes',
};

/**
 * A whole eco-burial subsidy application (docs/decisions/061) for made-up people `n`: the deceased (a
 * man born in 1940) and his daughter, who applies; a sea burial in the demo district after the 2026
 * notice took effect. Flat answers as the journey's draft holds them (the upload steps' counts
 * included: the draft's files themselves are the test's to upload).
 */
export function ecoBurialAnswers(n: number, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'deceased.name': '王建国',
    'deceased.idNumber': personId(n, 'male', '19400301'),
    'deceased.diedOn': '2026-10-20',
    'deceased.deathCertificateNumber': `A${String(110000000 + n)}`,
    'burial.district': 'demo-district',
    'burial.kind': 'sea',
    'burial.buriedOn': '2026-11-05',
    'burial.place': '示例区滨海生态安葬区',
    'claimant.name': '王丽',
    'claimant.idNumber': personId(n, 'female', '19700501'),
    'claimant.phone': `137${String(n).padStart(8, '0')}`,
    'claimant.relationship': 'child',
    'files.cremationCertificate': '1',
    'files.relationshipProof': '0',
    'account.bankName': '示例银行滨海支行',
    'account.holder': '王丽',
    'account.number': '6222 0000 1111 2222 333',
    pledge: 'yes',
    ...overrides,
  };
}

/** The same application as the API takes it (nested; the pledge a boolean). */
export function ecoBurialApplication(n: number, overrides: Record<string, string> = {}) {
  const flat = ecoBurialAnswers(n, overrides);
  const at = (path: string): string => flat[path] ?? '';
  return {
    deceased: { name: at('deceased.name'), idNumber: at('deceased.idNumber'), diedOn: at('deceased.diedOn'), deathCertificateNumber: at('deceased.deathCertificateNumber') },
    burial: { district: at('burial.district'), kind: at('burial.kind'), buriedOn: at('burial.buriedOn'), place: at('burial.place') },
    claimant: { name: at('claimant.name'), idNumber: at('claimant.idNumber'), phone: at('claimant.phone'), relationship: at('claimant.relationship') },
    account: { bankName: at('account.bankName'), holder: at('account.holder'), number: at('account.number') },
    pledge: at('pledge') === 'yes',
  };
}

/**
 * 身后一件事 (docs/decisions/066) as the pages' flat answers, for made-up person `n`: a man born 1 March
 * 1940 who died on 20 October 2026, and his daughter applying; every item ticked unless `items`
 * says which. A deceased `n` of 499 has the sequence code 999 (the development receiver refuses).
 */
export function afterDeathAnswers(n: number, overrides: Record<string, string> = {}, items?: readonly string[]): Record<string, string> {
  // Ticked unless `items` says otherwise: every item but those applied for on their own journeys since (the funeral booking, a cemetery plot).
  const ticked = ['household-deregistration', 'driving-licence', 'medical-insurance', 'pension-account', 'survivor-benefits', 'housing-fund', 'allowance-stop', 'eco-burial-subsidy'];
  const all = [...ticked, 'funeral-booking', 'cemetery-plot'];
  return {
    'handler.name': '王丽',
    'handler.sex': 'female',
    'handler.idNumber': personId(n, 'female', '19700501'),
    'handler.phone': `136${String(n).padStart(8, '0')}`,
    'handler.relationship': 'child',
    'handler.address': '示例区示例街道 1 号 2 单元 301',
    'deceased.name': '王建国',
    'deceased.sex': 'male',
    'deceased.idNumber': personId(n, 'male', '19400301'),
    'deceased.diedOn': '2026-10-20',
    'deceased.deathCertificateNumber': `D${String(220000000 + n)}`,
    'deceased.socialSecurityCardNumber': `S${String(33000000 + n)}`,
    ...Object.fromEntries(all.map((item) => [`items.${item}`, (items ?? ticked).includes(item) ? 'yes' : ''])),
    'account.bankName': '示例银行滨海支行',
    'account.holder': '王丽',
    'account.number': '6222 0000 1111 2222 444',
    ...overrides,
  };
}

/** A public cemetery plot application (docs/decisions/064) as its pages gather it (flat answers): a niche in the demo district, household registered there, the death certificate's number as the proof. */
export function cemeteryAnswers(n: number, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'plot.cemetery': 'demo-district-cemetery',
    'plot.type': 'niche',
    'deceased.name': '李秀英',
    'deceased.idNumber': personId(n, 'female', '19380815'),
    'deceased.diedOn': '2026-11-20',
    'residence.registeredHere': 'yes',
    'proof.kind': 'death-certificate',
    'proof.deathCertificateNumber': `B${String(220000000 + n)}`,
    'family.name': '李明',
    'family.idNumber': personId(n, 'male', '19650302'),
    'family.phone': `136${String(n).padStart(8, '0')}`,
    'family.relationship': 'child',
    pledge: 'yes',
    ...overrides,
  };
}

/** The same application as the API takes it (nested; the items as a list). */
export function afterDeathApplication(n: number, overrides: Record<string, string> = {}, items?: readonly string[]) {
  const flat = afterDeathAnswers(n, overrides, items);
  const at = (path: string): string => flat[path] ?? '';
  const block = (name: string, fields: readonly string[]) => Object.fromEntries(fields.map((field) => [field, at(`${name}.${field}`)]));
  return {
    handler: block('handler', ['name', 'sex', 'idNumber', 'phone', 'relationship', 'address']),
    deceased: block('deceased', ['name', 'sex', 'idNumber', 'diedOn', 'deathCertificateNumber', 'socialSecurityCardNumber']),
    account: block('account', ['bankName', 'holder', 'number']),
    items: Object.keys(flat)
      .filter((key) => key.startsWith('items.') && flat[key] === 'yes')
      .map((key) => key.slice('items.'.length)),
  };
}

/** The same application as the API takes it (nested; yes and no as booleans; only what the route asks). */
export function cemeteryApplication(n: number, overrides: Record<string, string> = {}) {
  const flat = cemeteryAnswers(n, overrides);
  const at = (path: string): string => flat[path] ?? '';
  const yes = (path: string) => at(path) === 'yes';
  const registeredHere = yes('residence.registeredHere');
  return {
    plot: { cemetery: at('plot.cemetery'), type: at('plot.type') },
    deceased: { name: at('deceased.name'), idNumber: at('deceased.idNumber'), diedOn: at('deceased.diedOn') },
    residence: { registeredHere, ...(registeredHere || flat['residence.livedHere'] === undefined ? {} : { livedHere: yes('residence.livedHere') }) },
    proof: { kind: at('proof.kind'), ...(at('proof.kind') === 'death-certificate' ? { deathCertificateNumber: at('proof.deathCertificateNumber') } : {}) },
    family: { name: at('family.name'), idNumber: at('family.idNumber'), phone: at('family.phone'), relationship: at('family.relationship') },
    pledge: at('pledge') === 'yes',
  };
}
