import { expect } from '@esm-bundle/chai';
import { fixtureCleanup } from '@open-wc/testing-helpers';
import { sendKeys } from '@web/test-runner-commands';
import { ClipRecorder } from '../../src/elements/attachments/clip-recorder.js';
import { chipStates, connectedAgent, connectedChat, messagesWithAttachments, pickFiles, uploaded } from './attachments-fixtures.js';
import { disposeClients, waitFor } from './support/relay.js';
import { focusedPart, isShown, maybePart, part } from './support/shadow.js';

/** Milliseconds the recorder's timer shows. */
function timerMs(el: HTMLElement): number {
  return Number(maybePart(el, 'recorder-timer')?.dataset.elapsedMs ?? 0);
}

describe('voice notes and clips recorded with the fake microphone and camera', function () {
  this.timeout(30_000);

  afterEach(() => {
    fixtureCleanup();
    disposeClients();
  });

  it('records a voice note (tap, timer, tap), uploads it with its duration and plays it in the thread', async () => {
    const { el, conversationId } = await connectedChat();
    const agent = await connectedAgent();
    const mic = part(el, 'record-voice-button');
    expect(mic.getAttribute('aria-label')).to.equal('Record a voice message');
    mic.click();
    await waitFor(() => timerMs(el) > 1200, 'the timer to pass 1.2 s');
    expect(mic.getAttribute('aria-pressed')).to.equal('true');
    expect(mic.getAttribute('aria-label')).to.equal('Stop recording');
    expect(part(el, 'recorder-timer').textContent?.trim().endsWith('of 2:00')).to.equal(true);
    expect(part<HTMLButtonElement>(el, 'record-video-button').disabled).to.equal(true);
    mic.click();
    await uploaded(el, 1);
    expect(chipStates(el).join()).to.equal('audio:uploaded');
    expect(maybePart(el, 'recorder') === null).to.equal(true);
    part(el, 'send-button').click();
    const stored = await waitFor(
      () => agent.conversation(conversationId)?.messages.find((m) => m.attachments?.[0]?.kind === 'audio'),
      'the agent to receive the voice note',
    );
    const note = stored.attachments?.[0];
    expect(note?.mime).to.equal('audio/webm');
    expect((note?.durationMs ?? 0) >= 1200 && (note?.durationMs ?? 0) < 10_000).to.equal(true);
    expect(note?.name.startsWith('voice-message-')).to.equal(true);
    const mine = await waitFor(() => messagesWithAttachments(el)[0], 'my voice note in the thread');
    const audio = mine.querySelector<HTMLAudioElement>('[part~="attachment-audio"] audio');
    expect(audio?.controls).to.equal(true);
    expect(mine.querySelector('.media-duration')?.textContent?.includes('0:01')).to.equal(true);
    await waitFor(() => (audio?.readyState ?? 0) >= 1, 'the player to load the voice note');
  });

  it('records a clip with a live preview, stops with the Stop button and sends it with a poster frame', async () => {
    const { el, conversationId } = await connectedChat();
    const agent = await connectedAgent();
    part(el, 'record-video-button').click();
    const preview = await waitFor(() => maybePart<HTMLVideoElement>(el, 'recorder-preview'), 'the camera preview');
    expect(preview.srcObject instanceof MediaStream).to.equal(true);
    expect(preview.muted).to.equal(true);
    await waitFor(() => timerMs(el) > 1000, 'a second of video');
    expect(part(el, 'recorder-timer').textContent?.trim().endsWith('of 1:00')).to.equal(true);
    expect(part(el, 'record-stop-button').textContent?.trim()).to.equal('Stop');
    part(el, 'record-stop-button').click();
    expect(focusedPart(el)).to.equal('textarea[part=input]');
    await uploaded(el, 1);
    expect(chipStates(el).join()).to.equal('video:uploaded');
    expect(part(el, 'attachment').querySelector('img') !== null).to.equal(true); // the poster as thumbnail
    part(el, 'send-button').click();
    const stored = await waitFor(
      () => agent.conversation(conversationId)?.messages.find((m) => m.attachments?.[0]?.kind === 'video'),
      'the agent to receive the clip',
    );
    const clip = stored.attachments?.[0];
    expect(`${clip?.mime} ${clip?.width}x${clip?.height}`).to.equal('video/webm 640x480');
    expect((clip?.durationMs ?? 0) >= 1000).to.equal(true);
    expect(clip?.posterUrl?.startsWith('/uploads/')).to.equal(true);
    const mine = await waitFor(() => messagesWithAttachments(el)[0], 'my clip in the thread');
    const video = mine.querySelector<HTMLVideoElement>('[part~="attachment-video"] video');
    expect(`${video?.controls} ${video?.playsInline} ${video?.preload}`).to.equal('true true metadata');
    const poster = await waitFor(() => video?.poster || undefined, 'the poster at its signed address');
    const signed = new URL(poster).searchParams;
    expect(`${signed.has('token')} ${signed.has('sig')} ${signed.has('exp')}`).to.equal('false true true');
    await waitFor(() => (video?.readyState ?? 0) >= 1, 'the player to load the clip');
    expect(video?.videoWidth).to.equal(640);
  });

  it('cancels a recording with Escape without closing the panel, and releases the microphone', async () => {
    const { el } = await connectedChat();
    const tracks: MediaStreamTrack[] = [];
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      tracks.push(...stream.getTracks());
      return stream;
    };
    try {
      part(el, 'record-voice-button').focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(() => timerMs(el) > 300, 'the recording to run');
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect(maybePart(el, 'recorder') === null).to.equal(true);
      expect(chipStates(el).length).to.equal(0);
      expect(isShown(part(el, 'panel'))).to.equal(true);
      expect(tracks.length > 0 && tracks.every((track) => track.readyState === 'ended')).to.equal(true);
    } finally {
      navigator.mediaDevices.getUserMedia = original;
    }
  });

  it('turns the camera off when the panel is closed mid-recording', async () => {
    const { el } = await connectedChat({ floating: true });
    part(el, 'record-video-button').click();
    const preview = await waitFor(() => maybePart<HTMLVideoElement>(el, 'recorder-preview'), 'the camera preview');
    const stream = preview.srcObject as MediaStream;
    el.hide();
    await el.updateComplete;
    expect(stream.getTracks().every((track) => track.readyState === 'ended')).to.equal(true);
    el.show();
    await el.updateComplete;
    expect(maybePart(el, 'recorder') === null).to.equal(true);
    expect(chipStates(el).length).to.equal(0);
  });

  it('asks for the rear camera for clips', async () => {
    const { el } = await connectedChat();
    const asked: string[] = [];
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints) => {
      asked.push(JSON.stringify(constraints));
      return original(constraints);
    };
    try {
      part(el, 'record-video-button').click();
      await waitFor(() => maybePart(el, 'recorder-preview'), 'the preview');
      part(el, 'record-cancel-button').click();
      await el.updateComplete;
      expect(asked.join()).to.equal('{"video":{"facingMode":{"ideal":"environment"}},"audio":true}');
    } finally {
      navigator.mediaDevices.getUserMedia = original;
    }
  });

  it('shows a localised error when the microphone is blocked', async () => {
    const { el } = await connectedChat();
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    const codes: string[] = [];
    el.addEventListener('support-error', (event) => codes.push((event as CustomEvent<{ code: string }>).detail.code));
    try {
      part(el, 'record-voice-button').click();
      await waitFor(() => maybePart(el, 'attachment-error')?.textContent?.includes('Microphone or camera access is blocked'), 'the error');
      expect(codes.join()).to.equal('media-denied');
      expect(maybePart(el, 'recorder') === null).to.equal(true);
    } finally {
      navigator.mediaDevices.getUserMedia = original;
    }
  });

  it('gives a picked video file its size and a poster frame', async () => {
    const { el, conversationId } = await connectedChat();
    const agent = await connectedAgent();
    const recorder = await ClipRecorder.start('video', { maxMs: 5000, onLimit: () => undefined });
    await new Promise((resolve) => setTimeout(resolve, 800));
    const clip = await recorder.stop();
    pickFiles(el, [new File([clip.blob], 'flicker.webm', { type: 'video/webm' })]);
    await uploaded(el, 1);
    part(el, 'send-button').click();
    const stored = await waitFor(
      () => agent.conversation(conversationId)?.messages.find((m) => m.attachments?.[0]?.name === 'flicker.webm'),
      'the agent to receive the clip',
    );
    const video = stored.attachments?.[0];
    expect(`${video?.kind} ${video?.width}x${video?.height}`).to.equal('video 640x480');
    expect(video?.posterUrl?.startsWith('/uploads/')).to.equal(true);
  });

  it('stops by itself at the maximum length', async () => {
    let limited = 0;
    const recorder = await ClipRecorder.start('audio', { maxMs: 400, onLimit: () => limited++ });
    await waitFor(() => limited === 1, 'the limit to be reached', 3000);
    const recording = await recorder.stop();
    expect(recording.durationMs <= 400 && recording.durationMs >= 350).to.equal(true);
    expect(recording.blob.size > 0).to.equal(true);
    expect(recorder.stream.getTracks().every((track) => track.readyState === 'ended')).to.equal(true);
  });
});
