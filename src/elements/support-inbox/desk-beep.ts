/**
 * The desk's notification sound: a short soft beep made with WebAudio (no sound file to ship or
 * fetch). Browsers let a page play sound only after a user gesture: call `beep()` once from the
 * click that turns the sound on, and later beeps play too.
 */
let context: AudioContext | undefined;

/** Plays one beep (does nothing where WebAudio is missing). */
export function beep(): void {
  const Context = globalThis.AudioContext as typeof AudioContext | undefined;
  if (!Context) return;
  context ??= new Context();
  if (context.state === 'suspended') void context.resume().catch(() => undefined);
  const start = context.currentTime;
  const tone = context.createOscillator();
  const volume = context.createGain();
  tone.frequency.value = 880;
  volume.gain.setValueAtTime(0.0001, start);
  volume.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
  volume.gain.exponentialRampToValueAtTime(0.0001, start + 0.25);
  tone.connect(volume).connect(context.destination);
  tone.start(start);
  tone.stop(start + 0.3);
}
