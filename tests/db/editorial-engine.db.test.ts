/**
 * The editorial engine (docs/decisions/057) with a tiny kind of its own, registered as guides and
 * notices are: a "note" of one line of text, published into a map. Run on an in-memory SQLite
 * database (no files, nothing shared), so that the engine's behaviour is shown apart from any real
 * kind: the audit actions named from the kind, optimistic locking, the kind's content check, the
 * review rules, the publication hook, the one scheduled pass over every registered kind, discard.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useAuditKeys } from '../../api/db/audit.repo.ts';
import { openDatabase, type DatabaseHandle } from '../../api/db/connect.ts';
import { migrateToLatest } from '../../api/db/migrate.ts';
import type { ChangeNote } from '../../api/domain/content/editorial.ts';
import {
  actOnDraft,
  auditActions,
  createDraft,
  discardDraft,
  openPublishedDraft,
  publishDueDrafts,
  publishNow,
  readDraft,
  saveDraft,
  scheduledKind,
  type EditorialDeps,
  type EditorialKind,
} from '../../api/engine/editorial/editorial-engine.ts';
import { deriveAuditKeys } from '../../api/platform/audit-keys.ts';

interface Note {
  text: string;
}

/** A kind whose published pieces live in a map: what a kind registers, and nothing more. */
function noteKind(name: string) {
  const published = new Map<string, { text: string; version: number; change: ChangeNote | null }>();
  const kind: EditorialKind<Note, number | null, { version: number }> = {
    name,
    content: z.object({ text: z.string().min(1) }),
    base: z.number().int().nullable(),
    checkContent: async (_deps, _key, content) => (content.text.includes('forbidden') ? { ok: false, reason: 'content_refused', field: 'content.text', code: 'forbidden_word', message: 'errors.badRequest' } : { ok: true, content }),
    published: async (_deps, key) => {
      const piece = published.get(key);
      return piece ? { content: { text: piece.text }, base: piece.version } : undefined;
    },
    openDetails: (base) => ({ base }),
    hasChanges: async (_deps, draft) => published.get(draft.key)?.text !== draft.content.text,
    changeNoteRequired: async (_deps, draft) => published.has(draft.key),
    publish: async (_trx, draft, { change }) => {
      const version = (published.get(draft.key)?.version ?? 0) + 1;
      published.set(draft.key, { text: draft.content.text, version, change });
      return { published: { version }, details: { version } };
    },
  };
  return { kind, published };
}

describe('the editorial engine, with a kind of its own', () => {
  let handle: DatabaseHandle;
  let clock = new Date('2026-12-10T02:00:00Z');
  let deps: EditorialDeps;
  const ann = { member: { id: 'ann' }, origin: null };
  const bob = { member: { id: 'bob' }, origin: null };
  const notes = noteKind('note');
  const memos = noteKind('memo');
  const audited = async (key: string) => (await handle.db.selectFrom('audit_log').select(['action', 'record_type']).where('record_id', '=', key).orderBy('seq').execute()).map((row) => `${row.record_type}:${row.action}`);

  beforeAll(async () => {
    useAuditKeys(deriveAuditKeys(randomBytes(32)));
    handle = openDatabase({ kind: 'sqlite', path: ':memory:' });
    await migrateToLatest(handle.db);
    deps = { db: handle.db, kind: 'sqlite', now: () => clock };
  });
  afterAll(async () => {
    await handle.close();
  });

  it('names every audit action from the kind', () => {
    expect(auditActions('note')).toEqual({
      create: 'note.draft.create',
      open: 'note.draft.open',
      save: 'note.draft.save',
      submit: 'note.submit',
      approve: 'note.approve',
      'send-back': 'note.send-back',
      schedule: 'note.schedule',
      'cancel-schedule': 'note.schedule.cancel',
      publish: 'note.publish',
      discard: 'note.draft.discard',
    });
  });

  it('takes a new piece from its draft through a second editor’s review to publication, each step audited under the kind’s name', async () => {
    const created = await createDraft(notes.kind, deps, ann, 'first', { text: 'Hello' }, null);
    if (!created.ok) throw new Error(created.reason);
    expect(created.draft).toMatchObject({ key: 'first', state: 'draft', base: null, lockVersion: 1 });
    expect(await createDraft(notes.kind, deps, ann, 'first', { text: 'Again' }, null)).toEqual({ ok: false, reason: 'taken' });

    const submitted = await actOnDraft(notes.kind, deps, ann, 'first', 1, { action: 'submit' });
    expect(submitted).toMatchObject({ ok: true, draft: { state: 'submitted', lockVersion: 2 } });
    expect(await actOnDraft(notes.kind, deps, ann, 'first', 2, { action: 'approve' })).toEqual({ ok: false, reason: 'self_approval' });
    expect(await actOnDraft(notes.kind, deps, bob, 'first', 1, { action: 'approve' })).toEqual({ ok: false, reason: 'draft_changed', currentVersion: 2 });
    const approved = await actOnDraft(notes.kind, deps, bob, 'first', 2, { action: 'approve' });
    expect(approved).toMatchObject({ ok: true, draft: { state: 'approved', approvedBy: 'bob' } });

    // A first publication needs no note (this kind says so).
    expect(await publishNow(notes.kind, deps, bob, 'first', 3, null)).toEqual({ ok: true, published: { version: 1 } });
    expect(notes.published.get('first')).toMatchObject({ text: 'Hello', version: 1 });
    expect(await readDraft(notes.kind, deps, 'first')).toBeUndefined();
    expect(await audited('first')).toEqual(['note:note.draft.create', 'note:note.submit', 'note:note.approve', 'note:note.publish']);
  });

  it('opens a published piece’s draft, checks what is saved with the kind’s schema and checks, and asks the kind whether there is anything to publish', async () => {
    const opened = await openPublishedDraft(notes.kind, deps, ann, 'first');
    expect(opened).toMatchObject({ ok: true, created: true, draft: { base: 1, content: { text: 'Hello' } } });
    expect(await openPublishedDraft(notes.kind, deps, bob, 'first')).toMatchObject({ ok: true, created: false });
    expect(await openPublishedDraft(notes.kind, deps, ann, 'nothing-published')).toEqual({ ok: false, reason: 'not_found' });

    expect(await saveDraft(notes.kind, deps, ann, 'first', { version: 1, content: { text: '' } })).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await saveDraft(notes.kind, deps, ann, 'first', { version: 1, content: { text: 'a forbidden word' } })).toMatchObject({ ok: false, reason: 'content_refused', field: 'content.text', code: 'forbidden_word' });

    // Submitted and approved unchanged: nothing new to publish, and a correction says what it changed.
    await actOnDraft(notes.kind, deps, ann, 'first', 1, { action: 'submit' });
    await actOnDraft(notes.kind, deps, bob, 'first', 2, { action: 'approve' });
    const change: ChangeNote = { note: { 'zh-CN': '更正', en: 'Corrected' }, kind: 'minor' };
    expect(await publishNow(notes.kind, deps, bob, 'first', 3, null)).toEqual({ ok: false, reason: 'change_note_required' });
    expect(await publishNow(notes.kind, deps, bob, 'first', 3, change)).toEqual({ ok: false, reason: 'no_changes' });
    expect(await actOnDraft(notes.kind, deps, bob, 'first', 3, { action: 'schedule', at: new Date(clock.getTime() + 60_000), change })).toEqual({ ok: false, reason: 'no_changes' });

    // A save returns it to draft.
    const saved = await saveDraft(notes.kind, deps, ann, 'first', { version: 3, content: { text: 'Hello, world' } });
    expect(saved).toMatchObject({ ok: true, draft: { state: 'draft', approvedBy: null, lockVersion: 4 } });
    expect(await audited('first')).toContain('note:note.draft.save');
  });

  it('publishes every registered kind’s due drafts in one pass, each once, and leaves an unregistered kind’s alone', async () => {
    const change: ChangeNote = { note: { 'zh-CN': '更正', en: 'Corrected' }, kind: 'major' };
    await actOnDraft(notes.kind, deps, ann, 'first', 4, { action: 'submit' });
    await actOnDraft(notes.kind, deps, bob, 'first', 5, { action: 'approve' });
    const at = new Date(clock.getTime() + 60 * 60_000);
    expect(await actOnDraft(notes.kind, deps, bob, 'first', 6, { action: 'schedule', at: clock, change })).toEqual({ ok: false, reason: 'schedule_in_past' });
    expect(await actOnDraft(notes.kind, deps, bob, 'first', 6, { action: 'schedule', at, change })).toMatchObject({ ok: true, draft: { state: 'scheduled' } });
    for (const kind of [memos.kind, noteKind('stray').kind]) {
      const memo = await createDraft(kind, deps, ann, 'memo', { text: 'Memo' }, null);
      if (!memo.ok) throw new Error(memo.reason);
      await actOnDraft(kind, deps, ann, 'memo', 1, { action: 'submit' });
      await actOnDraft(kind, deps, bob, 'memo', 2, { action: 'approve' });
      await actOnDraft(kind, deps, bob, 'memo', 3, { action: 'schedule', at, change: null });
    }
    const registered = [scheduledKind(notes.kind), scheduledKind(memos.kind)];
    expect(await publishDueDrafts(deps, registered)).toEqual({});

    clock = new Date(at.getTime() + 1000);
    expect(await publishDueDrafts(deps, registered)).toEqual({ note: 1, memo: 1 });
    expect(await publishDueDrafts(deps, registered)).toEqual({});
    expect(notes.published.get('first')).toMatchObject({ text: 'Hello, world', version: 2, change });
    expect(memos.published.get('memo')).toMatchObject({ text: 'Memo', version: 1 });
    // The kind nobody registered keeps its scheduled draft.
    expect(await readDraft(noteKind('stray').kind, deps, 'memo')).toMatchObject({ state: 'scheduled' });
  });

  it('discards a draft only at the version the editor saw, audited; a piece never published is gone', async () => {
    const created = await createDraft(notes.kind, deps, ann, 'second', { text: 'To be discarded' }, null);
    if (!created.ok) throw new Error(created.reason);
    await saveDraft(notes.kind, deps, ann, 'second', { version: 1, content: { text: 'Changed once' } });
    expect(await discardDraft(notes.kind, deps, ann, 'second', 1)).toEqual({ ok: false, reason: 'draft_changed', currentVersion: 2 });
    expect(await discardDraft(notes.kind, deps, ann, 'second', 2)).toEqual({ ok: true });
    expect(await readDraft(notes.kind, deps, 'second')).toBeUndefined();
    expect(notes.published.has('second')).toBe(false);
    expect(await discardDraft(notes.kind, deps, ann, 'second', 2)).toEqual({ ok: false, reason: 'no_draft' });
    expect(await audited('second')).toEqual(['note:note.draft.create', 'note:note.draft.save', 'note:note.draft.discard']);
  });
});
