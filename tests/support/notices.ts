/**
 * A notice's content as the notice tests write it: a support module, so that a test file needing it
 * does not import another test file (which would register that file's tests again inside its own).
 */
import type { NoticeContent } from '../../api/domain/notices/notice.ts';

export function noticeContent(overrides: Partial<NoticeContent> = {}): NoticeContent {
  return {
    'zh-CN': { title: '关于调整城乡低保标准的通知', body: '自 2027 年 1 月 1 日起，城市低保标准调整为每人每月 1100 元。\n\n已在册的低保家庭无需重新申请。', publisher: '示例市民政局' },
    en: { title: 'New minimum living allowance standards', body: 'From 1 January 2027 the urban standard is 1,100 yuan a person a month.\n\nHouseholds already receiving it need not apply again.', publisher: 'Example City Civil Affairs Bureau' },
    date: '2026-12-10',
    indexNumber: '000014349/2026-00123',
    office: null,
    service: 'minimum-living-allowance',
    example: true,
    ...overrides,
  };
}
