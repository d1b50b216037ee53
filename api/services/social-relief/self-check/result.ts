/**
 * The self-check's result as the generic result page shows it (api/engine/tools/tool.ts): what the
 * household may be eligible for, or 低保边缘, or 刚性支出困难, or "probably not, because …" with every
 * reason; always the standard it was compared against (figure, since when, basis, an example's
 * label), the income per head worked out, a link to apply for each kind whatever the result says,
 * and (on the page) the hotline. Pure: the rule's result and the reader's language in, words out.
 */
import type { Locale } from '../../../domain/guides/guide.schema.ts';
import type { ToolFact, ToolLink, ToolMessage, ToolResult, ToolResultSection } from '../../../engine/tools/tool.ts';
import { dynamicKey, formatDate, translator } from '../../../i18n/index.ts';
import type { EligibilityResult, ReliefKind } from '../eligibility.ts';
import { formatYuan } from '../money.ts';

const W = 'social-relief:selfCheck.result';

/** The service each kind of help is applied for at (its application's address: /apply/<service>). */
export const SERVICE_OF_KIND: Readonly<Record<ReliefKind, string>> = {
  dibao: 'minimum-living-allowance',
  tekun: 'extreme-poverty-support',
  temporary: 'temporary-assistance',
};
const KINDS: readonly ReliefKind[] = ['dibao', 'tekun', 'temporary'];

const m = (key: string, params?: Record<string, string | number>): ToolMessage => (params ? { key, params } : { key });
const applyLink = (kind: ReliefKind): ToolLink => ({ path: `/apply/${SERVICE_OF_KIND[kind]}`, label: m(`${W}.apply.${kind}`) });

/** Whoever reads the result may apply for every kind: the township decides, after checking. */
function applySection(): ToolResultSection {
  return { id: 'apply', heading: m(`${W}.apply.title`), paragraphs: [m(`${W}.apply.anyway`)], links: KINDS.map(applyLink) };
}

export function selfCheckResult(result: EligibilityResult, lang: Locale): ToolResult {
  if (result.status === 'no-standard') {
    return { lead: m(`${W}.noStandard`), sections: [applySection()] };
  }
  const t = translator(lang);
  const money = (fen: number) => formatYuan(fen, lang);
  const kindName = (kind: ReliefKind) => t(dynamicKey`social-relief:relief.kind.${kind}`);
  const { standard } = result;
  const kinds = result.mayBeEligibleFor;

  const outcome: ToolMessage[] = [];
  if (kinds.includes('tekun')) outcome.push(m(`${W}.tekun`, { standard: money(standard.tekunFen) }));
  if (kinds.includes('dibao') && result.dibaoMonthlyFen !== null) outcome.push(m(`${W}.dibao`, { amount: money(result.dibaoMonthlyFen), members: result.members }));
  if (result.memberMayApplyAlone) outcome.push(m(`${W}.alone`, { percent: standard.marginalPercent }));
  if (result.band === 'rigid-spending') outcome.push(m(`${W}.rigid`));
  if (kinds.includes('temporary')) outcome.push(m(result.advanceCapFen !== null ? `${W}.temporaryNow` : `${W}.temporary`, result.advanceCapFen !== null ? { cap: money(result.advanceCapFen) } : undefined));

  const lead =
    kinds.length > 0
      ? m(`${W}.lead.may`, { kinds: kinds.map(kindName).join(t('social-relief:selfCheck.result.kindSeparator')) })
      : result.band === 'marginal'
        ? m(`${W}.lead.marginal`, { percent: standard.marginalPercent })
        : m(`${W}.lead.probablyNot`);

  const sections: ToolResultSection[] = [];
  if (kinds.length > 0) {
    sections.push({ id: 'outcome', tone: 'outcome', heading: m(`${W}.may.title`), list: kinds.map((kind) => m(`social-relief:relief.kind.${kind}`)), paragraphs: outcome, links: kinds.map(applyLink) });
  }
  if (result.band === 'marginal' && !kinds.includes('dibao')) {
    sections.push({ id: 'marginal', tone: 'outcome', heading: m(`${W}.marginal.title`), paragraphs: [m(`${W}.marginal.text`, { percent: standard.marginalPercent, line: money(Math.round((standard.dibaoFen * standard.marginalPercent) / 100)) })] });
  }
  if (result.reasons.length > 0 && !kinds.includes('dibao') && !kinds.includes('tekun')) {
    sections.push({ id: 'reasons', tone: kinds.length > 0 ? 'detail' : 'outcome', heading: m(`${W}.reasons.title`), list: result.reasons.map((reason) => m(`social-relief:relief.reason.${reason}`)), paragraphs: [m(`${W}.reasons.after`)] });
  }

  const example = standard.example;
  const facts: ToolFact[] = [
    { label: m(`${W}.standard.dibao`, { area: t(dynamicKey`social-relief:relief.area.${standard.area}`) }), value: m(`${W}.value`, { value: money(standard.dibaoFen) }), example },
    { label: m(`${W}.standard.marginal`, { percent: standard.marginalPercent }), value: m(`${W}.value`, { value: money(Math.round((standard.dibaoFen * standard.marginalPercent) / 100)) }), example },
    { label: m(`${W}.standard.tekun`), value: m(`${W}.value`, { value: money(standard.tekunFen) }), example },
    { label: m(`${W}.standard.since`), value: m(`${W}.value`, { value: formatDate(standard.effectiveFrom, lang) }) },
    { label: m(`${W}.standard.basis`), value: m(`${W}.value`, { value: standard.basis }) },
  ];
  sections.push({ id: 'standard', tone: 'detail', heading: m(`${W}.standard.title`), facts, ...(example ? { paragraphs: [m(`${W}.standard.example`, { year: standard.sourceYear })] } : {}) });

  sections.push({
    id: 'income',
    tone: 'detail',
    heading: m(`${W}.income.title`),
    facts: [
      { label: m(`${W}.income.members`), value: m(`${W}.value`, { value: result.members }) },
      { label: m(`${W}.income.counted`), value: m(`${W}.value`, { value: money(result.countedIncomeFen) }) },
      { label: m(`${W}.income.notCounted`), value: m(`${W}.value`, { value: money(result.notCountedIncomeFen) }) },
      { label: m(`${W}.income.deducted`), value: m(`${W}.value`, { value: money(result.deductionsFen) }) },
      { label: m(`${W}.income.net`), value: m(`${W}.value`, { value: money(result.netIncomeFen) }) },
      { label: m(`${W}.income.perHead`), value: m(`${W}.value`, { value: money(result.incomePerHeadFen) }) },
    ],
    paragraphs: [m(`${W}.income.how`)],
  });
  sections.push(applySection());
  return { lead, sections };
}
