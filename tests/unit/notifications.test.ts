import { describe, expect, it } from 'vitest';
import { nextAttemptDelayMs } from '../../api/domain/notifications/retry.ts';
import { UnknownTemplateError, renderNotification } from '../../api/notifications/delivery.ts';

describe('notification retries', () => {
  it('back off exponentially up to an hour, then stop after the last attempt', () => {
    const policy = { baseDelayMs: 60_000, maxDelayMs: 3_600_000, maxAttempts: 8 };
    expect([1, 2, 3, 6, 7].map((n) => nextAttemptDelayMs(n, policy))).toEqual([60_000, 120_000, 240_000, 1_920_000, 3_600_000]);
    expect(nextAttemptDelayMs(8, policy)).toBeNull();
  });
});

describe('notification texts', () => {
  it('come from the resources in the applicant’s language, with the case’s details', () => {
    const params = JSON.stringify({ trackingNumber: '7KQ4-M9XH-2CP', monthlyAmount: '100', firstMonth: '2026-12' });
    expect(renderNotification({ template: 'case.approved', lang: 'zh-CN', params_json: params })).toBe('【民政一网通办】您的申请（办件编号 7KQ4-M9XH-2CP）已批准，每月 100 元，自 2026-12 起发放。');
    expect(renderNotification({ template: 'case.approved', lang: 'en', params_json: params })).toContain('100 yuan a month from 2026-12');
    expect(() => renderNotification({ template: 'case.unknown', lang: 'en', params_json: '{}' })).toThrow(UnknownTemplateError);
  });

  it('exist for every notification the 高龄津贴 workflow sends', async () => {
    const { oldAgeAllowanceWorkflow } = await import('../../api/services/old-age-allowance/workflow.ts');
    for (const transition of oldAgeAllowanceWorkflow.transitions) {
      if (!transition.notify) continue;
      for (const lang of ['zh-CN', 'en']) {
        expect(() => renderNotification({ template: transition.notify!, lang, params_json: '{"trackingNumber":"X"}' }), `${transition.notify} ${lang}`).not.toThrow();
      }
    }
  });
});
