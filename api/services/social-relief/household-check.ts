/**
 * The household financial check (家庭经济状况核对) as a hand-off (docs/decisions/044): what the
 * portal sends the 核对 system when an investigator asks for it, the transition that records its
 * answer, what is recorded when no answer comes, and how the development receiver answers as that
 * system would. Only what the check needs leaves the portal: each member's name, relationship and ID
 * number, and that every adult authorised the check (社会救助法 第六十二条: the government looks up
 * what it holds; the authorisation is what lets it). Never incomes, health or the household's story.
 */
import type { HandoffDeclaration } from '../../engine/handoffs/handoff.ts';
import type { ReliefApplication } from './application/schema.ts';

export const householdCheckHandoff: HandoffDeclaration<ReliefApplication> = {
  payload: (application) => ({
    values: {
      district: application.area.district,
      // The schema refuses an application where an adult has not authorised the check.
      authorised: application.household.every((member) => member.authorisation !== false),
    },
    lists: { members: application.household.map((member) => ({ relationship: member.relationship, name: member.name, idNumber: member.idNumber })) },
  }),
  records: 'record-household-check',
  // The bureau's working record is kept in its working language; the investigator may re-request or enter the answer by hand.
  failed: ({ attempts }) => ({ result: 'failed', summary: `核对系统在 ${attempts} 次发送后仍未答复，请重新申请核对或手工录入结果。` }),
  simulate: (payload, reply, today) =>
    reply === 'refusal'
      ? { result: 'refused', summary: '（开发用核对系统）核对机构退回了这次核对申请：授权书信息不全。', checkedOn: today }
      : {
          result: 'within-limits',
          summary: `（开发用核对系统）已核对 ${payload.lists?.['members']?.length ?? 0} 名家庭成员的存款、房产、车辆、工商和社保信息，未发现超过当地规定的财产。`,
          checkedOn: today,
        },
};
