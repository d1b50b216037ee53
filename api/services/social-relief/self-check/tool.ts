/**
 * The social relief eligibility self-check as a tool journey (docs/decisions/041): its questions,
 * its one schema, and its result worked out by the eligibility rule against the standard in force
 * today for the district (the rule table social-relief.standards, read from the live rule book).
 * Registered in site/lib/journey-tools.ts; served at /check/social-relief by the generic pages.
 */
import type { ToolDefinition } from '../../../engine/tools/tool.ts';
import { assessEligibility } from '../eligibility.ts';
import { RELIEF_STANDARDS_TABLE } from '../standards-table.ts';
import { SELF_CHECK_TOOL, selfCheckJourney } from './journey.ts';
import { eligibilityInputOf } from './rule-input.ts';
import { selfCheckResult } from './result.ts';
import { SelfCheckAnswersSchema, type SelfCheckAnswers } from './schema.ts';

export const socialReliefSelfCheck: ToolDefinition<SelfCheckAnswers> = {
  tool: SELF_CHECK_TOOL,
  messages: 'social-relief:selfCheck',
  journey: selfCheckJourney,
  schema: SelfCheckAnswersSchema,
  result: (answers, { rules, today, lang }) => selfCheckResult(assessEligibility(rules.rows(RELIEF_STANDARDS_TABLE), eligibilityInputOf(answers, today)), lang),
  guides: ['minimum-living-allowance', 'extreme-poverty-support', 'temporary-assistance'],
  guide: 'minimum-living-allowance',
};
