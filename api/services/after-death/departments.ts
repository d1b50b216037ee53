/**
 * The departments' hand-offs of 身后一件事 (docs/decisions/044, 066): one per department, each its
 * own endpoint (HANDOFF_PUBLIC_SECURITY_URL, HANDOFF_MEDICAL_INSURANCE_URL, HANDOFF_HUMAN_RESOURCES_URL,
 * HANDOFF_HOUSING_FUND_URL and their _SECRET). What is sent is the part's answers, which parts.ts
 * already cut to what the item needs; the department answers that it has done it (with its own
 * reference) or that it cannot (with its reason). The development receiver answers as a department
 * would: by default a deceased's ID number whose sequence code is 998 later, 999 refused.
 */
import type { HandoffAnswer, HandoffDeclaration, HandoffPayload } from '../../engine/handoffs/handoff.ts';
import type { Department } from './items.ts';
import type { DepartmentPart } from './part-application.schema.ts';

/** The transition of a department's part that records its answer (by 'system'). */
export const RECORD_ANSWER = 'record-answer';

/** The part's answers as the department's form of fields: flat, named by where they come from. */
export function departmentPayload(part: DepartmentPart): HandoffPayload {
  const values: Record<string, string> = { item: part.item };
  for (const [block, fields] of Object.entries({ deceased: part.deceased, handler: part.handler, account: part.account ?? {} })) {
    for (const [field, value] of Object.entries(fields)) if (typeof value === 'string') values[`${block}.${field}`] = value;
  }
  return { values, lists: {} };
}

const DEPARTMENT_NAMES: Readonly<Record<Department, string>> = { 'public-security': '公安机关', 'medical-insurance': '医疗保障部门', 'human-resources': '人力资源社会保障部门', 'housing-fund': '住房公积金管理中心' };

/** One declaration per department: each of its items' parts sends it. */
export function departmentHandoff(department: Department): HandoffDeclaration<DepartmentPart> {
  return {
    payload: departmentPayload,
    records: RECORD_ANSWER,
    // Kept in the bureau's working language; the family's page says "pending" and staff send it again (the part's send-again).
    failed: ({ attempts }) => ({ outcome: 'failed', note: `${DEPARTMENT_NAMES[department]}在 ${attempts} 次发送后仍未答复，请再次发送或联系该部门。` }),
    simulate: (payload, reply, today): HandoffAnswer =>
      reply === 'refusal'
        ? { outcome: 'refused', note: `（开发用${DEPARTMENT_NAMES[department]}）未能办理：请携带死亡医学证明到窗口核对。`, answeredOn: today }
        : { outcome: 'done', reference: `DEV-${department.toUpperCase()}-${String(payload.values?.['item'] ?? '').toUpperCase()}`, answeredOn: today },
  };
}
