/**
 * Uploaded bytes on disk, content addressed: `DATA_DIR/uploads/<first 2 hex of sha256>/<sha256>`.
 * A file streams into `uploads/tmp` while it is hashed, counted and sniffed, and is moved into
 * place only once it is complete, within the limit and of an accepted type; the same bytes
 * uploaded twice are stored once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SNIFF_BYTES } from './magic-bytes.js';
import { TextSniffer } from './text-sniffer.js';
import type { TextVerdict } from './text-sniffer.js';

/** The body passed the size limit; the temp file is already removed. */
export class UploadTooLargeError extends Error {
  override readonly name = 'UploadTooLargeError';
}

/** The client went away before the body was complete; the temp file is already removed. */
export class UploadAbortedError extends Error {
  override readonly name = 'UploadAbortedError';
}

/** The body delivered too little for too long (idle, or a trickle); the temp file is already removed. */
export class UploadStalledError extends Error {
  override readonly name = 'UploadStalledError';
}

/** How `receive` reads a body besides its size limit. */
export interface ReceiveOptions {
  /** Told each chunk's size before it is written; throwing stops the upload with that error. */
  onChunk?: (bytes: number) => void;
  /** With `minBytesPerWindow`: a window this long in which fewer bytes arrived cuts the body (`UploadStalledError`). */
  idleTimeoutMs?: number;
  minBytesPerWindow?: number;
}

/** A complete body in the temp directory, not yet stored. */
export interface ReceivedUpload {
  tempPath: string;
  sha256: string;
  size: number;
  /** The first `SNIFF_BYTES` bytes, for type detection. */
  head: Buffer;
  text: TextVerdict;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** Temp files older than this at startup are leftovers of a crash. */
const STALE_TEMP_MS = 60 * 60 * 1000;

export class UploadFiles {
  /** `DATA_DIR/uploads`. */
  readonly root: string;
  /** `DATA_DIR/uploads/tmp`: bodies being received. */
  readonly tempDir: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'uploads');
    this.tempDir = join(this.root, 'tmp');
    mkdirSync(this.tempDir, { recursive: true, mode: 0o700 });
    this.removeStaleTemps(Date.now());
  }

  /** The stored file of a hash (which must be 64 lower-case hex characters). */
  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /**
   * Streams `source` into a temp file while hashing, counting and sniffing it. Rejects with
   * `UploadTooLargeError` as soon as more than `maxBytes` arrived, or `UploadAbortedError` when
   * the source closes early, `UploadStalledError` when it stalls (`options`), or what
   * `options.onChunk` throws; either way the temp file is gone. The source is never destroyed,
   * so an HTTP request can still be answered.
   */
  async receive(source: Readable, maxBytes: number, options: ReceiveOptions = {}): Promise<ReceivedUpload> {
    const tempPath = join(this.tempDir, `${randomBytes(16).toString('hex')}.part`);
    const hash = createHash('sha256');
    const sniffer = new TextSniffer();
    const head: Buffer[] = [];
    let headBytes = 0;
    let size = 0;
    let windowBytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done): void {
        size += chunk.byteLength;
        windowBytes += chunk.byteLength;
        if (size > maxBytes) {
          done(new UploadTooLargeError(`the file is larger than ${maxBytes} bytes`));
          return;
        }
        try {
          options.onChunk?.(chunk.byteLength);
        } catch (error) {
          done(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        hash.update(chunk);
        sniffer.push(chunk);
        if (headBytes < SNIFF_BYTES) {
          const part = chunk.subarray(0, SNIFF_BYTES - headBytes);
          head.push(part);
          headBytes += part.byteLength;
        }
        done(null, chunk);
      },
    });
    const onClose = (): void => {
      if (!source.readableEnded) meter.destroy(new UploadAbortedError('the upload was interrupted'));
    };
    const onError = (error: Error): void => {
      meter.destroy(new UploadAbortedError(`the upload failed: ${error.message}`));
    };
    source.once('close', onClose);
    source.once('error', onError);
    const { idleTimeoutMs, minBytesPerWindow = 1 } = options;
    const stallTimer =
      idleTimeoutMs === undefined
        ? undefined
        : setInterval(() => {
            if (windowBytes < minBytesPerWindow) {
              meter.destroy(new UploadStalledError(`fewer than ${minBytesPerWindow} bytes arrived in ${idleTimeoutMs} ms`));
            }
            windowBytes = 0;
          }, idleTimeoutMs);
    // `pipe` (not `pipeline`) so an error stops reading without destroying the request's socket.
    const written = pipeline(meter, createWriteStream(tempPath, { flags: 'wx', mode: 0o600 }));
    source.pipe(meter);
    try {
      await written;
    } catch (error) {
      source.unpipe(meter);
      await rm(tempPath, { force: true });
      throw error;
    } finally {
      clearInterval(stallTimer);
      source.off('close', onClose);
      source.off('error', onError);
    }
    return { tempPath, sha256: hash.digest('hex'), size, head: Buffer.concat(head), text: sniffer.finish() };
  }

  /** Moves a received body to its content address (or drops it when those bytes are stored already). */
  async commit(upload: ReceivedUpload): Promise<string> {
    const path = this.pathOf(upload.sha256);
    await mkdir(join(this.root, upload.sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
    if (await exists(path)) await rm(upload.tempPath, { force: true });
    // Same name, same bytes: if a concurrent upload of the same file won, this replaces it with itself.
    else await rename(upload.tempPath, path);
    return path;
  }

  /** Drops a received body that will not be stored. */
  async discard(upload: ReceivedUpload): Promise<void> {
    await rm(upload.tempPath, { force: true });
  }

  private removeStaleTemps(now: number): void {
    for (const name of readdirSync(this.tempDir)) {
      const path = join(this.tempDir, name);
      try {
        if (now - statSync(path).mtimeMs > STALE_TEMP_MS) rmSync(path, { force: true });
      } catch {
        // Removed by someone else meanwhile.
      }
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
