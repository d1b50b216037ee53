/**
 * The items of 身后一件事 (docs/decisions/066) and what each needs, as data: who does it (a
 * department, by hand-off; the portal itself; or applied for later), and which of the form's
 * answers it needs, so that each part carries only those (data minimisation, 个人信息保护法 第六条)
 * and the form asks for a block only when an item ticked needs it. Departments as DOMAIN.md lists
 * them (国办发〔2025〕24号's 身后一件事): 公安 (户口注销, 驾驶证), 医保, 人社 (pension account, 丧葬补助金 and
 * 遗属待遇), 公积金; 民政 (stopping 低保/特困/高龄津贴/两项补贴 from the next month). Pure.
 *
 * The funeral booking (with its fee exemption, decided at booking), the cemetery plot and the
 * eco-burial subsidy are items applied for on their own journeys (`later`), each starting from a
 * draft prefilled with what the bundle holds (later-drafts.ts, docs/decisions/076).
 */

/** The departments that receive a hand-off, each its own endpoint (HANDOFF_<NAME>_URL / _SECRET). */
export const DEPARTMENTS = ['public-security', 'medical-insurance', 'human-resources', 'housing-fund'] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** What an item's part may carry of the form. The deceased's name, ID number, date of death and death certificate number always go: they identify the deceased together. */
export type Need = 'deceasedSex' | 'socialSecurityCard' | 'handler' | 'handlerId' | 'heirAccount';

export interface DepartmentItem {
  kind: 'department';
  department: Department;
  needs: readonly Need[];
}
export interface PortalItem {
  kind: 'portal';
  needs: readonly Need[];
}
export interface LaterItem {
  kind: 'later';
  applyPath: string;
  /** The service whose journey's draft is prefilled from the bundle at its submission (later-drafts.ts, docs/decisions/076). */
  service: string;
  needs: readonly Need[];
}
export type ItemDefinition = DepartmentItem | PortalItem | LaterItem;

export const AFTER_DEATH_ITEMS = {
  // 公安: the household register needs who reports the death (申报人) and the deceased's sex for the record.
  'household-deregistration': { kind: 'department', department: 'public-security', needs: ['deceasedSex', 'handler', 'handlerId'] },
  'driving-licence': { kind: 'department', department: 'public-security', needs: ['handler'] },
  // 医保 and 人社: the social security card identifies the account; the balance or benefit is paid to the heir.
  'medical-insurance': { kind: 'department', department: 'medical-insurance', needs: ['socialSecurityCard', 'handler', 'handlerId', 'heirAccount'] },
  'pension-account': { kind: 'department', department: 'human-resources', needs: ['socialSecurityCard', 'handler', 'handlerId', 'heirAccount'] },
  'survivor-benefits': { kind: 'department', department: 'human-resources', needs: ['socialSecurityCard', 'handler', 'handlerId', 'heirAccount'] },
  'housing-fund': { kind: 'department', department: 'housing-fund', needs: ['handler', 'handlerId', 'heirAccount'] },
  // 民政: stopping the deceased's allowances is confirmed by staff against the case's evidence; no contact of the family is needed.
  'allowance-stop': { kind: 'portal', needs: [] },
  // Applied for after the burial, on its own journey, whose draft starts with what the bundle holds (later-drafts.ts). `needs` are the departments' parts': a later item's are its mapping's.
  'eco-burial-subsidy': { kind: 'later', applyPath: '/apply/eco-burial-subsidy', service: 'eco-burial-subsidy', needs: [] },
  // The funeral home's basic services, booked on their own journey (docs/decisions/063): the fee exemption (惠民殡葬) is decided with the booking.
  'funeral-booking': { kind: 'later', applyPath: '/apply/funeral-booking', service: 'funeral-booking', needs: [] },
  // A public cemetery plot, on its own journey (docs/decisions/064): sold only against the death or cremation certificate.
  'cemetery-plot': { kind: 'later', applyPath: '/apply/public-cemetery', service: 'public-cemetery', needs: [] },
} as const satisfies Record<string, ItemDefinition>;

export type AfterDeathItem = keyof typeof AFTER_DEATH_ITEMS;
export const ITEM_IDS = Object.keys(AFTER_DEATH_ITEMS) as AfterDeathItem[];
export type DepartmentItemId = { [K in AfterDeathItem]: (typeof AFTER_DEATH_ITEMS)[K] extends DepartmentItem ? K : never }[AfterDeathItem];
export const isDepartmentItem = (item: AfterDeathItem): item is DepartmentItemId => AFTER_DEATH_ITEMS[item].kind === 'department';
/** The items applied for later: each has a mapping that prefills its journey's draft (later-drafts.ts). */
export type LaterItemId = { [K in AfterDeathItem]: (typeof AFTER_DEATH_ITEMS)[K] extends LaterItem ? K : never }[AfterDeathItem];
export const isLaterItem = (item: AfterDeathItem): item is LaterItemId => AFTER_DEATH_ITEMS[item].kind === 'later';
export const DEPARTMENT_ITEM_IDS = ITEM_IDS.filter(isDepartmentItem) as [DepartmentItemId, ...DepartmentItemId[]];

/** Whether any ticked item needs `need` (the form asks the heir's account, the social security card, only then). */
export function itemsNeed(items: readonly AfterDeathItem[], need: Need): boolean {
  return items.some((item) => (AFTER_DEATH_ITEMS[item].needs as readonly Need[]).includes(need));
}

/** The case service of a department item's part (api/services/after-death/department-parts.ts). */
export const partServiceId = (item: DepartmentItemId | 'allowance-stop'): string => `after-death-${item}`;

/** How the relationship of the agent to the deceased is asked. */
export const HANDLER_RELATIONSHIPS = ['spouse', 'child', 'parent', 'sibling', 'grandchild', 'grandparent', 'other-relative', 'other'] as const;
export type HandlerRelationship = (typeof HANDLER_RELATIONSHIPS)[number];
