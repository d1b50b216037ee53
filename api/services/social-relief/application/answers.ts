/**
 * The relief application as rows (the check page, and the staff case page, which masks the rows
 * flagged `personal`): where, the applicant, each household member (name and relationship, ID
 * number, circumstances, incomes with formatYuan, authorisation), income and assets, each service's
 * own part, and the declarations. Words are the service's (social-relief:fields.*, application.*).
 */
import type { Locale } from '../../../i18n/index.ts';
import { dynamicKey, translator } from '../../../i18n/index.ts';
import type { AnswerRow } from '../../case-service.ts';
import { formatYuan } from '../money.ts';
import { incomesOf, type HouseholdMember, type ReliefApplication } from './schema.ts';

const W = 'social-relief:application.form';
const F = 'social-relief:fields';

function memberRows(member: HouseholdMember, index: number, lang: Locale): AnswerRow[] {
  const t = translator(lang);
  const list = t('punctuation.listSeparator');
  const who = index === 0 ? t('social-relief:application.form.householdSelf') : t(dynamicKey`${W}.relationship.${member.relationship}`);
  const incomes = incomesOf(member).filter((income) => income.monthlyFen > 0);
  return [
    { label: `${F}.household.name`, value: t('social-relief:application.form.memberName', { name: member.name, who }) },
    { label: `${F}.household.idNumber`, value: member.idNumber, personal: 'id' },
    {
      label: `${F}.household.circumstances`,
      value: [t(dynamicKey`${W}.occupation.${member.occupation}`), t(dynamicKey`${W}.disability.${member.disability}`), t(dynamicKey`${W}.health.${member.health}`)].join(list),
    },
    {
      label: `${F}.household.incomeSummary`,
      value: incomes.length === 0 ? t('social-relief:application.form.noIncome') : incomes.map((income) => `${t(dynamicKey`social-relief:relief.incomeKind.${income.kind}`)} ${formatYuan(income.monthlyFen, lang)}`).join(list),
    },
    { label: `${F}.household.authorisation`, value: member.authorisation ? `${W}.authorised` : `${W}.notAuthorised`, valueKey: true },
  ];
}

export function reliefAnswerRows(application: ReliefApplication, lang: Locale): AnswerRow[] {
  const money = (fen: number) => formatYuan(fen, lang);
  const { assets, support, situation } = application;
  return [
    ...(situation
      ? [
          { label: `${F}.situation.what`, value: `${W}.emergency.${situation.what}`, valueKey: true },
          { label: `${F}.situation.description`, value: situation.description },
          { label: `${F}.situation.happenedOn`, value: situation.happenedOn, format: 'date' as const },
          { label: `${F}.situation.needsHelpNow`, value: `${W}.yesNo.${situation.needsHelpNow}`, valueKey: true },
        ]
      : []),
    { label: `${F}.area.community`, value: `${W}.community.${application.area.community}`, valueKey: true },
    { label: `${F}.applicant.name`, value: application.applicant.name },
    { label: `${F}.applicant.idNumber`, value: application.applicant.idNumber, personal: 'id' },
    { label: `${F}.applicant.phone`, value: application.applicant.phone, personal: 'phone' },
    ...application.household.flatMap((member, index) => memberRows(member, index, lang)),
    ...(support
      ? [
          { label: `${F}.support.ableToWork`, value: `${W}.yesNo.${support.ableToWork}`, valueKey: true },
          { label: `${F}.support.supporters`, value: `${W}.supporters.${support.supporters}`, valueKey: true },
        ]
      : []),
    { label: `${F}.assets.housing`, value: `${W}.housing.${assets.housing}`, valueKey: true },
    { label: `${F}.assets.vehicles`, value: money(assets.vehicles) },
    { label: `${F}.assets.deposits`, value: money(assets.deposits) },
    { label: `${F}.assets.securities`, value: money(assets.securities) },
    { label: `${F}.assets.insurance`, value: money(assets.insurance) },
    { label: `${F}.assets.other`, value: money(assets.other) },
    { label: `${F}.closeRelative`, value: `${W}.yesNo.${application.closeRelative}`, valueKey: true },
    { label: `${F}.commitment`, value: `${W}.committed`, valueKey: true },
  ];
}
