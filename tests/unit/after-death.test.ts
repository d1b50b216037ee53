/**
 * 身后一件事's rules (docs/decisions/066), table-driven: which part each item ticked becomes (the
 * fan-out rule), which answers each item needs (so the form asks for a block only then), what each
 * department receives (data minimisation), the form's bad input, the parts' strict schemas, the
 * status a part shows the family, and the workflows' hand-offs.
 */
import { describe, expect, it } from 'vitest';
import { handoffProblems } from '../../api/engine/handoffs/handoff.ts';
import { partStatus, type PartStatus } from '../../api/engine/bundles/bundle.ts';
import { routeOf } from '../../api/engine/journey/journey.ts';
import { afterDeathApplicationSchema, type AfterDeathApplication } from '../../api/services/after-death/application.schema.ts';
import { departmentHandoff, departmentPayload } from '../../api/services/after-death/departments.ts';
import { AFTER_DEATH_ITEMS, itemsNeed, ITEM_IDS, type AfterDeathItem, type Need, type DepartmentItemId } from '../../api/services/after-death/items.ts';
import { afterDeathApplicationFrom, afterDeathJourney } from '../../api/services/after-death/journey.ts';
import { allowanceStopSchema, departmentPartSchema } from '../../api/services/after-death/part-application.schema.ts';
import { afterDeathParts, departmentPart } from '../../api/services/after-death/parts.ts';
import { keyFrom, translator } from '../../api/i18n/index.ts';
import { CASE_SERVICES, isAppliedOnline } from '../../api/services/registry.ts';
import { afterDeathAnswers, afterDeathApplication, personId } from '../support/applications.ts';

const TODAY = '2026-12-12';
const schema = afterDeathApplicationSchema(TODAY);
const valid = (n = 1, overrides: Record<string, string> = {}, items?: readonly string[]): AfterDeathApplication => schema.parse(afterDeathApplication(n, overrides, items));
const issuesOf = (input: unknown) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message.replace('after-death:errors.afterDeath.', '')}`);
};

describe('the fan-out rule', () => {
  it.each<[string, readonly AfterDeathItem[], readonly string[]]>([
    ['one department item', ['household-deregistration'], ['household-deregistration→after-death-household-deregistration']],
    ['the portal’s own step', ['allowance-stop'], ['allowance-stop→after-death-allowance-stop']],
    ['an item applied for later has no case', ['eco-burial-subsidy'], ['eco-burial-subsidy→later /apply/eco-burial-subsidy']],
    ['the funeral booking and a cemetery plot: applied for on their own journeys', ['cemetery-plot', 'funeral-booking'], ['funeral-booking→later /apply/funeral-booking', 'cemetery-plot→later /apply/public-cemetery']],
    [
      'every item, in the items’ order whatever the order ticked',
      ['eco-burial-subsidy', 'housing-fund', 'allowance-stop', 'driving-licence', 'household-deregistration', 'medical-insurance', 'pension-account', 'survivor-benefits'],
      [
        'household-deregistration→after-death-household-deregistration',
        'driving-licence→after-death-driving-licence',
        'medical-insurance→after-death-medical-insurance',
        'pension-account→after-death-pension-account',
        'survivor-benefits→after-death-survivor-benefits',
        'housing-fund→after-death-housing-fund',
        'allowance-stop→after-death-allowance-stop',
        'eco-burial-subsidy→later /apply/eco-burial-subsidy',
      ],
    ],
  ])('%s', (_name, items, expected) => {
    const parts = afterDeathParts(valid(1, {}, items));
    expect(parts.map((part) => (part.kind === 'case' ? `${part.item}→${part.service}` : `${part.item}→later ${part.applyPath}`))).toEqual(expected);
    // Every part's service is registered, never applied for on its own, and takes what the rule gives it.
    for (const part of parts) {
      if (part.kind !== 'case') continue;
      const service = CASE_SERVICES[part.service as keyof typeof CASE_SERVICES];
      expect(service, part.service).toBeDefined();
      expect(isAppliedOnline(service)).toBe(false);
      expect(service.applicationSchema(TODAY, { offices: undefined } as never).safeParse(part.application).success, part.item).toBe(true);
    }
  });

  it('the bundle itself is applied for online; every department part sends its hand-off when it is made, and each workflow agrees with its hand-offs', () => {
    expect(isAppliedOnline(CASE_SERVICES['after-death'])).toBe(true);
    for (const [id, service] of Object.entries(CASE_SERVICES).filter(([id]) => id.startsWith('after-death'))) {
      expect(handoffProblems(service.workflow, service.handoffs), id).toEqual([]);
      if (service.handoffAtSubmission) expect(Object.keys(service.handoffs ?? {}), id).toContain(service.handoffAtSubmission);
    }
    expect(CASE_SERVICES['after-death-driving-licence'].handoffAtSubmission).toBe('public-security');
    expect(CASE_SERVICES['after-death-pension-account'].handoffAtSubmission).toBe('human-resources');
    expect(CASE_SERVICES['after-death-allowance-stop'].handoffAtSubmission).toBeUndefined();
  });
});

describe('which items need what', () => {
  it.each<[AfterDeathItem, readonly Need[]]>([
    ['household-deregistration', ['deceasedSex', 'handler', 'handlerId']],
    ['driving-licence', ['handler']],
    ['medical-insurance', ['socialSecurityCard', 'handler', 'handlerId', 'heirAccount']],
    ['pension-account', ['socialSecurityCard', 'handler', 'handlerId', 'heirAccount']],
    ['survivor-benefits', ['socialSecurityCard', 'handler', 'handlerId', 'heirAccount']],
    ['housing-fund', ['handler', 'handlerId', 'heirAccount']],
    ['allowance-stop', []],
    ['eco-burial-subsidy', []],
  ])('%s needs %j', (item, needs) => {
    expect(AFTER_DEATH_ITEMS[item].needs).toEqual(needs);
  });

  it.each<[readonly AfterDeathItem[], { card: boolean; account: boolean; steps: string }]>([
    [['household-deregistration', 'driving-licence'], { card: false, account: false, steps: 'handler phones deceased items' }],
    [['housing-fund'], { card: false, account: true, steps: 'handler phones deceased items account' }],
    [['pension-account'], { card: true, account: true, steps: 'handler phones deceased items social-security account' }],
    [['allowance-stop', 'eco-burial-subsidy'], { card: false, account: false, steps: 'handler phones deceased items' }],
  ])('%j: the card asked %s, the account and the pages asked', (items, expected) => {
    expect({ card: itemsNeed(items, 'socialSecurityCard'), account: itemsNeed(items, 'heirAccount'), steps: routeOf(afterDeathJourney, afterDeathAnswers(1, {}, items)).map((step) => step.step).join(' ') }).toEqual(expected);
  });

  it('a block not needed is never part of the application, even when its answers linger from an earlier route', () => {
    const application = afterDeathApplicationFrom(afterDeathAnswers(1, {}, ['driving-licence']));
    expect(application['account']).toBeUndefined();
    expect((application['deceased'] as Record<string, unknown>)['socialSecurityCardNumber']).toBeUndefined();
    expect(application['items']).toEqual(['driving-licence']);
    expect(schema.safeParse(application).success).toBe(true);
  });
});

describe('what each department receives (data minimisation)', () => {
  const identity = ['deceased.name', 'deceased.idNumber', 'deceased.diedOn', 'deceased.deathCertificateNumber'];
  const handler = ['handler.name', 'handler.phone', 'handler.relationship'];
  const account = ['account.bankName', 'account.holder', 'account.number'];
  it.each<[DepartmentItemId, string, readonly string[]]>([
    ['household-deregistration', 'public-security', [...identity, 'deceased.sex', ...handler, 'handler.idNumber']],
    ['driving-licence', 'public-security', [...identity, ...handler]],
    ['medical-insurance', 'medical-insurance', [...identity, 'deceased.socialSecurityCardNumber', ...handler, 'handler.idNumber', ...account]],
    ['pension-account', 'human-resources', [...identity, 'deceased.socialSecurityCardNumber', ...handler, 'handler.idNumber', ...account]],
    ['survivor-benefits', 'human-resources', [...identity, 'deceased.socialSecurityCardNumber', ...handler, 'handler.idNumber', ...account]],
    ['housing-fund', 'housing-fund', [...identity, ...handler, 'handler.idNumber', ...account]],
  ])('%s goes to %s with only %j', (item, department, fields) => {
    expect(AFTER_DEATH_ITEMS[item].department).toBe(department);
    const payload = departmentHandoff(AFTER_DEATH_ITEMS[item].department).payload(departmentPart(item, valid()));
    expect(Object.keys(payload.values ?? {}).sort()).toEqual(['item', ...fields].sort());
    // Never the handler's address or sex, nor anything of another item.
    expect(JSON.stringify(payload)).not.toContain('示例街道');
  });

  it('the portal’s own step carries the deceased’s identity alone, both the ID number and the death certificate', () => {
    const part = afterDeathParts(valid(1, {}, ['allowance-stop']))[0];
    expect(part?.kind === 'case' ? part.application : undefined).toEqual({ deceased: { name: '王建国', idNumber: personId(1, 'male', '19400301'), diedOn: '2026-10-20', deathCertificateNumber: 'D220000001' } });
  });

  it('a part’s schema refuses anything its item does not need, so a mistake in the minimisation fails the bundle rather than leaks', () => {
    const part = departmentPart('driving-licence', valid());
    expect(departmentPartSchema.safeParse(part).success).toBe(true);
    expect(departmentPartSchema.safeParse({ ...part, handler: { ...part.handler, address: '示例街道' } }).success).toBe(false);
    expect(departmentPartSchema.safeParse({ ...part, extra: 1 }).success).toBe(false);
    expect(allowanceStopSchema.safeParse({ deceased: { ...part.deceased, sex: 'male' } }).success).toBe(false);
    expect(departmentPayload(part).values?.['item']).toBe('driving-licence');
  });
});

describe('bad input on the form', () => {
  const mainApplication = (n: number, change: (application: ReturnType<typeof afterDeathApplication>) => void, items?: readonly string[]) => {
    const application = afterDeathApplication(n, {}, items);
    change(application);
    return application;
  };
  it.each<[string, (application: ReturnType<typeof afterDeathApplication>) => void, readonly string[]]>([
    ['a death in the future', (a) => (a.deceased['diedOn'] = '2026-12-13'), ['deceased.diedOn: diedOnFuture']],
    ['a death before the birth date', (a) => (a.deceased['diedOn'] = '1939-12-31'), ['deceased.diedOn: diedBeforeBirth']],
    ['a death certificate number of the wrong shape', (a) => (a.deceased['deathCertificateNumber'] = '12-3'), ['deceased.deathCertificateNumber: eco-burial-subsidy:errors.ecoBurial.certificateNumber']],
    ['a sex the ID number does not carry', (a) => (a.deceased['sex'] = 'female'), ['deceased.sex: sexNotOnId']],
    ['the handler’s own ID number as the deceased’s', (a) => (a.deceased['idNumber'] = a.handler['idNumber'] ?? ''), ['deceased.sex: sexNotOnId', 'deceased.idNumber: deceasedIsAgent']],
    ['nothing ticked', (a) => (a.items = []), ['items: items']],
    ['an item no one offers', (a) => (a.items = ['fee-exemption']), ['items.0: items']],
    ['no card where the pension needs it', (a) => delete a.deceased['socialSecurityCardNumber'], ['deceased.socialSecurityCardNumber: socialSecurityCard']],
    ['an account number of letters', (a) => (a.account['number'] = 'ABC'), ['account.number: accountNumber']],
  ])('%s', (_name, change, expected) => {
    expect(issuesOf(mainApplication(1, change, ['pension-account']))).toEqual(expected);
  });

  it('no account where the housing fund pays out, but none asked where nothing does', () => {
    const withoutAccount = (items: readonly string[]) => {
      const { account: _account, ...rest } = afterDeathApplication(1, {}, items);
      return rest;
    };
    expect(issuesOf(withoutAccount(['housing-fund']))).toEqual(['account.number: accountNeeded']);
    expect(issuesOf(withoutAccount(['driving-licence', 'allowance-stop']))).toEqual([]);
  });
});

describe('what a part shows the family', () => {
  it.each<[string, Parameters<typeof partStatus>[0], PartStatus]>([
    ['applied for later', { kind: 'later', state: null, terminalDone: false, handoff: null }, 'to-apply'],
    ['being sent', { kind: 'case', state: 'sent', terminalDone: false, handoff: { status: 'pending', outcome: null } }, 'pending'],
    ['the department is down (tried again later)', { kind: 'case', state: 'sent', terminalDone: false, handoff: { status: 'pending', outcome: null } }, 'pending'],
    ['accepted, the answer to come', { kind: 'case', state: 'sent', terminalDone: false, handoff: { status: 'waiting', outcome: null } }, 'pending'],
    ['done', { kind: 'case', state: 'sent', terminalDone: false, handoff: { status: 'answered', outcome: 'done' } }, 'done'],
    ['refused', { kind: 'case', state: 'sent', terminalDone: false, handoff: { status: 'answered', outcome: 'refused' } }, 'refused'],
    ['no answer after every attempt: staff follow up, never "lost"', { kind: 'case', state: 'sent', terminalDone: false, handoff: { status: 'failed', outcome: 'failed' } }, 'pending'],
    ['the portal’s own step with staff', { kind: 'case', state: 'submitted', terminalDone: false, handoff: null }, 'with-staff'],
    ['the portal’s own step decided', { kind: 'case', state: 'stopped', terminalDone: true, handoff: null }, 'done'],
  ])('%s', (_name, part, expected) => {
    expect(partStatus(part)).toBe(expected);
  });

  it.each(['zh-CN', 'en'] as const)('every item and every status is named on the status page in %s', (lang) => {
    const t = translator(lang);
    for (const item of ITEM_IDS) expect(t(keyFrom(`after-death:afterDeath.item.${item}`), { defaultValue: '' }), item).not.toBe('');
    for (const status of ['pending', 'done', 'refused', 'with-staff', 'to-apply']) expect(t(keyFrom(`after-death:afterDeathCase.partStatus.${status}`), { defaultValue: '' }), status).not.toBe('');
  });
});
