/**
 * The database's tables as Kysely types: the one place the shape of stored data is written down.
 *
 * Both dialects store the same types (docs/decisions/002-one-schema-two-databases.md): ids are
 * text, timestamps are ISO-8601 UTC text (sortable), booleans are 0/1 integers and structured
 * values are JSON text. The data layer converts rows to domain objects; nothing above it sees a row.
 */
import type { Generated } from 'kysely';

export interface GuideVersionTable {
  id: string;
  slug: string;
  lang: string;
  version: number;
  title: string;
  /** The validated frontmatter as JSON (GuideFrontmatter). */
  frontmatter_json: string;
  body_md: string;
  body_html: string;
  /** sha256 of the source file, so a restart only republishes a guide whose file changed. */
  content_hash: string;
  /** 'file' when loaded from content/guides, 'staff' when published through the editor. */
  source: string;
  published_at: string;
  created_at: string;
  /** A staff publication's change note, and whether it is major (shown to readers) or minor (docs/decisions/052). */
  change_note: string | null;
  change_kind: string | null;
  /** staff.id of who published it (null for a file's version). */
  published_by: string | null;
}

/**
 * A piece of content being edited, of any registered kind (docs/decisions/052, 056, 057): its
 * content and what it was opened from as JSON, its editorial state, and the version compared on
 * every change.
 */
export interface EditorialDraftTable {
  /** The kind's name: 'guide', 'notice'. */
  kind: string;
  /** The piece within its kind: a guide's slug, a notice's id. */
  key: string;
  state: string;
  content_json: string;
  base_json: string;
  created_by: string;
  last_changed_by: string;
  submitted_by: string | null;
  approved_by: string | null;
  review_comment: string | null;
  change_note: string | null;
  change_kind: string | null;
  scheduled_at: string | null;
  scheduled_by: string | null;
  lock_version: number;
  created_at: string;
  updated_at: string;
}

/** A guide taken off the site: redirected to another, or left with a notice (docs/decisions/052). */
export interface GuideUnpublishedTable {
  slug: string;
  redirect_to: string | null;
  notice_json: string | null;
  reason: string;
  unpublished_by: string;
  unpublished_at: string;
}

/** A counter per kind of content; every publish bumps it so each process can drop stale caches. */
export interface ContentStateTable {
  name: string;
  version: number;
  updated_at: string;
}

export interface CaseTable {
  id: string;
  tracking_number: string;
  service: string;
  office: string;
  state: string;
  previous_state: string | null;
  version: number;
  lang: string;
  applicant_id_hash: string | null;
  applicant_phone_hash: string | null;
  /** Encrypted JSON (FieldCrypto, context 'cases.answers'). */
  answers_enc: string;
  /** JSON: Deadline[] of the workflow engine. */
  deadlines_json: string;
  /**
   * Derived from deadlines_json whenever it is written (nextRunningDeadline), for the staff queue:
   * the earliest due date (YYYY-MM-DD) of a deadline neither stopped nor paused, or null.
   */
  next_due_on: string | null;
  /** 1 while a deadline is paused (补正: the case waits for the applicant), else 0. */
  clock_paused: number;
  /** JSON: Period[] of the workflow engine (legal periods such as the divorce cooling-off), or null. */
  periods_json: string | null;
  /** The last day of the case's last period (YYYY-MM-DD), or null: what a period's end moves on is found by it. */
  periods_end_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface CaseEventTable {
  id: string;
  case_id: string;
  seq: number;
  at: string;
  actor_kind: string;
  actor_id: string | null;
  actor_role: string | null;
  transition: string;
  from_state: string | null;
  to_state: string;
  /** 'applicant' or 'internal' */
  visibility: string;
  input_json: string | null;
}

/** Append-only; each entry's hash covers the previous entry's hash (api/db/audit.repo.ts). */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  record_type: string;
  record_id: string;
  origin: string | null;
  details_json: string | null;
  prev_hash: string;
  hash: string;
}

/** Where keyed hashing of the audit log began (migration 2026120502_audit_hmac): one row. */
export interface AuditChainTable {
  /** The last entry hashed the old, unkeyed way (0: every entry is keyed). */
  legacy_until: number;
}

export interface NotificationOutboxTable {
  id: string;
  case_id: string | null;
  /** 'sms' or 'email' */
  channel: string;
  template: string;
  lang: string;
  recipient_enc: string;
  params_json: string;
  /** 'pending', 'sent' or 'failed' */
  status: string;
  attempts: number;
  next_attempt_at: string;
  locked_by: string | null;
  locked_until: string | null;
  sent_at: string | null;
  last_error: string | null;
  created_at: string;
}

/** Development only: messages the recording provider would have sent. */
export interface DevMessageTable {
  id: string;
  outbox_id: string;
  channel: string;
  /** Masked: even development data leaves no phone numbers lying around. */
  recipient: string;
  body: string;
  sent_at: string;
}

export interface RateLimitTable {
  /** What is limited and for whom, e.g. 'track:client:<hash of IP>' or 'track:number:<tracking number>'. */
  key: string;
  window_start: string;
  count: number;
}

export interface IdempotencyKeyTable {
  /** The scope and the client's key, e.g. 'POST /api/v1/cases:<uuid>'. */
  key: string;
  /** sha256 of the request body: the same key with another body is refused. */
  request_hash: string;
  status: string;
  response_status: number | null;
  response_json: string | null;
  created_at: string;
}

export interface StaffTable {
  id: string;
  username: string;
  display_name: string;
  /** argon2id */
  password_hash: string;
  roles_json: string;
  offices_json: string;
  service_areas_json: string;
  created_at: string;
  disabled_at: string | null;
}

/** Staff sign-in attempts counted per window, in the database so every process agrees (docs/decisions/014). */
export interface SignInThrottleTable {
  /** 'client:<hash>', 'pair:<hash>:<hash>' or 'account:<hash>': keyed hashes, never a username or address. */
  key: string;
  window_start: string;
  count: number;
  /** Pairs only: when the account last signed in from the address. */
  last_signed_in_at: string | null;
}

export interface StaffSessionTable {
  /** sha256 of the session token: a stolen database holds no usable session. */
  id: string;
  staff_id: string;
  created_at: string;
  last_seen_at: string;
  /** The absolute end, whatever the activity. */
  expires_at: string;
  revoked_at: string | null;
}

export interface HolidayYearTable {
  year: number;
  /** The HolidayYear as JSON (holidays and make-up working days). */
  data_json: string;
  source: string;
  loaded_at: string;
  /** The staff member who loaded it; null for the files shipped in content/holidays. */
  loaded_by: string | null;
}

export interface BookingPlaceTable {
  /** resource|date|start|kind (placeKey in api/engine/booking/schedule.ts). */
  key: string;
  resource_id: string;
  date: string;
  start: string;
  kind: string;
  capacity: number;
  taken: number;
}

export interface AppointmentTable {
  id: string;
  case_id: string;
  resource_id: string;
  kind: string;
  date: string;
  start: string;
  end: string;
  place_key: string;
  /** active | cancelled | completed | no-show */
  status: string;
  /** 1 for the first visit; 2 for a divorce's second visit (to receive the certificate). */
  visit: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface AppointmentPersonTable {
  appointment_id: string;
  kind: string;
  /** Keyed hash of the person's ID number (never the number). */
  person_hash: string;
  /**
   * 1 while the person's business of this kind is open (an appointment not yet ended; a divorce
   * until it is registered, withdrawn or lapses); a unique partial index allows one active row per
   * kind and person.
   */
  active: number;
}

/** A registry office's schedule as changed by an admin; replaces the file's or demo's schedule whole. */
export interface OfficeScheduleTable {
  office_id: string;
  /** The ResourceSchedule as JSON (api/engine/booking/schedule.ts). */
  schedule_json: string;
  updated_at: string;
  /** The staff member who made the last change. */
  updated_by: string | null;
}

/** The case that holds a service's "once per …" key now (docs/decisions/061): one eco-burial subsidy per deceased. */
export interface CaseOnceKeyTable {
  service: string;
  /** Keyed hash (FieldCrypto.lookupHash) of what the case is for: never the value. */
  key_hash: string;
  case_id: string;
}

/** A counted stock cases hold one of (a cemetery's plots of a type: docs/decisions/064). */
export interface CaseStockTable {
  key: string;
  capacity: number;
  taken: number;
}

/** What a case holds of a stock; `released` 1 once given back. */
export interface CaseStockHoldTable {
  case_id: string;
  stock_key: string;
  released: Generated<number>;
}

/** What a step names that one case only may have (a cemetery's numbered place: docs/decisions/064). */
export interface CaseStepKeyTable {
  service: string;
  key: string;
  case_id: string;
}

/** A person a case is about (a relief household's member: docs/decisions/065), by keyed hash of their ID number. */
export interface CasePersonTable {
  case_id: string;
  /** Keyed hash (FieldCrypto.lookupHash, context appointments.person) of the normalised ID number: never the value. */
  person_hash: string;
}

/** A document the portal held itself in place of a file (docs/decisions/074): where it was found, sealed. */
export interface CaseEvidenceOnRecordTable {
  case_id: string;
  /** The upload purpose it stands for. */
  purpose: string;
  /** JSON { trackingNumber, place }, encrypted (context cases.evidence_on_record). */
  reference_enc: string;
  found_at: string;
}

/** A part of a bundle (身后一件事: docs/decisions/066): the item ticked, and its own case (none yet for an item applied for later). */
export interface CasePartTable {
  bundle_case_id: string;
  item: string;
  position: number;
  part_case_id: string | null;
  /** An item applied for later: the draft of its journey prefilled at the bundle's submission (docs/decisions/076), until it expires. */
  draft_id: string | null;
  /** The draft the bundle was gathered in (ended by its submission): whose holder may continue the prefilled one (docs/decisions/076). */
  bundle_draft_id: string | null;
}

/** A funeral booking's priced item (docs/decisions/063): its price on the booking day, what the exemption waived and why. */
export interface FuneralBookingLineTable {
  case_id: string;
  line: number;
  home: string;
  item: string;
  item_kind: string;
  unit: string;
  unit_fen: number;
  quantity: number;
  charged_fen: number;
  waived_fen: number;
  reason: string;
  ground: string | null;
  served_on: string;
}

/** A funeral booking's transport request: its day and window (the address stays in the encrypted answers), until the home confirms it. */
export interface FuneralTransportTable {
  case_id: string;
  home: string;
  date: string;
  window_from: string;
  window_to: string;
  /** requested | confirmed | done | cancelled */
  status: string;
  updated_at: string;
}

/** A booked funeral service marked done by the home's staff (docs/decisions/072): cremation, hall or storage. */
export interface FuneralServiceDoneTable {
  case_id: string;
  item: string;
  done_at: string;
  done_by: string;
}

/** A booking's cremation certificate number (火化证明编号), sealed (FieldCrypto, context funeral.cremation-certificate). */
export interface FuneralCremationCertificateTable {
  case_id: string;
  number_enc: string;
  recorded_at: string;
  recorded_by: string;
}

/** A funeral booking's manual fee exemption claim (docs/decisions/075): open → sent → confirmed | refused, decided once. */
export interface FuneralExemptionClaimTable {
  case_id: string;
  home: string;
  ground: string;
  status: string;
  version: number;
  note_enc: string | null;
  sent_at: string | null;
  decided_at: string | null;
  decided_on: string | null;
  decided_by: string | null;
  refusal_enc: string | null;
  created_at: string;
}

/** A system admin's reason for opening one case, and until when it opens it (docs/access-control.md). */
export interface CaseAccessGrantTable {
  id: string;
  case_id: string;
  staff_id: string;
  reason: string;
  granted_at: string;
  expires_at: string;
}

/**
 * The demo accounts and applications a development start made (docs/decisions/017): a production
 * start refuses while any is left, and `npm run demo:remove` removes exactly these.
 */
export interface DemoRecordTable {
  /** 'staff' or 'case'. */
  record_type: string;
  /** staff.id or cases.id. */
  record_id: string;
  created_at: string;
}

/** A one-time code sent to a phone, and the proof its confirmation gave (docs/decisions/019). */
export interface PhoneVerificationTable {
  id: string;
  /** Keyed hash of the phone number (never the number). */
  phone_hash: string;
  /** Keyed hash of this row's id and the code (never the code). */
  code_hash: string;
  created_at: string;
  expires_at: string;
  /** Tries counted, each before its comparison. */
  attempts: number;
  confirmed_at: string | null;
  /** sha256 of the proof token, once confirmed. */
  proof_hash: string | null;
  proof_expires_at: string | null;
  /** The outbox message that carries the code (encrypted) to the phone. */
  outbox_id: string | null;
}

/** A file given with a draft or a case; its content is in the file store at `address` (docs/decisions/026). */
export interface FileTable {
  id: string;
  /** 'draft' or 'case'. */
  owner_kind: string;
  owner_id: string;
  /** The field (or purpose) it was given for. */
  purpose: string;
  /** The name it is served with, encrypted (field crypto, context files.name). */
  name_enc: string;
  media_type: string;
  /** Bytes as stored, unencrypted. */
  size: number;
  /** Keyed hash of the content: where the store keeps it. */
  address: string;
  /** 'clean' or 'not-scanned'. */
  scan_state: string;
  created_at: string;
}

/** A row staff added to an effective-dated rule table (docs/decisions/030); never updated or deleted. */
export interface RuleOverrideTable {
  id: string;
  table_name: string;
  rule_key: string;
  /** YYYY-MM-DD. */
  effective_from: string;
  value_json: string;
  basis: string;
  reason: string;
  /** staff.id */
  changed_by: string;
  recorded_at: string;
  /** audit_log.seq of the entry saved with it: the order rows were saved in. */
  audit_seq: number;
}

/** An application in progress (docs/decisions/033): answers encrypted, the browser's reference and the resume code as keyed hashes. */
export interface DraftTable {
  id: string;
  service: string;
  reference_hash: string | null;
  answers_enc: string;
  resume_code_hash: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  submitted_at: string | null;
}

/** A request to another system a transition sent, and what became of it (docs/decisions/044). */
export interface HandoffRequestTable {
  /** The request id the receiving system deduplicates by. */
  id: string;
  case_id: string;
  handoff: string;
  /** Encrypted JSON: the payload sent. */
  payload_enc: string;
  /** 'pending', 'waiting', 'answered', 'failed' or 'superseded'. */
  status: string;
  attempts: number;
  next_attempt_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  sent_at: string | null;
  answered_at: string | null;
  /** Encrypted JSON: the answer recorded. */
  answer_enc: string | null;
  created_at: string;
}

/** A 公示 or 公布 entry (migration 2026120702_public_notices, docs/decisions/045): only what its page shows. */
export interface PublicEntryTable {
  id: string;
  case_id: string;
  list: string;
  place: string;
  masked_name: string;
  household_size: number;
  kind: string;
  amount_fen: number | null;
  from_day: string;
  to_day: string;
  objection: string | null;
  created_at: string;
}

/** Data upgrades done at start with the portal's key (migration 2026120801_data_upgrades, docs/decisions/049): one row each. */
export interface DataUpgradeTable {
  name: string;
  changed: number;
  done_at: string;
}

/** A rating of a finished case (migration 2026120802_ratings, docs/decisions/053): one per case. */
export interface RatingTable {
  id: string;
  case_id: string;
  service: string;
  office: string;
  level: string;
  reasons_json: string;
  comment_enc: string | null;
  rated_at: string;
}

/** The follow-up a bad rating opens for the case's office (docs/decisions/053). */
export interface RatingFollowUpTable {
  id: string;
  rating_id: string;
  case_id: string;
  service: string;
  office: string;
  opened_on: string;
  due_on: string;
  reply_enc: string | null;
  replied_at: string | null;
  replied_by: string | null;
  resolution: string | null;
  resolved_at: string | null;
  created_at: string;
}

/** The dashboard's counters (migration 2026120803_case_figures, docs/decisions/054), added to by each step. */
export interface CaseFigureTable {
  service: string;
  office: string;
  /** YYYY-MM, China time. */
  month: string;
  /** 'received', 'completed' or 'stage'. */
  figure: string;
  /** The state a stage was spent in; '' for the other figures. */
  stage: string;
  count: number;
  working_days: number;
}

/**
 * The ratings' counters (migration 2026121203_rating_figures, docs/decisions/059): added to when a
 * rating is given and its follow-up answered or resolved, all in the month of the rating.
 */
export interface RatingFigureTable {
  service: string;
  office: string;
  /** YYYY-MM, China time: the month of the rating. */
  month: string;
  /** 'level', 'bad-reason', 'follow-up-opened', 'follow-up-replied' or 'follow-up-resolved'. */
  figure: string;
  /** The level or reason code; '' for the follow-ups' figures. */
  key: string;
  count: number;
}

/** One row (id 1): when the counters were built from the timelines; null: to be built at the next start. */
/** Open cases with a running, unpaused deadline per day next due, kept by triggers on `cases` (migration 2026121805, docs/decisions/071): "overdue now" is the rows before today. */
export interface CaseDueCountTable {
  due_on: string;
  service: string;
  office: string;
  /** PostgreSQL: a hash of the case id, so that cases written at once update different rows; SQLite: 0. */
  shard: number;
  cases: number;
}

/** The staff queue's counts, kept by triggers on `cases` (migration 2026121601, docs/decisions/071). */
export interface CaseQueueCountTable {
  service: string;
  office: string;
  state: string;
  clock_paused: number;
  /** 1 when a deadline runs (next_due_on set). */
  running: number;
  /** PostgreSQL: a hash of the case id, so that cases written at once update different rows; SQLite: 0. */
  shard: number;
  cases: number;
}

export interface CaseFiguresStateTable {
  id: number;
  built_at: string | null;
}


/** Every publication of a notice, append-only. */
export interface NoticeVersionTable {
  id: string;
  version: number;
  content_json: string;
  change_note: string | null;
  change_kind: string | null;
  published_by: string;
  approved_by: string | null;
  published_at: string;
}

/** Each published notice as readers see it now. */
export interface NoticeTable {
  id: string;
  current_version: number;
  date: string;
  office: string | null;
  service: string | null;
  first_published_at: string;
  updated_at: string;
  zh_updated_at: string;
  en_updated_at: string | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdrawn_reason: string | null;
  withdrawn_note: string | null;
}

/** The last result of each external address the published content links to (docs/decisions/058). */
export interface LinkCheckTable {
  url: string;
  result: string;
  status_code: number | null;
  final_url: string | null;
  reason: string | null;
  first_failed_at: string | null;
  consecutive_failures: Generated<number>;
  since: string;
  last_checked_at: string;
}

/** The link check's run: its lease and when it last started and finished. */
export interface LinkCheckRunTable {
  name: string;
  locked_by: string | null;
  locked_until: string | null;
  started_at: string | null;
  finished_at: string | null;
  checked: Generated<number>;
}

export interface Database {
  editorial_drafts: EditorialDraftTable;
  link_checks: LinkCheckTable;
  link_check_runs: LinkCheckRunTable;
  notice_versions: NoticeVersionTable;
  notices: NoticeTable;
  guide_versions: GuideVersionTable;
  guide_unpublished: GuideUnpublishedTable;
  holiday_years: HolidayYearTable;
  booking_places: BookingPlaceTable;
  office_schedules: OfficeScheduleTable;
  appointments: AppointmentTable;
  appointment_people: AppointmentPersonTable;
  content_state: ContentStateTable;
  cases: CaseTable;
  case_events: CaseEventTable;
  audit_log: AuditLogTable;
  audit_chain: AuditChainTable;
  notification_outbox: NotificationOutboxTable;
  dev_messages: DevMessageTable;
  rate_limits: RateLimitTable;
  idempotency_keys: IdempotencyKeyTable;
  staff: StaffTable;
  staff_sessions: StaffSessionTable;
  sign_in_throttle: SignInThrottleTable;
  case_access_grants: CaseAccessGrantTable;
  case_once_keys: CaseOnceKeyTable;
  case_people: CasePersonTable;
  case_evidence_on_record: CaseEvidenceOnRecordTable;
  case_parts: CasePartTable;
  case_stock: CaseStockTable;
  case_stock_holds: CaseStockHoldTable;
  case_step_keys: CaseStepKeyTable;
  funeral_booking_lines: FuneralBookingLineTable;
  funeral_transports: FuneralTransportTable;
  funeral_services_done: FuneralServiceDoneTable;
  funeral_cremation_certificates: FuneralCremationCertificateTable;
  funeral_exemption_claims: FuneralExemptionClaimTable;
  demo_records: DemoRecordTable;
  phone_verifications: PhoneVerificationTable;
  files: FileTable;
  rule_overrides: RuleOverrideTable;
  drafts: DraftTable;
  handoff_requests: HandoffRequestTable;
  case_figures: CaseFigureTable;
  case_figures_state: CaseFiguresStateTable;
  case_queue_counts: CaseQueueCountTable;
  case_due_counts: CaseDueCountTable;
  public_entries: PublicEntryTable;
  data_upgrades: DataUpgradeTable;
  ratings: RatingTable;
  rating_follow_ups: RatingFollowUpTable;
  rating_figures: RatingFigureTable;
}
