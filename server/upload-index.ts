/**
 * The `uploads` table: which conversation an uploaded file belongs to, under which random id,
 * and what it is. The bytes live on disk by their sha256 (see `UploadFiles`).
 */
import type Database from 'better-sqlite3';
import type { AttachmentKind } from 'support-widget/protocol';
import { kindOfMime } from './magic-bytes.js';

/** One uploaded file as stored. */
export interface UploadRecord {
  id: string;
  /** The conversation's shop: conversation ids are per shop. */
  shop: string;
  conversationId: string;
  sha256: string;
  mime: string;
  size: number;
  name: string;
  createdAt: number;
  uploaderId: string;
}

interface UploadRow {
  id: string;
  shop: string;
  conversation_id: string;
  sha256: string;
  mime: string;
  size: number;
  name: string;
  created_at: number;
  uploader_id: string;
}

function toRecord(row: UploadRow): UploadRecord {
  return {
    id: row.id,
    shop: row.shop,
    conversationId: row.conversation_id,
    sha256: row.sha256,
    mime: row.mime,
    size: row.size,
    name: row.name,
    createdAt: row.created_at,
    uploaderId: row.uploader_id,
  };
}

/** The attachment kind an upload is shown as (derived from its detected type). */
export function uploadKind(record: UploadRecord): AttachmentKind {
  return kindOfMime(record.mime);
}

export class UploadIndex {
  private readonly insertStmt: Database.Statement;
  private readonly getStmt: Database.Statement<[string], UploadRow>;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO uploads (id, shop, conversation_id, sha256, mime, size, name, created_at, uploader_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.getStmt = db.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE id = ?');
  }

  insert(record: UploadRecord): void {
    this.insertStmt.run(
      record.id,
      record.shop,
      record.conversationId,
      record.sha256,
      record.mime,
      record.size,
      record.name,
      record.createdAt,
      record.uploaderId,
    );
  }

  get(id: string): UploadRecord | undefined {
    const row = this.getStmt.get(id);
    return row === undefined ? undefined : toRecord(row);
  }
}
