/**
 * Writes a bundle's parts inside its submission's transaction (docs/decisions/066): each part's case
 * under a fresh tracking number, its people, its row in `case_parts`, and the hand-off it sends; all
 * with the bundle or none of it. A part's answers are checked by the part's own schema: a bundle
 * whose schema let through what a part cannot take is a programming error, and fails the whole
 * submission rather than leave half a bundle.
 */
import type { Transaction } from 'kysely';
import { insertCaseParts, type NewCasePart } from '../../db/case-parts.repo.ts';
import { recordCasePeople } from '../../db/case-people.repo.ts';
import { insertSubmission } from '../../db/cases.repo.ts';
import type { DatabaseKind } from '../../db/connect.ts';
import { insertHandoffRequest } from '../../db/handoffs.repo.ts';
import { insertDraft, type StoredDraft } from '../../db/drafts.repo.ts';
import type { Database } from '../../db/schema.ts';
import type { WorkingDayCalendar } from '../../domain/calendar/working-days.ts';
import { formatTrackingNumber, newTrackingNumber } from '../../domain/cases/tracking-number.ts';
import { startDeadlines, type CaseSnapshot } from '../../domain/workflow/workflow.ts';
import type { Locale } from '../../i18n/index.ts';
import type { FieldCrypto } from '../../platform/field-crypto.ts';
import type { RegisteredCaseService } from '../../services/case-service.ts';
import type { ServiceData } from '../../services/service-data.ts';
import { HandoffPayloadSchema } from '../handoffs/handoff.ts';
import { HANDOFF_PAYLOAD_CONTEXT } from '../handoffs/queue.ts';
import type { BundlePart } from './bundle.ts';

export interface FanOutDeps {
  kind: DatabaseKind;
  crypto: FieldCrypto;
  calendar: WorkingDayCalendar;
  randomBytes: (size: number) => Uint8Array;
  service(id: string): RegisteredCaseService | undefined;
  data: ServiceData;
  /** A new case as stored (case-service.ts newCaseRecord), passed in so that the engine keeps one way of sealing answers. */
  record: (input: { trackingNumber: string; service: string; contact: { idNumber: string; phone: string }; answers: unknown; snapshot: CaseSnapshot }) => Parameters<typeof insertSubmission>[1];
  personHashes: (service: RegisteredCaseService, application: unknown) => string[];
  /** A draft of `service`'s journey holding `answers`, as stored (the drafts engine's prefilledDraft); undefined for a service that keeps none. */
  prefilledDraft: (service: string, answers: Readonly<Record<string, string>>) => StoredDraft | undefined;
}

/** A part as the submission answers it. */
export interface WrittenPart {
  item: string;
  trackingNumber: string | null;
  /** An item applied for later whose journey's draft was prefilled (docs/decisions/076). */
  prefilled: boolean;
}

export class BundlePartInvalidError extends Error {
  override name = 'BundlePartInvalidError';
}

/** The parts written, each with its tracking number (none for an item applied for later) and whether a draft was prefilled for it. */
export async function writeBundleParts(
  trx: Transaction<Database>,
  deps: FanOutDeps,
  bundle: { caseId: string; contact: { idNumber: string; phone: string }; lang: Locale; at: Date; today: string; draftKey?: string | undefined },
  parts: readonly BundlePart[],
): Promise<WrittenPart[]> {
  const rows: NewCasePart[] = [];
  const written: WrittenPart[] = [];
  for (const [position, part] of parts.entries()) {
    if (part.kind === 'later') {
      // Its journey's draft, prefilled with what the bundle holds: written with the bundle, or neither is (docs/decisions/076).
      const draft = part.draft ? deps.prefilledDraft(part.draft.service, part.draft.answers) : undefined;
      if (part.draft && !draft) throw new BundlePartInvalidError(`bundle part ${part.item}: ${part.draft.service} keeps no drafts`);
      if (draft) await insertDraft(trx, draft);
      rows.push({ bundleCaseId: bundle.caseId, item: part.item, position, partCaseId: null, draftId: draft?.id ?? null, bundleDraftId: draft ? (bundle.draftKey ?? null) : null });
      written.push({ item: part.item, trackingNumber: null, prefilled: draft !== undefined });
      continue;
    }
    const service = deps.service(part.service);
    if (!service) throw new BundlePartInvalidError(`bundle part ${part.item}: no service ${part.service}`);
    const parsed = service.applicationSchema(bundle.today, deps.data).safeParse(part.application);
    if (!parsed.success) throw new BundlePartInvalidError(`bundle part ${part.item}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
    const snapshot: CaseSnapshot = {
      state: service.workflow.initialState,
      version: 1,
      office: service.office(parsed.data, deps.data),
      deadlines: startDeadlines(service.workflow, service.workflow.initialDeadlines ?? [], { today: bundle.today, calendar: deps.calendar }),
    };
    // A clash of numbers is a unique violation: the bundle's submission draws every number again.
    const trackingNumber = newTrackingNumber(deps.randomBytes);
    // The agent who applied opens each part with the same second factor as the bundle; one text (the bundle's) names them all.
    const caseId = await insertSubmission(trx, deps.record({ trackingNumber, service: part.service, contact: bundle.contact, answers: parsed.data, snapshot }), []);
    await recordCasePeople(trx, caseId, deps.personHashes(service, parsed.data));
    const handoff = service.handoffAtSubmission ? service.handoffs?.[service.handoffAtSubmission] : undefined;
    if (service.handoffAtSubmission && !handoff) throw new BundlePartInvalidError(`${part.service} sends ${service.handoffAtSubmission} at submission, which it does not declare`);
    if (service.handoffAtSubmission && handoff) {
      const payload = HandoffPayloadSchema.parse(handoff.payload(parsed.data));
      await insertHandoffRequest(trx, { caseId, handoff: service.handoffAtSubmission, payloadEnc: deps.crypto.encrypt(JSON.stringify(payload), HANDOFF_PAYLOAD_CONTEXT), at: bundle.at });
    }
    rows.push({ bundleCaseId: bundle.caseId, item: part.item, position, partCaseId: caseId });
    written.push({ item: part.item, trackingNumber: formatTrackingNumber(trackingNumber), prefilled: false });
  }
  await insertCaseParts(trx, rows);
  return written;
}
