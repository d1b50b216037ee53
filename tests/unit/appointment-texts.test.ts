/**
 * The text messages of a marriage registry appointment, as the outbox renders them: the booking's
 * names the office and its address; a divorce's and a reissue's say what was booked in their own
 * words; and no text a divorce sends, in either language, calls it a marriage registration.
 */
import { describe, expect, it } from 'vitest';
import { renderNotification } from '../../api/notifications/delivery.ts';
import { appointmentTextParams } from '../../api/services/marriage/appointment-texts.ts';
import { divorceWorkflow } from '../../api/services/marriage/divorce-workflow.ts';
import { DEMO_OFFICES, type MarriageKind } from '../../api/services/marriage/offices.ts';

const OFFICE = DEMO_OFFICES.get('demo-district-registry');
if (!OFFICE) throw new Error('the demo office is missing');
const SLOT = { date: '2026-12-04', start: '09:30' };

const render = (template: string, lang: 'zh-CN' | 'en', params: Record<string, string>) =>
  renderNotification({ template, lang, params_json: JSON.stringify({ trackingNumber: '7KQ4-M9XH-2CP', ...params }) });
const booked = (kind: MarriageKind, lang: 'zh-CN' | 'en') => render('case.appointmentBooked', lang, appointmentTextParams(OFFICE, SLOT, lang, kind));

describe('the booking’s text message', () => {
  it('names the office and its address, in the language of the booking', () => {
    expect(booked('marriage', 'zh-CN')).toBe(
      '【民政一网通办】您已预约结婚登记，办件编号 7KQ4-M9XH-2CP，时间 2026-12-04 09:30，地点：示例区婚姻登记处（示例市示例区幸福路 8 号）。请双方本人按时携带预约时填写的证件一同到场。',
    );
    expect(booked('marriage', 'en')).toContain('at Example District Marriage Registry (8 Xingfu Road, Example District, Example City)');
  });

  it('says what was booked in each kind’s own words: a divorce’s first visit, a reissue for one person', () => {
    const divorce = booked('divorce', 'zh-CN');
    expect(divorce).toContain('你们已预约离婚登记第一次到场（提交申请）');
    expect(divorce).toContain('结婚证和离婚协议书');
    expect(divorce).toContain('示例区婚姻登记处（示例市示例区幸福路 8 号）');
    expect(divorce).not.toContain('您已预约婚姻登记');
    expect(booked('divorce', 'en')).toContain('your divorce appointment is booked (first visit, to apply)');
    const reissue = booked('reissue', 'zh-CN');
    expect(reissue).toContain('您已预约补领婚姻登记证');
    expect(reissue).toContain('请本人按时');
    expect(reissue).not.toContain('双方');
  });

  it('booking a divorce’s second visit names the office and its address too', () => {
    const text = render('case.secondVisitBooked', 'zh-CN', appointmentTextParams(OFFICE, SLOT, 'zh-CN'));
    expect(text).toBe('【民政一网通办】已预约领取离婚证（办件编号 7KQ4-M9XH-2CP），时间 2026-12-04 09:30，地点：示例区婚姻登记处（示例市示例区幸福路 8 号）。请双方本人一同到场。');
  });
});

describe('every text a divorce sends', () => {
  // Every parameter any of them reads; the office's name is a registry's (婚姻登记处), which is no wording of ours.
  const params = (lang: 'zh-CN' | 'en') => ({
    ...appointmentTextParams(OFFICE, SLOT, lang, 'divorce'),
    coolingOffEnds: '2027-01-04',
    windowFrom: '2027-01-05',
    windowTo: '2027-02-03',
    reason: '材料不齐',
    bookUrl: 'https://portal.example.gov.cn/book/marriage',
    trackUrl: 'https://portal.example.gov.cn/track?number=7KQ4-M9XH-2CP',
  });
  const templates = ['case.appointmentBooked', ...new Set(divorceWorkflow.transitions.flatMap((transition) => (transition.notify ? [transition.notify] : [])))];

  it.each(templates)('%s calls it a divorce, never a marriage registration, in both languages', (template) => {
    const zh = render(template, 'zh-CN', params('zh-CN'));
    const en = render(template, 'en', params('en'));
    // "婚姻登记" only in an office's name (…婚姻登记处), never as what was booked.
    expect(zh).not.toMatch(/婚姻登记(?!处)/);
    expect(en).not.toMatch(/marriage registration/i);
  });

  it('tell both parties of a withdrawal request, its confirmation and a refusal to confirm it', () => {
    expect(render('case.divorceWithdrawalRequested', 'zh-CN', {})).toBe(
      '【民政一网通办】离婚登记申请（办件编号 7KQ4-M9XH-2CP）已有一方在网上申请撤回。受理申请的登记处核实后确认撤回，并再用短信通知双方；确认之前，申请仍然有效。',
    );
    expect(render('case.divorceWithdrawalConfirmed', 'en', {})).toBe('Civil Affairs Online: the registry that accepted the divorce application (7KQ4-M9XH-2CP) has confirmed its withdrawal; it will not proceed.');
    expect(render('case.divorceWithdrawalDeclined', 'zh-CN', { reason: '申请人到场说明没有申请撤回' })).toContain('原因：申请人到场说明没有申请撤回。申请仍然有效');
  });
});
