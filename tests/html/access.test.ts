/**
 * Least privilege on the workbench's pages (docs/access-control.md), without a browser: the front
 * page offers each member only what they may open; a system admin reads a case only after giving a
 * reason on a plain form (the message next to the field, the reason kept), then sees the case
 * read-only with the reason and its time limit; the clerk who handles the case sees in its record
 * of access who read it and why. Both languages.
 */
import { describe, expect, it } from 'vitest';
import { applyViaApi } from '../support/portal-api.ts';
import { LANGUAGES } from '../support/site.ts';
import { baseUrl, staffVisitor } from './support/portal.ts';

describe.each(LANGUAGES)('least privilege on the workbench, in $name', (language) => {
  const s = language.strings;

  it('offers each member only what their role may open', async () => {
    const clerk = await (await staffVisitor(language, 'intake')).get(language.path('/staff'));
    expect(clerk.has('[aria-labelledby="queue-heading"]')).toBe(true);
    expect(clerk.links(s.staff.home.appointments)).toHaveLength(1);
    expect(clerk.links(s.staff.home.officeSchedules)).toHaveLength(0);

    const editor = await (await staffVisitor(language, 'content-editor')).get(language.path('/staff'));
    expect(editor.has('[aria-labelledby="queue-heading"]')).toBe(false);
    expect(editor.text()).toContain(s.errors.workbench.noQueue);
    expect(editor.links(s.staff.home.appointments)).toHaveLength(0);

    const admin = await staffVisitor(language, 'office-admin');
    const adminHome = await admin.get(language.path('/staff'));
    expect(adminHome.links(s.staff.home.appointments)).toHaveLength(0);
    expect(adminHome.links(s.staff.home.officeSchedules)).toHaveLength(1);
    // And the office's day itself says no, with 403.
    const day = await admin.get(language.path('/staff/appointments'));
    expect(day.status).toBe(403);
    expect(day.text()).toContain(s.errors.workbench.notPermitted);
  });

  it('asks a system admin for a reason before showing a case, keeps the reason on a refusal, then shows the case read-only, and the clerk sees who read it and why', async () => {
    const trackingNumber = await applyViaApi(baseUrl(), language.code);
    const admin = await staffVisitor(language, 'system-admin');
    const asked = await admin.get(language.path(`/staff/cases/${trackingNumber}`));
    expect(asked.status).toBe(403);
    expect(asked.h1).toBe(language.t(s.workbench.breakGlass.title, { trackingNumber }));
    expect(asked.text()).not.toContain('1101');

    const short = await asked.form(s.workbench.breakGlass.submit).fill(s.workbench.breakGlass.reasonLabel, 'check').submit();
    expect(short.status).toBe(422);
    expect(short.title.startsWith(s.errors.title)).toBe(true);
    const message = language.t(s.errors.workbench.breakGlassReason, { min: 10, max: 500 });
    expect(short.errorFor('break-glass-reason')).toContain(message);
    expect(short.errorSummary.map((link) => link.href)).toEqual(['#break-glass-reason']);
    expect(short.valueOf(s.workbench.breakGlass.reasonLabel)).toBe('check');

    const reason = language.code === 'zh-CN' ? '核查投诉 2026-118 反映的问题' : 'Looking into complaint 2026-118';
    const read = await short.form(s.workbench.breakGlass.submit).fill(s.workbench.breakGlass.reasonLabel, reason).submit();
    expect(read.status).toBe(200);
    expect(read.h1).toBe(language.t(s.workbench.caseTitle, { trackingNumber }));
    expect(read.role('note')).toContain(reason);
    expect(read.text()).toContain(s.workbench.noActions);
    expect(read.buttons(s.workbench.reveal)).toHaveLength(0);

    const clerk = await (await staffVisitor(language, 'intake')).get(language.path(`/staff/cases/${trackingNumber}`));
    const record = clerk.all('[aria-labelledby="access"] tbody tr').map((row) => clerk.texts('td', row));
    const breakGlass = record.find((cells) => cells[2] === s.workbench.access.action['case.break-glass']);
    expect(breakGlass?.[1]).toContain(s.staff.role['system-admin']);
    expect(breakGlass?.[3]).toBe(reason);
    expect(record.some((cells) => cells[2] === s.workbench.access.action['case.view'] && cells[1]?.includes(s.staff.role.intake))).toBe(true);
  });
});
