/**
 * `<support-call>` in voice calls and with torch and zoom help: two real `SupportClient`s on the
 * real relay, real WebRTC, each with a `<support-call>` bound to it. The devices go through
 * `calls.mediaDevices` wrappers that record what each `getUserMedia` asked for; in the torch and zoom
 * case the customer's camera is a canvas capture track whose `getCapabilities()` says it has a
 * torch and a zoom (test scaffolding of the browser API: Chromium's fake camera has neither), and
 * whose `applyConstraints()` calls are recorded. Assertions only see strings, numbers and booleans.
 */
import { expect } from '@esm-bundle/chai';
import '../../src/elements/define.js';
import type { SupportClient } from '../../src/core/support-client.js';
import type { SupportCall } from '../../src/elements/support-call/support-call.js';
import { createClient, disposeClients, uniqueId, waitFor } from './support/relay.js';
import { maybePart, part } from './support/shadow.js';

interface Recorded {
  devices: MediaDevices;
  /** What each request asked for: `audio`, `video`, `audio+video`. */
  asked: string[];
  /** The `advanced` constraint sets applied to the camera, as JSON. */
  applied: string[];
}

/** Makes the camera track of a video request. */
type CameraFactory = (recorded: Recorded) => MediaStreamTrack;

/**
 * The browser's devices behind a recording wrapper. `camera` makes the camera of video requests
 * (the microphone still comes from the fake device); `refuseVideo` refuses them as a browser would.
 */
function recordedDevices(options: { camera?: CameraFactory; refuseVideo?: boolean } = {}): Recorded {
  const real = navigator.mediaDevices;
  const recorded: Recorded = { devices: real, asked: [], applied: [] };
  const getUserMedia = async (constraints: MediaStreamConstraints = {}): Promise<MediaStream> => {
    recorded.asked.push(['audio', 'video'].filter((kind) => constraints[kind as keyof MediaStreamConstraints]).join('+'));
    if (constraints.video && options.refuseVideo) throw new DOMException('Permission denied', 'NotAllowedError');
    if (!constraints.video || !options.camera) return real.getUserMedia(constraints);
    const microphone = constraints.audio ? (await real.getUserMedia({ audio: constraints.audio })).getAudioTracks() : [];
    return new MediaStream([options.camera(recorded), ...microphone]);
  };
  recorded.devices = {
    getUserMedia,
    enumerateDevices: () => real.enumerateDevices(),
    addEventListener: real.addEventListener.bind(real),
    removeEventListener: real.removeEventListener.bind(real),
  } as unknown as MediaDevices;
  return recorded;
}

/**
 * A camera with a torch and a 1–4× zoom, as a phone's rear camera reports them: a canvas capture
 * track with those capabilities, whose `applyConstraints()` is recorded (and succeeds, as a phone's would).
 */
const torchCamera: CameraFactory = (recorded) => {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  const context = canvas.getContext('2d');
  const paint = (): void => {
    if (!context) return;
    context.fillStyle = `hsl(${Date.now() % 360} 70% 50%)`;
    context.fillRect(0, 0, canvas.width, canvas.height);
  };
  paint();
  const timer = setInterval(paint, 50);
  const track = canvas.captureStream(20).getVideoTracks()[0];
  if (!track) throw new Error('no canvas track');
  track.addEventListener('ended', () => clearInterval(timer));
  const capabilities = track.getCapabilities.bind(track);
  track.getCapabilities = () => ({ ...capabilities(), torch: true, zoom: { min: 1, max: 4, step: 0.5 } }) as MediaTrackCapabilities;
  track.applyConstraints = (constraints?: MediaTrackConstraints) => {
    recorded.applied.push(JSON.stringify(constraints?.advanced ?? []));
    return Promise.resolve();
  };
  const stop = track.stop.bind(track);
  track.stop = () => {
    clearInterval(timer);
    stop();
  };
  return track;
};

function callFor(client: SupportClient, conversationId: string): SupportCall {
  const call = document.createElement('support-call');
  call.client = client;
  call.conversationId = conversationId;
  document.body.append(call);
  return call;
}

const errors: string[] = [];

async function connectedCall(
  video: boolean,
  customerDevices: Recorded,
  agentDevices: Recorded,
): Promise<{ customer: SupportClient; agent: SupportClient; atCustomer: SupportCall; atAgent: SupportCall }> {
  const agent = createClient('agent', uniqueId('agent'), 'Bo', { mediaDevices: agentDevices.devices });
  await agent.connect();
  const customer = createClient('customer', uniqueId('cust'), 'Ada', { mediaDevices: customerDevices.devices });
  await customer.connect();
  const conversationId = await waitFor(() => customer.primaryConversationId, 'the customer conversation');
  const atCustomer = callFor(customer, conversationId);
  const atAgent = callFor(agent, conversationId);
  for (const call of [atCustomer, atAgent]) {
    call.addEventListener('support-error', (event) => errors.push((event as CustomEvent<{ code: string }>).detail.code));
  }
  await atCustomer.start({ video });
  const accept = await waitFor(() => maybePart(atAgent, 'accept-button'), 'the agent to ring', 10_000);
  accept.click();
  await waitFor(() => atCustomer.view === 'connected' && atAgent.view === 'connected', 'both sides connected', 20_000);
  return { customer, agent, atCustomer, atAgent };
}

const text = (element: HTMLElement | null): string => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<support-call>: voice calls, turning video on, torch and zoom (real relay, real WebRTC)', function () {
  this.timeout(60_000);

  afterEach(() => {
    for (const call of document.querySelectorAll('support-call')) call.remove();
    disposeClients();
    errors.length = 0;
  });

  it('a voice call opens no camera, shows name cards, and becomes video when the customer turns the camera on', async () => {
    const customerDevices = recordedDevices();
    const agentDevices = recordedDevices();
    const { agent, atCustomer, atAgent } = await connectedCall(false, customerDevices, agentDevices);
    expect(customerDevices.asked, 'the caller: microphone only').to.deep.equal(['audio']);
    expect(agentDevices.asked, 'the callee: microphone only').to.deep.equal(['audio']);
    for (const call of [atCustomer, atAgent]) {
      await waitFor(() => maybePart(call, 'voice-stage'), 'the name card');
      expect(part(call, 'camera-button').getAttribute('aria-pressed'), 'the camera is off').to.equal('true');
      expect(maybePart(call, 'switch-camera-button'), 'no camera to switch').to.equal(null);
    }
    expect(text(part(atAgent, 'voice-stage')), "the agent's card names the customer").to.equal('A Ada');
    expect(part(atAgent, 'voice-stage').getAttribute('aria-label')).to.equal('Ada: voice only, no video');
    expect(maybePart(atAgent, 'camera-help'), "Chromium's fake camera reports no torch or zoom").to.equal(null);
    const summary = new Promise<boolean>((resolve) => agent.calls.on('summary', (ended) => resolve(ended.video)));

    part(atCustomer, 'camera-button').click();
    await waitFor(() => customerDevices.asked.includes('video'), 'the camera to be opened on demand');
    await waitFor(() => part(atCustomer, 'camera-button').getAttribute('aria-pressed') === 'false', 'the camera button to show it on');
    await waitFor(() => !maybePart(atAgent, 'voice-stage'), 'the agent to leave the name card for the video', 10_000);
    const remote = part<HTMLVideoElement>(atAgent, 'remote-video');
    await waitFor(() => remote.videoWidth > 0, "the customer's video at the agent", 10_000);
    expect(atAgent.view).to.equal('connected');

    part(atCustomer, 'camera-button').click();
    await waitFor(() => maybePart(atAgent, 'voice-stage'), 'the name card again once the camera is off', 10_000);
    part(atCustomer, 'camera-button').click();
    await waitFor(() => !maybePart(atAgent, 'voice-stage'), 'the video again once the camera is back on', 10_000);
    expect(customerDevices.asked.filter((kind) => kind === 'video').length, 'turned on again, the same camera: no second request').to.equal(1);

    part(atAgent, 'hangup-button').click();
    expect(await summary, 'the summary says video: the call carried video').to.equal(true);
    expect(errors).to.deep.equal([]);
  });

  it('a refused camera leaves the voice call going, with the camera-denied notice', async () => {
    const customerDevices = recordedDevices({ refuseVideo: true });
    const { atCustomer } = await connectedCall(false, customerDevices, recordedDevices());
    part(atCustomer, 'camera-button').click();
    await waitFor(() => errors.includes('camera-denied'), 'a camera-denied error');
    await atCustomer.updateComplete;
    expect(text(part(atCustomer, 'notice'))).to.match(/the call goes on with voice only/);
    expect(part(atCustomer, 'camera-button').getAttribute('aria-pressed')).to.equal('true');
    expect(atCustomer.view).to.equal('connected');
    expect(maybePart(atCustomer, 'voice-stage') !== null).to.equal(true);
  });

  it('torch and zoom: the agent sees the buttons, the customer sees what was asked and allows or refuses', async () => {
    const customerDevices = recordedDevices({ camera: torchCamera });
    const { atCustomer, atAgent } = await connectedCall(true, customerDevices, recordedDevices());
    await waitFor(() => maybePart(atAgent, 'camera-help'), "the agent's torch and zoom buttons", 10_000);
    expect(maybePart(atCustomer, 'camera-help'), 'the customer asks nothing of the agent').to.equal(null);
    const torch = part(atAgent, 'torch-button');
    expect(torch.getAttribute('aria-pressed')).to.equal('false');
    expect(torch.getAttribute('aria-label')).to.equal('Torch');
    expect(part<HTMLButtonElement>(atAgent, 'zoom-out-button').disabled, 'at 1× there is nothing to zoom out').to.equal(true);

    torch.click();
    const request = await waitFor(() => maybePart(atCustomer, 'camera-request'), 'the customer to be asked', 10_000);
    expect(text(request)).to.match(/^Bo asks to turn on your camera’s torch\./);
    expect(customerDevices.applied, 'nothing is applied before the customer allows').to.deep.equal([]);
    expect(text(part(atAgent, 'camera-help'))).to.match(/Asked Ada/);
    part(atCustomer, 'allow-button').click();
    await waitFor(() => customerDevices.applied.length === 1, 'the torch to be applied');
    expect(customerDevices.applied).to.deep.equal(['[{"torch":true}]']);
    await waitFor(() => /Ada allowed it\./.test(text(maybePart(atAgent, 'camera-help'))), 'the agent to hear the answer', 10_000);
    await waitFor(() => part(atAgent, 'torch-button').getAttribute('aria-pressed') === 'true', 'the torch shown on');
    expect(maybePart(atCustomer, 'camera-request'), 'the prompt goes once answered').to.equal(null);

    part(atAgent, 'zoom-in-button').click();
    const zoom = await waitFor(() => maybePart(atCustomer, 'camera-request'), 'the zoom request', 10_000);
    expect(text(zoom)).to.match(/^Bo asks to zoom your camera in to 2×\./);
    part(atCustomer, 'refuse-button').click();
    await waitFor(() => /Ada refused\./.test(text(maybePart(atAgent, 'camera-help'))), 'the agent to hear the refusal', 10_000);
    expect(customerDevices.applied, 'a refused request changes nothing').to.deep.equal(['[{"torch":true}]']);
    expect(errors).to.deep.equal([]);
  });
});
