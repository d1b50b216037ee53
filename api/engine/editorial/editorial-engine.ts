/**
 * The editorial engine (docs/decisions/057): everything around the pure lifecycle
 * (api/domain/content/editorial.ts) that every kind of edited content shares. A kind registers what
 * is its own — its content schema, what a draft is opened from, what a content check finds beyond
 * the schema, whether publishing would change anything and whether a change note is required, and
 * what publishing writes — and the engine does the rest: one draft per piece in one table, saved
 * with optimistic locking, submitted, approved by a second editor, sent back, scheduled, cancelled,
 * published now or by the scheduled pass (claimed by a conditional delete, so once whichever
 * process gets there first), or discarded. Each step and its audit entry are one transaction; the
 * audit actions are named from the kind (`guide.submit`, `notice.draft.discard`…).
 *
 * It names no kind: guides and notices register themselves (api/content/guide-editing.ts,
 * api/content/notices.ts), as a service registers its journey with the journey engine.
 */
import type { Kysely, Transaction } from 'kysely';
import type { z, ZodError } from 'zod';
import { appendAudit } from '../../db/audit.repo.ts';
import type { DatabaseKind } from '../../db/connect.ts';
import { claimEditorialDraft, dueEditorialDrafts, insertEditorialDraft, listEditorialDrafts, readEditorialDraft, updateEditorialDraft, type StoredEditorialRow } from '../../db/editorial-drafts.repo.ts';
import type { Database } from '../../db/schema.ts';
import {
  approveDraft,
  cancelSchedule,
  changeDraft,
  openDraft,
  publishDraft,
  scheduleDraft,
  sendBackDraft,
  submitDraft,
  type ChangeNote,
  type DraftState,
  type EditorialDraft,
  type EditorialRefusal,
} from '../../domain/content/editorial.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { ContentVersionProbe } from '../../content/content-version.ts';

/** The role editorial actions are taken and audited in. */
export const CONTENT_EDITOR = 'content-editor';

export interface EditorialDeps {
  db: Kysely<Database>;
  kind: DatabaseKind;
  now: () => Date;
  /** This process's view of the content version: expired after a publication so it reads it at once. */
  contentVersion?: ContentVersionProbe | undefined;
}

export interface EditorialActor {
  member: { id: string };
  origin: string | null;
}

/** A draft of one kind, its content and base checked by the kind's schemas. */
export interface StoredDraft<Content, Base> extends EditorialDraft {
  key: string;
  content: Content;
  /** What it was opened from (a guide's version per language, a notice's version or null). */
  base: Base;
  lockVersion: number;
  createdAt: string;
  updatedAt: string;
}

/** Content refused: the schema's issues, or a problem the kind finds on one field (a notice's unknown office). */
export type ContentRefusal = { ok: false; reason: 'invalid'; error: ZodError } | { ok: false; reason: 'content_refused'; field: string; code: string; message: MessageKey };

export type DraftRefusal =
  | EditorialRefusal
  | ContentRefusal
  /** Nothing published to open a draft from. */
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'no_draft' }
  /** Someone changed the draft since the version the request was made from. */
  | { ok: false; reason: 'draft_changed'; currentVersion: number }
  /** The approved draft is what is published: nothing to publish. */
  | { ok: false; reason: 'no_changes' }
  /** A publication that must say what it changed (a correction of a published notice). */
  | { ok: false; reason: 'change_note_required' };

export type DraftAnswer<Content, Base> = { ok: true; draft: StoredDraft<Content, Base> } | DraftRefusal;

/**
 * What a kind of content registers. `Published` is what a publication answers (the languages that
 * got a version, the notice's version); `Deps` what its content check needs beyond the engine's.
 */
export interface EditorialKind<Content, Base, Published, Deps extends EditorialDeps = EditorialDeps> {
  /** The record type its audit entries name and its drafts are stored under: 'guide', 'notice'. */
  name: string;
  content: z.ZodType<Content>;
  base: z.ZodType<Base>;
  /** Checks beyond the schema, and what the address fixes (a guide's slug in its text); the content to store or why not. */
  checkContent?: (deps: Deps, key: string, content: Content) => Promise<{ ok: true; content: Content } | ContentRefusal>;
  /** The published piece a draft is opened from, or undefined when there is none. */
  published: (deps: EditorialDeps, key: string) => Promise<{ content: Content; base: Base } | undefined>;
  /** What the audit entry of an opened draft says of its base. */
  openDetails: (base: Base) => Record<string, unknown>;
  /** Whether publishing the draft would change what readers see (a changed text, a withdrawn piece put back). */
  hasChanges: (deps: EditorialDeps, draft: StoredDraft<Content, Base>) => Promise<boolean>;
  /** Whether its publication must say what it changed. */
  changeNoteRequired: (deps: EditorialDeps, draft: StoredDraft<Content, Base>) => Promise<boolean>;
  /**
   * In the publishing transaction, after the draft is claimed: writes the version(s), bumps the
   * kind's content version; what the publication answers and what its audit entry adds.
   */
  publish: (trx: Transaction<Database>, draft: StoredDraft<Content, Base>, publication: { change: ChangeNote | null; by: string; at: Date }) => Promise<{ published: Published; details: Record<string, unknown> }>;
}

/** The steps a draft takes after it is open, as the routes ask for them. */
export type DraftAction =
  | { action: 'submit' }
  | { action: 'approve' }
  | { action: 'send-back'; comment: string }
  | { action: 'schedule'; at: Date; change: ChangeNote | null }
  | { action: 'cancel-schedule' };

type AuditedStep = DraftAction['action'] | 'create' | 'open' | 'save' | 'publish' | 'discard';

/** The audit action of each step, named from the kind ('guide.submit', 'notice.schedule.cancel'); tests and docs name them. */
export function auditActions(name: string): Record<AuditedStep, string> {
  return {
    create: `${name}.draft.create`,
    open: `${name}.draft.open`,
    save: `${name}.draft.save`,
    submit: `${name}.submit`,
    approve: `${name}.approve`,
    'send-back': `${name}.send-back`,
    schedule: `${name}.schedule`,
    'cancel-schedule': `${name}.schedule.cancel`,
    publish: `${name}.publish`,
    discard: `${name}.draft.discard`,
  };
}

const audit = (trx: Transaction<Database>, deps: Pick<EditorialDeps, 'kind'>, name: string, actorId: string | null, action: string, key: string, at: Date, origin: string | null, details?: Record<string, unknown>) =>
  appendAudit(trx, deps.kind, { at, actorId, actorRole: CONTENT_EDITOR, action, recordType: name, recordId: key, origin, ...(details ? { details } : {}) });

/** A stored row as the kind's draft: its content and base checked as they are read (content an older schema accepted and this one refuses is a bug to see, not to publish). */
function asDraft<C, B>(kind: EditorialKind<C, B, unknown, never>, row: StoredEditorialRow): StoredDraft<C, B> {
  const { kind: _name, content, base, ...rest } = row;
  return { ...rest, content: kind.content.parse(content), base: kind.base.parse(base) };
}

export async function readDraft<C, B>(kind: EditorialKind<C, B, unknown, never>, deps: Pick<EditorialDeps, 'db'>, key: string): Promise<StoredDraft<C, B> | undefined> {
  const row = await readEditorialDraft(deps.db, kind.name, key);
  return row ? asDraft(kind, row) : undefined;
}

/** The kind's drafts, the most recently changed first. */
export async function listDrafts<C, B>(kind: EditorialKind<C, B, unknown, never>, deps: Pick<EditorialDeps, 'db'>): Promise<StoredDraft<C, B>[]> {
  return (await listEditorialDrafts(deps.db, kind.name)).map((row) => asDraft(kind, row));
}

async function checked<C, B, P, D extends EditorialDeps>(kind: EditorialKind<C, B, P, D>, deps: D, key: string, input: unknown): Promise<{ ok: true; content: C } | ContentRefusal> {
  const parsed = kind.content.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid', error: parsed.error };
  return kind.checkContent ? kind.checkContent(deps, key, parsed.data) : { ok: true, content: parsed.data };
}

/**
 * A draft of a piece never published (a new notice), under `key`: audited as created. `taken`
 * when the key has a draft already (the caller draws another).
 */
export async function createDraft<C, B, P, D extends EditorialDeps>(kind: EditorialKind<C, B, P, D>, deps: D, actor: EditorialActor, key: string, input: unknown, base: B): Promise<DraftAnswer<C, B> | { ok: false; reason: 'taken' }> {
  const content = await checked(kind, deps, key, input);
  if (!content.ok) return content;
  const at = deps.now();
  const created = await deps.db.transaction().execute(async (trx) => {
    const inserted = await insertEditorialDraft(trx, { kind: kind.name, key, ...openDraft(actor.member.id), content: content.content, base, createdAt: at.toISOString() });
    if (inserted) await audit(trx, deps, kind.name, actor.member.id, auditActions(kind.name).create, key, at, actor.origin);
    return inserted;
  });
  if (!created) return { ok: false, reason: 'taken' };
  const stored = await readDraft(kind, deps, key);
  return stored ? { ok: true, draft: stored } : { ok: false, reason: 'no_draft' };
}

/** Opens the piece's draft from what is published (or gives the one already open: one draft per piece); audited. */
export async function openPublishedDraft<C, B, P, D extends EditorialDeps>(kind: EditorialKind<C, B, P, D>, deps: D, actor: EditorialActor, key: string): Promise<DraftAnswer<C, B> & { created?: boolean }> {
  const existing = await readDraft(kind, deps, key);
  if (existing) return { ok: true, draft: existing, created: false };
  const published = await kind.published(deps, key);
  if (!published) return { ok: false, reason: 'not_found' };
  const at = deps.now();
  const created = await deps.db.transaction().execute(async (trx) => {
    const inserted = await insertEditorialDraft(trx, { kind: kind.name, key, ...openDraft(actor.member.id), content: published.content, base: published.base, createdAt: at.toISOString() });
    if (inserted) await audit(trx, deps, kind.name, actor.member.id, auditActions(kind.name).open, key, at, actor.origin, kind.openDetails(published.base));
    return inserted;
  });
  const stored = await readDraft(kind, deps, key);
  return stored ? { ok: true, draft: stored, created } : { ok: false, reason: 'no_draft' };
}

/**
 * Writes one step of the lifecycle if the draft is still at `expected`: the conditional update and
 * the audit entry in one transaction. The draft as it now is, or why not.
 */
async function step<C, B, P, D extends EditorialDeps>(
  kind: EditorialKind<C, B, P, D>,
  deps: D,
  actor: EditorialActor,
  key: string,
  expected: number,
  action: string,
  decide: (draft: StoredDraft<C, B>) => { ok: true; draft: EditorialDraft } | EditorialRefusal,
  content?: C,
  details?: Record<string, unknown>,
): Promise<DraftAnswer<C, B>> {
  const current = await readDraft(kind, deps, key);
  if (!current) return { ok: false, reason: 'no_draft' };
  if (current.lockVersion !== expected) return { ok: false, reason: 'draft_changed', currentVersion: current.lockVersion };
  const decided = decide(current);
  if (!decided.ok) return decided;
  const at = deps.now();
  const written = await deps.db.transaction().execute(async (trx) => {
    const version = await updateEditorialDraft(trx, kind.name, key, expected, decided.draft, at, content);
    if (version !== undefined) await audit(trx, deps, kind.name, actor.member.id, action, key, at, actor.origin, { state: decided.draft.state, version, ...details });
    return version;
  });
  const now = await readDraft(kind, deps, key);
  if (!now) return { ok: false, reason: 'no_draft' };
  // Changed between the read and the write (another editor's save won the race).
  if (written === undefined) return { ok: false, reason: 'draft_changed', currentVersion: now.lockVersion };
  return { ok: true, draft: now };
}

/** Saves the draft's content (the kind's schema and checks); any change returns it to draft. */
export async function saveDraft<C, B, P, D extends EditorialDeps>(kind: EditorialKind<C, B, P, D>, deps: D, actor: EditorialActor, key: string, input: { version: number; content: unknown }): Promise<DraftAnswer<C, B>> {
  const content = await checked(kind, deps, key, input.content);
  if (!content.ok) return content;
  return step(kind, deps, actor, key, input.version, auditActions(kind.name).save, (draft) => changeDraft(draft, actor.member.id), content.content);
}

/** Whether publishing the draft with `change` would be refused: a note missing where one is required, or nothing new. */
async function publicationRefusal<C, B, P, D extends EditorialDeps>(kind: EditorialKind<C, B, P, D>, deps: EditorialDeps, draft: StoredDraft<C, B>, change: ChangeNote | null): Promise<DraftRefusal | undefined> {
  if (change === null && (await kind.changeNoteRequired(deps, draft))) return { ok: false, reason: 'change_note_required' };
  if (!(await kind.hasChanges(deps, draft))) return { ok: false, reason: 'no_changes' };
  return undefined;
}

export async function actOnDraft<C, B, P, D extends EditorialDeps>(kind: EditorialKind<C, B, P, D>, deps: D, actor: EditorialActor, key: string, version: number, action: DraftAction): Promise<DraftAnswer<C, B>> {
  const by = actor.member.id;
  if (action.action === 'schedule') {
    // Refused now rather than when its moment comes, when nobody is there to read why.
    const draft = await readDraft(kind, deps, key);
    const refused = draft && draft.state === 'approved' ? await publicationRefusal(kind, deps, draft, action.change) : undefined;
    if (refused) return refused;
  }
  const decide = (draft: StoredDraft<C, B>) => {
    switch (action.action) {
      case 'submit':
        return submitDraft(draft, by);
      case 'approve':
        return approveDraft(draft, by);
      case 'send-back':
        return sendBackDraft(draft, by, action.comment);
      case 'schedule':
        return scheduleDraft(draft, by, action.change, action.at, deps.now());
      case 'cancel-schedule':
        return cancelSchedule(draft);
    }
  };
  const details = action.action === 'send-back' ? { comment: action.comment } : action.action === 'schedule' ? { at: action.at.toISOString(), change: action.change } : undefined;
  return step(kind, deps, actor, key, version, auditActions(kind.name)[action.action], decide, undefined, details);
}

/**
 * In the publishing transaction: claims the draft (deleted if still in `state` at its version),
 * lets the kind write what publishing writes, and audits. Undefined when another got there first.
 */
async function publishInTransaction<C, B, P, D extends EditorialDeps>(
  trx: Transaction<Database>,
  kind: EditorialKind<C, B, P, D>,
  deps: Pick<EditorialDeps, 'kind'>,
  draft: StoredDraft<C, B>,
  state: DraftState,
  change: ChangeNote | null,
  by: string,
  at: Date,
  origin: string | null,
): Promise<P | undefined> {
  if (!(await claimEditorialDraft(trx, kind.name, draft.key, draft.lockVersion, state))) return undefined;
  const { published, details } = await kind.publish(trx, draft, { change, by, at });
  await audit(trx, deps, kind.name, by, auditActions(kind.name).publish, draft.key, at, origin, { ...details, change, scheduled: state === 'scheduled', approvedBy: draft.approvedBy });
  return published;
}

export type PublishAnswer<P> = { ok: true; published: P } | DraftRefusal;

/** Publishes an approved draft now: live in this process at once and in every other within the content check. */
export async function publishNow<C, B, P, D extends EditorialDeps>(kind: EditorialKind<C, B, P, D>, deps: D, actor: EditorialActor, key: string, version: number, change: ChangeNote | null): Promise<PublishAnswer<P>> {
  const draft = await readDraft(kind, deps, key);
  if (!draft) return { ok: false, reason: 'no_draft' };
  if (draft.lockVersion !== version) return { ok: false, reason: 'draft_changed', currentVersion: draft.lockVersion };
  const decided = publishDraft(draft, actor.member.id, change);
  if (!decided.ok) return decided;
  const refused = await publicationRefusal(kind, deps, draft, change);
  if (refused) return refused;
  const at = deps.now();
  const published = await deps.db.transaction().execute((trx) => publishInTransaction(trx, kind, deps, draft, 'approved', change, actor.member.id, at, actor.origin));
  if (published === undefined) {
    const now = await readDraft(kind, deps, key);
    return now ? { ok: false, reason: 'draft_changed', currentVersion: now.lockVersion } : { ok: false, reason: 'no_draft' };
  }
  deps.contentVersion?.expire();
  return { ok: true, published };
}

/**
 * Throws the draft away if it is still at `expected` (what the editor saw): what is published stays
 * as it is; a piece never published is simply gone. Audited.
 */
export async function discardDraft<C, B, P, D extends EditorialDeps>(kind: EditorialKind<C, B, P, D>, deps: D, actor: EditorialActor, key: string, expected: number): Promise<{ ok: true } | DraftRefusal> {
  const current = await readDraft(kind, deps, key);
  if (!current) return { ok: false, reason: 'no_draft' };
  if (current.lockVersion !== expected) return { ok: false, reason: 'draft_changed', currentVersion: current.lockVersion };
  const at = deps.now();
  const discarded = await deps.db.transaction().execute(async (trx) => {
    if (!(await claimEditorialDraft(trx, kind.name, key, expected))) return false;
    await audit(trx, deps, kind.name, actor.member.id, auditActions(kind.name).discard, key, at, actor.origin, { state: current.state, version: expected, base: current.base });
    return true;
  });
  if (discarded) return { ok: true };
  const now = await readDraft(kind, deps, key);
  return now ? { ok: false, reason: 'draft_changed', currentVersion: now.lockVersion } : { ok: false, reason: 'no_draft' };
}

/** A kind as the scheduled pass knows it: its name, and how one of its due drafts is published. */
export interface ScheduledKind {
  name: string;
  publishDue: (deps: EditorialDeps, row: StoredEditorialRow, at: Date) => Promise<boolean>;
}

/** A kind registered with the scheduled pass. */
export function scheduledKind<C, B, P, D extends EditorialDeps>(kind: EditorialKind<C, B, P, D>): ScheduledKind {
  return {
    name: kind.name,
    publishDue: async (deps, row, at) => {
      const draft = asDraft(kind, row);
      const change: ChangeNote | null = draft.changeNote && draft.changeKind ? { note: draft.changeNote, kind: draft.changeKind } : null;
      // A schedule is refused without the note its kind requires; a draft that has none all the same waits for an editor.
      if (change === null && (await kind.changeNoteRequired(deps, draft))) return false;
      const by = draft.scheduledBy ?? draft.lastChangedBy;
      const published = await deps.db.transaction().execute((trx) => publishInTransaction(trx, kind, deps, draft, 'scheduled', change, by, at, null));
      return published !== undefined;
    },
  };
}

/**
 * The scheduled-publishing pass, one for every kind: each scheduled draft whose moment has come is
 * published with its note, in its own transaction that first claims it. Run by every process every
 * few seconds: of two passes at once, exactly one publishes each draft. How many it published, by kind.
 */
export async function publishDueDrafts(deps: EditorialDeps, kinds: readonly ScheduledKind[]): Promise<Record<string, number>> {
  const at = deps.now();
  const counts: Record<string, number> = {};
  for (const row of await dueEditorialDrafts(deps.db, at)) {
    const kind = kinds.find((entry) => entry.name === row.kind);
    if (!kind) continue;
    if (await kind.publishDue(deps, row, at)) counts[kind.name] = (counts[kind.name] ?? 0) + 1;
  }
  if (Object.keys(counts).length > 0) deps.contentVersion?.expire();
  return counts;
}
