/**
 * The W3C "perfect negotiation" pattern on one `RTCPeerConnection`: either side may renegotiate
 * at any time (publish, ICE restart) and offer collisions resolve themselves. The impolite side
 * ignores a colliding offer; the polite side rolls its own offer back and answers.
 * See https://w3c.github.io/webrtc-pc/#perfect-negotiation-example.
 */
import type { MediaSignalAction } from '../media-types.js';
import { descriptionPayload, parseCandidate, parseDescription } from './negotiation-payloads.js';
import { PendingIceCandidates } from './pending-ice-candidates.js';

/** Options of `PerfectNegotiation`. */
export interface PerfectNegotiationOptions {
  pc: RTCPeerConnection;
  /** Exactly one side of a call is polite (the callee). */
  polite: boolean;
  /** Delivers an offer, answer or candidate to the peer (fire and forget: a loss shows up as a timeout). */
  send(action: MediaSignalAction, payload: unknown): void;
  /** A negotiation step failed (not an ignored collision): the call may not recover on its own. */
  onError(error: unknown): void;
  /** Runs after a remote offer is applied and before the answer is made (e.g. to start sending on its transceivers). */
  beforeAnswer?(): Promise<void>;
  /** Aborting removes the listeners. */
  signal: AbortSignal;
  /**
   * An offer still unanswered after this long is sent again (then at twice the wait, up to 4x):
   * signals are fire and forget, and one sent while the signalling link is down (an ICE restart
   * in an outage) is lost, which would leave this side in `have-local-offer` for the rest of the
   * call, deaf to every later renegotiation. ms; default 4000.
   */
  offerRetryMs?: number;
}

/**
 * Drives offers/answers/candidates for one peer connection.
 *
 * @example
 * ```ts
 * const negotiation = new PerfectNegotiation({ pc, polite, send, onError, signal });
 * channel.on('media-signal', (s) => void negotiation.receive(s.action, s.payload));
 * ```
 */
export class PerfectNegotiation {
  private readonly pc: RTCPeerConnection;
  private readonly polite: boolean;
  private readonly send: PerfectNegotiationOptions['send'];
  private readonly onError: PerfectNegotiationOptions['onError'];
  private readonly beforeAnswer: PerfectNegotiationOptions['beforeAnswer'];
  private readonly candidates = new PendingIceCandidates();
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  /** Incoming signals are handled one at a time, in arrival order. */
  private inbox: Promise<void> = Promise.resolve();
  private offersIgnored = 0;
  private answersIgnored = 0;
  private readonly offerRetryMs: number;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private offersResent = 0;

  constructor(options: PerfectNegotiationOptions) {
    this.pc = options.pc;
    this.polite = options.polite;
    this.send = options.send;
    this.onError = options.onError;
    this.beforeAnswer = options.beforeAnswer;
    this.offerRetryMs = Math.max(50, options.offerRetryMs ?? 4000);
    const listen = { signal: options.signal };
    options.signal.addEventListener('abort', () => this.stopRetry(), { once: true });
    this.pc.addEventListener('negotiationneeded', () => void this.makeOffer(), listen);
    this.pc.addEventListener('icecandidate', (event) => this.sendCandidate(event.candidate), listen);
  }

  /** Colliding offers this (impolite) side has ignored so far. */
  get ignoredOffers(): number {
    return this.offersIgnored;
  }

  /** Answers that arrived when no offer of ours was waiting (a second answer to an offer sent again). */
  get ignoredAnswers(): number {
    return this.answersIgnored;
  }

  /** Offers sent again because no answer came in time. */
  get resentOffers(): number {
    return this.offersResent;
  }

  /** Candidates received that are still waiting for their remote description. */
  get pendingCandidates(): number {
    return this.candidates.size;
  }

  /** Feeds one signal from the peer; resolves once it (and every earlier one) has been handled. */
  receive(action: MediaSignalAction, payload: unknown): Promise<void> {
    this.inbox = this.inbox.then(() => this.handle(action, payload)).catch((error: unknown) => {
      if (!this.closed) this.onError(error);
    });
    return this.inbox;
  }

  private get closed(): boolean {
    return this.pc.signalingState === 'closed';
  }

  private async makeOffer(): Promise<void> {
    // The polite side lets the impolite one open the first negotiation (which it always does: it
    // has the media-state channel). This saves a wasted offer and avoids rolling back a first offer
    // that carries a data channel, which Chromium then fails to answer ("Failed to start SCTP
    // transport"). Once stable, the browser fires `negotiationneeded` again if still needed.
    if (this.polite && !this.pc.remoteDescription) return;
    try {
      this.makingOffer = true;
      // Without arguments it creates the right description for the current state.
      await this.pc.setLocalDescription();
      // A colliding remote offer may have rolled ours back meanwhile: then there is nothing to send.
      const offer = descriptionPayload(this.pc.localDescription);
      if (offer?.type === 'offer' && this.pc.signalingState === 'have-local-offer') {
        this.send('offer', offer);
        this.retryOffer(this.offerRetryMs);
      }
    } catch (error) {
      if (!this.closed) this.onError(error);
    } finally {
      this.makingOffer = false;
    }
  }

  /** Sends our offer again (with the candidates gathered since) while it stays unanswered. */
  private retryOffer(afterMs: number): void {
    this.stopRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.closed || this.pc.signalingState !== 'have-local-offer') return;
      const offer = descriptionPayload(this.pc.localDescription);
      if (offer?.type !== 'offer') return;
      this.offersResent++;
      this.send('offer', offer);
      this.retryOffer(Math.min(afterMs * 2, this.offerRetryMs * 4));
    }, afterMs);
  }

  private stopRetry(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private sendCandidate(candidate: RTCIceCandidate | null): void {
    // `null` and the empty candidate only mark the end of gathering; the peer does not need them.
    if (!candidate?.candidate) return;
    this.send('ice', candidate.toJSON());
  }

  private async handle(action: MediaSignalAction, payload: unknown): Promise<void> {
    if (this.closed) return;
    if (action === 'ice') {
      const candidate = parseCandidate(payload);
      if (!candidate) return;
      this.candidates.add(candidate);
      await this.addMatchingCandidates();
      return;
    }
    const description = parseDescription(action, payload);
    if (!description) return;
    // A second answer to an offer we sent again (the first answer was only late): already applied.
    if (description.type === 'answer' && this.pc.signalingState !== 'have-local-offer') {
      this.answersIgnored++;
      return;
    }
    const readyForOffer =
      !this.makingOffer && (this.pc.signalingState === 'stable' || this.settingRemoteAnswer);
    const offerCollision = description.type === 'offer' && !readyForOffer;
    this.ignoreOffer = !this.polite && offerCollision;
    if (this.ignoreOffer) {
      this.offersIgnored++;
      return;
    }
    this.settingRemoteAnswer = description.type === 'answer';
    try {
      // On a collision (polite side) this rolls our own pending offer back implicitly.
      await this.pc.setRemoteDescription(description);
    } finally {
      this.settingRemoteAnswer = false;
    }
    if (description.type === 'offer') {
      await this.beforeAnswer?.();
      await this.pc.setLocalDescription();
      const answer = descriptionPayload(this.pc.localDescription);
      if (answer?.type === 'answer') this.send('answer', answer);
    }
    await this.addMatchingCandidates();
  }

  /** Adds the waiting candidates that belong to the current remote description. */
  private async addMatchingCandidates(): Promise<void> {
    const remote = this.pc.remoteDescription;
    if (!remote) return;
    for (const candidate of this.candidates.takeMatching(remote.sdp)) {
      try {
        await this.pc.addIceCandidate(candidate);
      } catch (error) {
        // Candidates of an offer we ignored cannot apply; anything else is worth reporting.
        if (!this.ignoreOffer && !this.closed) this.onError(error);
      }
    }
  }
}
