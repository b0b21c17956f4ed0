/**
 * A customer's personal data in the relay store, for the privacy API: everything in the
 * conversations the customer owns in one shop (messages, read marks, upload metadata), exported
 * as JSON or deleted. Upload bytes are content addressed and may be shared with another
 * conversation, so a file is removed only when no upload row references it any more. A deleted
 * conversation leaves a tombstone of its id and last seq: started again, it continues after it.
 */
import { rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { ProductContext, WireMessage } from 'support-widget/protocol';
import type { ConversationRow, MessageRow, ReceiptRow } from './store-rows.js';
import { toConversation, toMessage } from './store-rows.js';
import type { UploadFiles } from './upload-store.js';
import { deleteRelationshipRows, exportRelationshipRows, type ExportedRelationship } from './relationship-privacy.js';

/** Metadata of one uploaded file as exported (the bytes stay at `url`). */
export interface ExportedUpload {
  id: string;
  url: string;
  mime: string;
  size: number;
  name: string;
  sha256: string;
  createdAt: number;
  uploaderId: string;
}

/** One conversation of the customer with everything stored about it (`contact`, `csat`: issue 17's rows, when stored). */
export interface ExportedConversation extends ExportedRelationship {
  id: string;
  shop: string;
  /** `email`: as the customer's last token gave it, when one did. */
  customer: { id: string; name: string; email?: string };
  context?: ProductContext;
  lastSeq: number;
  updatedAt: number;
  messages: WireMessage[];
  receipts: Array<{ userId: string; deliveredUpTo: number; readUpTo: number }>;
  uploads: ExportedUpload[];
}

/** `GET /privacy/export` answers this. */
export interface CustomerExport {
  customerId: string;
  shop: string;
  exportedAt: number;
  conversations: ExportedConversation[];
}

/** What a deletion removed. */
export interface DeletionCounts {
  conversations: number;
  messages: number;
  receipts: number;
  uploads: number;
  /** Upload files removed from disk (bytes no other upload shares). */
  files: number;
}

interface UploadRow {
  id: string;
  sha256: string;
  mime: string;
  size: number;
  name: string;
  created_at: number;
  uploader_id: string;
}

/** The statements of `PrivacyStore`, prepared once. */
function prepareStatements(db: Database.Database) {
  return {
    conversationsOf: db.prepare<[string, string], ConversationRow>(
      'SELECT * FROM conversations WHERE customer_id = ? AND shop = ? ORDER BY updated_at, id',
    ),
    messages: db.prepare<[string, string], MessageRow>('SELECT * FROM messages WHERE shop = ? AND conversation_id = ? ORDER BY seq'),
    receipts: db.prepare<[string, string], ReceiptRow>(
      'SELECT user_id, delivered_up_to, read_up_to FROM receipts WHERE shop = ? AND conversation_id = ? ORDER BY user_id',
    ),
    uploads: db.prepare<[string, string], UploadRow>('SELECT * FROM uploads WHERE shop = ? AND conversation_id = ? ORDER BY created_at, id'),
    deleteMessages: db.prepare('DELETE FROM messages WHERE shop = ? AND conversation_id = ?'),
    deleteReceipts: db.prepare('DELETE FROM receipts WHERE shop = ? AND conversation_id = ?'),
    deleteUploads: db.prepare('DELETE FROM uploads WHERE shop = ? AND conversation_id = ?'),
    // The seq counter outlives the conversation: never reuse a seq a client may still hold.
    tombstone: db.prepare(
      `INSERT INTO conversation_tombstones (shop, id, last_seq, deleted_at)
       SELECT shop, id, last_seq, :now FROM conversations WHERE shop = :shop AND id = :id
       ON CONFLICT (shop, id) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq), deleted_at = excluded.deleted_at`,
    ),
    deleteConversation: db.prepare('DELETE FROM conversations WHERE shop = ? AND id = ?'),
    uploadHashes: db.prepare<[string, string], { sha256: string }>('SELECT DISTINCT sha256 FROM uploads WHERE shop = ? AND conversation_id = ?'),
    hashInUse: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM uploads WHERE sha256 = ?'),
  };
}

export class PrivacyStore {
  private readonly stmt: ReturnType<typeof prepareStatements>;
  private readonly deleteTx: Database.Transaction<
    (shop: string, ids: string[], now: number) => { counts: Omit<DeletionCounts, 'files'>; sha256s: string[] }
  >;

  constructor(
    private readonly db: Database.Database,
    private readonly files: UploadFiles,
  ) {
    this.stmt = prepareStatements(db);
    this.deleteTx = db.transaction((shop: string, ids: string[], now: number) => {
      const counts = { conversations: 0, messages: 0, receipts: 0, uploads: 0 };
      const sha256s = new Set<string>();
      for (const id of ids) {
        for (const row of this.stmt.uploadHashes.all(shop, id)) sha256s.add(row.sha256);
        counts.messages += this.stmt.deleteMessages.run(shop, id).changes;
        counts.receipts += this.stmt.deleteReceipts.run(shop, id).changes;
        counts.uploads += this.stmt.deleteUploads.run(shop, id).changes;
        deleteRelationshipRows(db, shop, id);
        this.stmt.tombstone.run({ shop, id, now });
        counts.conversations += this.stmt.deleteConversation.run(shop, id).changes;
      }
      return { counts, sha256s: [...sha256s] };
    });
  }

  /** Everything stored in the conversations `customerId` owns in `shop`. */
  exportCustomer(customerId: string, shop: string, now: number): CustomerExport {
    const conversations = this.stmt.conversationsOf.all(customerId, shop).map((row): ExportedConversation => {
      const conversation = toConversation(row);
      const exported: ExportedConversation = {
        id: conversation.id,
        shop: conversation.shop,
        customer: conversation.customer,
        lastSeq: conversation.lastSeq,
        updatedAt: conversation.updatedAt,
        messages: this.stmt.messages.all(shop, row.id).map(toMessage),
        receipts: this.stmt.receipts.all(shop, row.id).map((r) => ({ userId: r.user_id, deliveredUpTo: r.delivered_up_to, readUpTo: r.read_up_to })),
        uploads: this.stmt.uploads.all(shop, row.id).map((u) => ({
          id: u.id,
          url: `/uploads/${u.id}`,
          mime: u.mime,
          size: u.size,
          name: u.name,
          sha256: u.sha256,
          createdAt: u.created_at,
          uploaderId: u.uploader_id,
        })),
      };
      if (conversation.context !== undefined) exported.context = conversation.context;
      if (typeof row.customer_email === 'string') exported.customer = { ...conversation.customer, email: row.customer_email };
      return { ...exported, ...exportRelationshipRows(this.db, shop, row.id) };
    });
    return { customerId, shop, exportedAt: now, conversations };
  }

  /**
   * Deletes the customer's conversations in `shop` with their messages, read marks, uploads and
   * unshared upload files (their ids and last seqs stay as tombstones). Returns the counts and
   * the ids of the conversations deleted.
   */
  deleteCustomer(customerId: string, shop: string, now: number): DeletionCounts & { conversationIds: string[] } {
    const ids = this.stmt.conversationsOf.all(customerId, shop).map((row) => row.id);
    const { counts, sha256s } = this.deleteTx.immediate(shop, ids, now);
    return { ...counts, files: this.removeUnreferencedFiles(sha256s), conversationIds: ids };
  }

  /** Removes the files of `sha256s` that no upload row references; returns how many were on disk. */
  removeUnreferencedFiles(sha256s: Iterable<string>): number {
    let removed = 0;
    for (const sha256 of sha256s) {
      if ((this.stmt.hashInUse.get(sha256)?.n ?? 0) > 0) continue;
      try {
        rmSync(this.files.pathOf(sha256));
        removed += 1;
      } catch {
        // Already gone (or never committed): nothing to remove.
      }
    }
    return removed;
  }
}
