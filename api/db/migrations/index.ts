/**
 * Every migration, in order. Listed here rather than read from a folder so that they work the same
 * from source, from a bundle and in tests. Names sort by date; never rename or edit a landed one.
 */
import type { Migration } from 'kysely/migration';
import * as guides from './2026112501_guides.ts';
import * as caseCore from './2026112502_case_core.ts';
import * as devMessages from './2026112503_dev_messages.ts';
import * as requestGuards from './2026112504_request_guards.ts';
import * as staff from './2026112505_staff.ts';
import * as caseQueue from './2026112506_case_queue.ts';
import * as holidayYears from './2026112507_holiday_years.ts';
import * as booking from './2026112508_booking.ts';
import * as officeSchedules from './2026112509_office_schedules.ts';
import * as legalPeriods from './2026112510_legal_periods.ts';
import * as signInThrottle from './2026120501_sign_in_throttle.ts';
import * as auditHmac from './2026120502_audit_hmac.ts';
import * as breakGlass from './2026120503_break_glass.ts';
import * as demoDataMarks from './2026120507_demo_data_marks.ts';
import * as phoneVerifications from './2026120508_phone_verifications.ts';
import * as files from './2026120601_files.ts';
import * as ruleOverrides from './2026120602_rule_overrides.ts';
import * as drafts from './2026120603_drafts.ts';
import * as handoffs from './2026120701_handoffs.ts';
import * as publicNotices from './2026120702_public_notices.ts';
import * as dataUpgrades from './2026120801_data_upgrades.ts';
import * as ratings from './2026120802_ratings.ts';
import * as caseFigures from './2026120803_case_figures.ts';
import * as guideEditing from './2026121001_guide_editing.ts';
import * as notices from './2026121101_notices.ts';
import * as editorialDrafts from './2026121201_editorial_drafts.ts';
import * as linkChecks from './2026121202_link_checks.ts';
import * as ratingFigures from './2026121203_rating_figures.ts';
import * as caseOnceKeys from './2026121204_case_once_keys.ts';
import * as casePeople from './2026121303_case_people.ts';
import * as funeralBookings from './2026121401_funeral_bookings.ts';
import * as cemeteryPlots from './2026121402_cemetery_plots.ts';
import * as afterDeathBundle from './2026121403_after_death_bundle.ts';
import * as caseQueueCounts from './2026121601_case_queue_counts.ts';
import * as funeralHomeDay from './2026121701_funeral_home_day.ts';
import * as caseEvidenceOnRecord from './2026121801_case_evidence_on_record.ts';
import * as funeralExemptionClaims from './2026121802_funeral_exemption_claims.ts';
import * as bundlePartDrafts from './2026121803_bundle_part_drafts.ts';
import * as caseDueCounts from './2026121805_case_due_counts.ts';

export const migrations: Record<string, Migration> = {
  '2026112501_guides': guides,
  '2026112502_case_core': caseCore,
  '2026112503_dev_messages': devMessages,
  '2026112504_request_guards': requestGuards,
  '2026112505_staff': staff,
  '2026112506_case_queue': caseQueue,
  '2026112507_holiday_years': holidayYears,
  '2026112508_booking': booking,
  '2026112509_office_schedules': officeSchedules,
  '2026112510_legal_periods': legalPeriods,
  '2026120501_sign_in_throttle': signInThrottle,
  '2026120502_audit_hmac': auditHmac,
  '2026120503_break_glass': breakGlass,
  '2026120507_demo_data_marks': demoDataMarks,
  '2026120508_phone_verifications': phoneVerifications,
  '2026120601_files': files,
  '2026120602_rule_overrides': ruleOverrides,
  '2026120603_drafts': drafts,
  '2026120701_handoffs': handoffs,
  '2026120702_public_notices': publicNotices,
  '2026120801_data_upgrades': dataUpgrades,
  '2026120802_ratings': ratings,
  '2026120803_case_figures': caseFigures,
  '2026121001_guide_editing': guideEditing,
  '2026121101_notices': notices,
  '2026121201_editorial_drafts': editorialDrafts,
  '2026121202_link_checks': linkChecks,
  '2026121203_rating_figures': ratingFigures,
  '2026121204_case_once_keys': caseOnceKeys,
  '2026121303_case_people': casePeople,
  '2026121401_funeral_bookings': funeralBookings,
  '2026121402_cemetery_plots': cemeteryPlots,
  '2026121403_after_death_bundle': afterDeathBundle,
  '2026121601_case_queue_counts': caseQueueCounts,
  '2026121701_funeral_home_day': funeralHomeDay,
  '2026121801_case_evidence_on_record': caseEvidenceOnRecord,
  '2026121802_funeral_exemption_claims': funeralExemptionClaims,
  '2026121803_bundle_part_drafts': bundlePartDrafts,
  '2026121805_case_due_counts': caseDueCounts,
};
