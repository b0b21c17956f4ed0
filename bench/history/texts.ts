/**
 * Deterministic, realistic support-chat texts for a seeded conversation: a customer and an agent
 * alternating in runs, 20 to 300 characters, a link now and then (links take the linkify path).
 */

const CUSTOMER = [
  'The screen flickers when the charger is plugged in.',
  'How do I pair the earbuds with my laptop?',
  'Where is my repair? Order #100234.',
  'It started after the last update, I think.',
  'Yes, I tried restarting it twice.',
  'The battery drops from 80% to 20% in an hour.',
  'Here is the serial number: VX12P-8F3K2Q',
  'Thanks, that worked!',
  'No, the light stays orange.',
  'Can I bring it to the shop on Saturday?',
];
const AGENT = [
  'Could you send a photo of the label on the back?',
  'Please hold the power button for 10 seconds and tell me what you see.',
  'I have booked a repair for you; the courier comes tomorrow between 9 and 12.',
  'Here is the pairing guide: https://voltshop.example/help/pairing',
  'That sounds like a faulty cable. Do you have another one to try?',
  'Your repair is on its way back: https://voltshop.example/track/100234',
  'Thanks for waiting. I am checking with the workshop.',
  'Is the device still under warranty? It was bought in 2025, so yes.',
];

/** mulberry32: small, seeded, good enough for picking phrases. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeedText {
  fromAgent: boolean;
  body: string;
}

/** `count` messages, oldest first. */
export function seedTexts(count: number, seed = 7): SeedText[] {
  const next = random(seed);
  const pick = (list: readonly string[]): string => list[Math.floor(next() * list.length)] ?? '';
  const texts: SeedText[] = [];
  let fromAgent = false;
  for (let i = 0; i < count; i += 1) {
    // Runs of one to three messages per side, like a real exchange.
    if (next() < 0.45) fromAgent = !fromAgent;
    const phrases = 1 + Math.floor(next() * 3);
    const body = Array.from({ length: phrases }, () => pick(fromAgent ? AGENT : CUSTOMER)).join(' ');
    texts.push({ fromAgent, body: `${body} (${i + 1})` });
  }
  return texts;
}
