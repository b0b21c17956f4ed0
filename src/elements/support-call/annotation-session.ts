/**
 * The annotations of one call on this screen: the shared `AnnotationBoard`, what this side sends
 * (paced by `AnnotationSender`), the still's pixels (captured here when it is this side's camera,
 * loaded from the peer's upload otherwise) and "Send to chat". `<support-call-annotation>`
 * renders it; `AnnotationEntry` feeds it the peer's operations.
 */
import { AnnotationBoard } from '../../core/call/call-annotation-board.js';
import type { AnnotationOp, AnnotationTool, CallAnnotationEvent, NormalPoint, StrokeOp } from '../../core/call/call-annotation-ops.js';
import { AnnotationSender, type LiveStroke } from '../../core/call/call-annotation-sender.js';
import type { CallSession } from '../../core/call/call-session.js';
import { isStaff } from '../../protocol/desk.js';
import { SupportError, toSupportError } from '../../protocol/errors.js';
import { randomId } from '../../base/random-id.js';
import type { AnnotationHost } from './annotation-entry.js';
import { composeAnnotated } from './annotation-paint.js';
import { captureStill, loadStill, shareStill, type LoadedStill } from './annotation-still.js';
import { snapshotName } from './call-snapshot.js';

/** The drawing colour (red reads on most devices' plastics and boards). */
export const ANNOTATION_COLOR = '#ff2d20';

/** What the still `<img>` shows: `final` once it is the camera side's shared still. */
export interface StillImage extends LoadedStill {
  freezeId: string;
  final: boolean;
}

const shortId = (): string => randomId().replace(/-/g, '').slice(0, 12);

/** One call's annotations on this screen. */
export class AnnotationSession {
  readonly board = new AnnotationBoard();
  readonly callId: string;
  image: StillImage | undefined;
  /** "Send to chat" is running. */
  posting = false;
  /** The last outcome worth telling ("sent"); failures go to the host's `report`. */
  notice: 'sent' | undefined;
  private readonly sender: AnnotationSender;
  private live: (LiveStroke & { points: NormalPoint[] }) | undefined;

  constructor(
    private readonly host: AnnotationHost,
    private readonly call: CallSession,
  ) {
    this.callId = call.callId ?? '';
    this.sender = new AnnotationSender({ send: (op) => this.send(op) });
  }

  /** Staff draw; the customer sees the drawing (and may freeze, unfreeze, and follow the pointer). */
  get canDraw(): boolean {
    return isStaff(this.host.client()?.user?.role ?? 'customer');
  }

  /** This side points at the peer's live video. */
  get pointing(): boolean {
    return this.board.pointer?.ownCamera === false;
  }

  /** The call's rendered video: the peer's (`remote`) or this side's camera (`local`). */
  video(which: 'remote' | 'local'): HTMLVideoElement | null {
    return this.host.video(which);
  }

  /** Applies an operation of the peer (already checked by the client). */
  receive(event: CallAnnotationEvent): void {
    if (event.callId !== this.callId) return;
    const op = event.op;
    if (!this.board.apply(op, false)) return;
    if (op.op === 'freeze' || op.op === 'unfreeze') this.dropImage();
    if (op.op === 'freeze') void this.shareOwnStill(op.id);
    else if (op.op === 'still') void this.loadPeerStill(op.id, op);
    this.host.changed();
  }

  /** Freezes the peer's video here and on the peer's screen. */
  async freeze(): Promise<void> {
    const id = shortId();
    if (this.pointing) this.apply({ op: 'pointing', on: false });
    this.apply({ op: 'freeze', id });
    this.dropImage();
    const video = this.host.video('remote');
    // No frame decoded yet (the call has just connected): the peer's still alone will show, no error.
    if (!video?.videoWidth) return;
    try {
      const { still } = await captureStill(video);
      // The peer's full-resolution still may have come first: it stays.
      if (this.board.freeze?.id === id && !this.image) this.setImage({ ...still, freezeId: id, final: false });
      else URL.revokeObjectURL(still.src);
    } catch (error) {
      this.host.report(toSupportError(error));
    }
  }

  /** Back to live video on both screens. */
  unfreeze(): void {
    const id = this.board.freeze?.id;
    if (id) this.apply({ op: 'unfreeze', id });
    this.dropImage();
  }

  /** Starts or stops pointing at the peer's live video. */
  togglePointer(): void {
    this.apply({ op: 'pointing', on: !this.pointing });
  }

  /** The pointer is at `at` of the peer's camera frame (undefined: lifted). */
  point(at: NormalPoint | undefined): void {
    if (!this.pointing) return;
    this.board.apply(at ? { op: 'point', at } : { op: 'point' }, true);
    this.sender.point(at);
    this.host.changed();
  }

  /** Starts a stroke at `at` of the still (a label: with its text). */
  beginStroke(tool: AnnotationTool, at: NormalPoint, text?: string): void {
    this.endStroke();
    const points: NormalPoint[] = tool === 'arrow' || tool === 'circle' ? [at, at] : [at];
    this.live = { id: shortId(), tool, color: ANNOTATION_COLOR, points, ...(text === undefined ? {} : { text }) };
    this.drawn(0);
  }

  /** The stroke being drawn reaches `at`. */
  extendStroke(at: NormalPoint): void {
    const live = this.live;
    if (!live || live.tool === 'text') return;
    if (live.tool === 'pen') {
      const last = live.points[live.points.length - 1];
      // A pen at 120 Hz: points closer than a fifth of a percent add nothing visible.
      if (last && Math.hypot(at[0] - last[0], at[1] - last[1]) < 0.002) return;
      live.points.push(at);
      this.drawn(live.points.length - 1);
    } else {
      live.points[1] = at;
      this.drawn(1);
    }
  }

  /** The stroke being drawn is done. */
  endStroke(): void {
    if (!this.live) return;
    this.live = undefined;
    this.sender.finish();
  }

  /** Removes this side's newest stroke. */
  undo(): void {
    const last = this.board.lastOwnStroke;
    if (last) this.apply({ op: 'remove', id: last.id });
  }

  /** Removes every stroke. */
  clear(): void {
    this.apply({ op: 'clear' });
  }

  /** Posts the still with its drawing, at the still's full resolution, into the conversation. */
  async sendToChat(image: HTMLImageElement): Promise<void> {
    const client = this.host.client();
    const uploads = this.host.uploads();
    const conversationId = this.call.conversationId;
    if (!client || !conversationId || this.posting) return;
    this.posting = true;
    this.notice = undefined;
    this.host.changed();
    try {
      if (!uploads) throw new SupportError('config', 'No upload provider: set uploadProvider to post images');
      const blob = await composeAnnotated(image, this.board.strokes);
      const file = await uploads.upload(blob, { conversationId, name: snapshotName(Date.now()).replace('snapshot', 'annotated') });
      client.send(conversationId, { body: '', attachments: [{ ...file, width: image.naturalWidth, height: image.naturalHeight }] });
      this.notice = 'sent';
    } catch (error) {
      this.host.report(toSupportError(error));
    } finally {
      this.posting = false;
      this.host.changed();
    }
  }

  /** Stops the timers and frees the still (the call ended). */
  dispose(): void {
    this.sender.dispose();
    this.dropImage();
    this.board.reset();
  }

  /** Applies an operation of this side and sends it, in that order. */
  private apply(op: AnnotationOp): void {
    if (!this.board.apply(op, true)) return;
    this.sender.now(op);
    this.host.changed();
  }

  /** The live stroke changed from point `from` on: show it here at once, send it paced. */
  private drawn(from: number): void {
    const live = this.live;
    if (!live) return;
    const { id, tool, color, text } = live;
    const op: StrokeOp = { op: 'stroke', id, tool, color, at: from, points: live.points.slice(from) };
    if (text !== undefined) op.text = text;
    if (!this.board.apply(op, true)) {
      this.live = undefined; // out of place (unfrozen meanwhile, or too many strokes)
      return;
    }
    this.sender.stroke({ ...live, points: [...live.points] }, from);
    this.host.changed();
  }

  private send(op: AnnotationOp): void {
    try {
      this.call.sendAnnotation(op).catch((error: SupportError) => this.host.report(error));
    } catch (error) {
      this.host.report(toSupportError(error)); // the call is no longer accepted
    }
  }

  /** The peer froze this side's camera: capture it here, show it, store it and name it to the peer. */
  private async shareOwnStill(id: string): Promise<void> {
    const video = this.host.video('local');
    const conversationId = this.call.conversationId;
    if (!video || !conversationId) return;
    try {
      const { shot, still } = await captureStill(video);
      if (this.board.freeze?.id !== id) return URL.revokeObjectURL(still.src);
      this.setImage({ ...still, freezeId: id, final: true });
      const shared = await shareStill(shot, this.host.uploads(), conversationId);
      if (shared && this.board.freeze?.id === id) this.apply({ op: 'still', id, still: shared });
    } catch (error) {
      this.host.report(toSupportError(error));
    }
  }

  private async loadPeerStill(id: string, op: Extract<AnnotationOp, { op: 'still' }>): Promise<void> {
    try {
      const loaded = await loadStill(op.still, this.host.stillSource());
      if (this.board.freeze?.id !== id) return URL.revokeObjectURL(loaded.src);
      this.setImage({ ...loaded, freezeId: id, final: true });
    } catch (error) {
      this.host.report(toSupportError(error));
    }
  }

  private setImage(image: StillImage): void {
    if (this.image) URL.revokeObjectURL(this.image.src);
    this.image = image;
    this.host.changed();
  }

  private dropImage(): void {
    if (this.image) URL.revokeObjectURL(this.image.src);
    this.image = undefined;
    this.notice = undefined;
  }
}
