import { describe, expect, it } from 'vitest';
import { OLD_AGE_ALLOWANCE_DISTRICTS } from '../../api/services/old-age-allowance/districts.ts';
import { applicationFrom, fieldOfIssue, journeyPages, nextStep, pagesFor } from '../../api/services/old-age-allowance/journey.ts';

const pages = journeyPages(OLD_AGE_ALLOWANCE_DISTRICTS);
const page = (step: string) => pages.find((p) => p.step === step) ?? pages[0]!;

describe('the 高龄津贴 journey', () => {
  it('asks for the agent’s details only when someone applies for the older person', () => {
    expect(nextStep('agent', { hasAgent: 'yes' })).toBe('agent-details');
    expect(nextStep('agent', { hasAgent: 'no' })).toBe('bank');
    expect(pagesFor(pages, { hasAgent: 'no' }).map((p) => p.step)).toEqual(['eligibility', 'elder', 'agent', 'bank', 'declaration']);
    expect(nextStep('declaration', {})).toBe('check');
  });

  it('turns posted answers into the application the schema checks, forgetting an agent who is no longer there', () => {
    const answers = { district: 'demo-district', 'elder.name': '张秀英', 'elder.idNumber': 'X', hasAgent: 'no', 'agent.name': '李明', declaration: 'yes' };
    expect(applicationFrom(answers)).toEqual({ district: 'demo-district', elder: { name: '张秀英', idNumber: 'X' }, declaration: true });
    expect(applicationFrom({ ...answers, hasAgent: 'yes' })).toMatchObject({ agent: { name: '李明' } });
    expect(applicationFrom({ declaration: '' })).toEqual({ declaration: false });
  });

  it('puts each problem on the field of the page it belongs to, and ignores the other pages’ problems', () => {
    expect(fieldOfIssue(page('eligibility'), ['elder', 'idNumber'])).toBe('elder.idNumber');
    expect(fieldOfIssue(page('eligibility'), ['elder', 'name'])).toBeUndefined();
    expect(fieldOfIssue(page('agent-details'), ['agent'])).toBe('agent.name');
    expect(fieldOfIssue(page('declaration'), ['declaration'])).toBe('declaration');
  });
});
