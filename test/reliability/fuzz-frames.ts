/**
 * Generates hostile client frames for the protocol fuzzer, from a seeded random source:
 * random bytes (binary frames), broken JSON, JSON that is not an object, deep nesting, huge
 * strings, and valid frames of every type with fields removed, retyped, oversized or added.
 * Every frame stays below the socket's hard limit (1 MiB) so that each one reaches the parser.
 */

/** One frame to send: text, or bytes sent as a binary frame. */
export type FuzzFrame = { text: string } | { binary: Buffer };

/** What the generator knows about the connection it fuzzes. */
export interface FuzzTarget {
  /** A conversation the connection's user may use. */
  own: string;
  /** A conversation of someone else (or of another shop). */
  foreign: string;
  /** A valid token (for mutated hellos). */
  token: string;
}

export type Random = () => number;

const CATEGORY_WEIGHTS: Array<[Category, number]> = [
  ['binary', 6],
  ['broken-json', 10],
  ['not-object', 6],
  ['deep', 4],
  ['huge', 2],
  ['mutated', 55],
  ['valid', 10],
  ['weird-type', 4],
];

export type Category = 'binary' | 'broken-json' | 'not-object' | 'deep' | 'huge' | 'mutated' | 'valid' | 'weird-type';

const TOTAL_WEIGHT = CATEGORY_WEIGHTS.reduce((n, [, w]) => n + w, 0);

function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function int(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Pools filled once (from a fixed seed) and sliced at random offsets: generating must not be the bottleneck. */
const POOL_SIZE = 1 << 16;
const BYTE_POOL = (() => {
  const r = mulberry(0x5eed);
  const bytes = Buffer.alloc(POOL_SIZE);
  for (let i = 0; i < POOL_SIZE; i += 1) bytes[i] = Math.floor(r() * 256);
  return bytes;
})();
const TEXT_POOL = (() => {
  const r = mulberry(0x7e57);
  const chars = [...'abcXYZ019{}[]":,\\ \n\t\u0000\u00e9\u4e2d\u{1f600}<>&\'/'];
  let text = '';
  for (let i = 0; i < 4096; i += 1) text += chars[Math.floor(r() * chars.length)] ?? 'a';
  return text;
})();
const DEEP_DEPTHS = [40, 100, 1000, 5000, 10_000, 30_000] as const;
const DEEP_ARRAYS = new Map(DEEP_DEPTHS.map((d) => [d, '['.repeat(d) + ']'.repeat(d)]));
const DEEP_OBJECTS = new Map(DEEP_DEPTHS.filter((d) => d <= 10_000).map((d) => [d, '{"a":'.repeat(d) + '1' + '}'.repeat(d)]));
const DEEP_VALUES = [40, 100, 1000].map((d) => JSON.parse(DEEP_ARRAYS.get(d as (typeof DEEP_DEPTHS)[number]) ?? '[]') as unknown);
const HUGE_BODIES = [66_000, 70_000, 100_000, 300_000].map((n) => 'z'.repeat(n));
const LONG_STRINGS = [129, 300, 4001, 9000].map((n) => 'y'.repeat(n));

function mulberry(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBytes(random: Random, length: number): Buffer {
  const start = Math.floor(random() * (POOL_SIZE - length));
  return BYTE_POOL.subarray(start, start + length);
}

function randomText(random: Random, length: number): string {
  const start = Math.floor(random() * (TEXT_POOL.length - length));
  return TEXT_POOL.slice(start, start + length);
}

function deepArray(random: Random): string {
  return DEEP_ARRAYS.get(pick(random, DEEP_DEPTHS)) ?? '[]';
}

function deepObject(random: Random): string {
  return DEEP_OBJECTS.get(pick(random, [40, 100, 1000, 5000, 10_000] as const)) ?? '{}';
}

/** Odd values a field can be swapped for. */
function oddValue(random: Random): unknown {
  const choices: Array<() => unknown> = [
    () => null,
    () => true,
    () => 0,
    () => -1,
    () => 1.5,
    () => 2 ** 53 + 2,
    () => -(2 ** 60),
    () => 1e308,
    () => '',
    () => ' ',
    () => pick(random, LONG_STRINGS),
    () => '\u0000',
    () => '\ud800',
    () => '<img src=x onerror=alert(1)>',
    () => '../../../../etc/passwd',
    () => 'javascript:alert(1)',
    () => '__proto__',
    () => [],
    () => [1, 'two', null],
    () => ({}),
    () => JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as unknown,
    () => pick(random, DEEP_VALUES),
    () => randomText(random, int(random, 1, 40)),
  ];
  return pick(random, choices)();
}

/** One valid frame of each type for the target. */
function templates(target: FuzzTarget, random: Random): Array<Record<string, unknown>> {
  const id = `fz-${Math.floor(random() * 1e12).toString(36)}`;
  return [
    { type: 'send', clientMsgId: id, conversationId: target.own, kind: 'text', body: `fuzz ${id}` },
    {
      type: 'send',
      clientMsgId: `${id}-a`,
      conversationId: target.own,
      kind: 'text',
      body: 'with attachment',
      attachments: [{ id: 'att1', kind: 'image', mime: 'image/png', size: 10, name: 'a.png', url: 'https://example.invalid/a.png' }],
      context: { sku: 'SKU-1', url: 'https://shop.invalid/p' },
    },
    { type: 'typing', conversationId: target.own, typing: true },
    { type: 'receipt', conversationId: target.own, kind: 'read', upTo: int(random, 0, 50) },
    { type: 'history', requestId: id, conversationId: target.own, limit: int(random, 1, 20) },
    { type: 'context', conversationId: target.own, context: { sku: 'SKU-2', serial: 'SN', orderId: 'O-1' } },
    { type: 'signal', conversationId: target.own, callId: id, action: 'ice', payload: { candidate: 'a=candidate', sdpMid: '0' } },
    { type: 'ping', id },
    { type: 'hello', token: target.token, resume: { [target.own]: 0 } },
  ];
}

function mutate(frame: Record<string, unknown>, target: FuzzTarget, random: Random): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...frame };
  const keys = Object.keys(copy);
  const rounds = int(random, 1, 3);
  for (let i = 0; i < rounds; i += 1) {
    const key = pick(random, keys);
    switch (int(random, 0, 7)) {
      case 0:
        delete copy[key];
        break;
      case 1:
        copy[key] = oddValue(random);
        break;
      case 2:
        copy[pick(random, ['extra', '__proto__', 'constructor', 'fatal', 'seq', 'from', 'at'])] = oddValue(random);
        break;
      case 3:
        copy['conversationId'] = pick(random, [target.foreign, 'c-does-not-exist', target.own.toUpperCase(), `${target.own} `, LONG_STRINGS[0]]);
        break;
      case 4:
        copy['type'] = pick(random, ['Send', 'SEND', ' send', 'welcome', 'ack', 'message', 'error', '', 'hello\u0000', 'constructor', '__proto__', 'toString']);
        break;
      case 5:
        if (typeof copy[key] === 'string') copy[key] = `${copy[key] as string}${randomText(random, int(random, 1, 20))}`;
        else copy[key] = String(copy[key]);
        break;
      case 6:
        copy['payload'] = pick(random, DEEP_VALUES);
        break;
      default:
        copy['attachments'] = pick(random, [
          [{ id: 'x', kind: 'image', mime: 'image/png', size: 1, name: 'x', url: '/uploads/not-yours-0123456789' }],
          [{ id: 'x', kind: 'file', mime: 'text/html', size: 1, name: '<b>x</b>.html', url: 'javascript:alert(1)' }],
          Array.from({ length: 11 }, () => ({ id: 'x' })),
          'not a list',
        ]);
    }
  }
  return copy;
}

/** The next hostile frame for `target`, and which kind it is. */
export function fuzzFrame(random: Random, target: FuzzTarget): { category: Category; frame: FuzzFrame } {
  let roll = random() * TOTAL_WEIGHT;
  let category: Category = 'mutated';
  for (const [name, weight] of CATEGORY_WEIGHTS) {
    roll -= weight;
    if (roll < 0) {
      category = name;
      break;
    }
  }
  switch (category) {
    case 'binary': {
      const valid = JSON.stringify(pick(random, templates(target, random)));
      const frame = random() < 0.5 ? randomBytes(random, int(random, 0, 600)) : Buffer.concat([Buffer.from(valid), randomBytes(random, int(random, 1, 8))]);
      return { category, frame: { binary: frame } };
    }
    case 'broken-json': {
      const valid = JSON.stringify(pick(random, templates(target, random)));
      const broken = pick(random, [
        () => valid.slice(0, int(random, 0, valid.length - 1)),
        () => valid.replace(/"/g, "'"),
        () => `${valid},`,
        () => valid.replace(':', ''),
        () => randomText(random, int(random, 1, 300)),
        () => '{"type":"send","body":"\\ud800\\',
        () => 'NaN',
        () => '{"type":"send"}}}}',
      ])();
      return { category, frame: { text: broken } };
    }
    case 'not-object':
      return { category, frame: { text: pick(random, ['null', 'true', '0', '-1e999', '"send"', '[]', '[{"type":"send"}]', '""', '1'.repeat(400)]) } };
    case 'deep': {
      const roll = random();
      if (roll < 0.35) return { category, frame: { text: deepArray(random) } };
      if (roll < 0.7) return { category, frame: { text: deepObject(random) } };
      // Deep JSON inside a frame the server relays: it must be refused, not overflow the stack when re-serialised.
      const payload = random() < 0.5 ? deepArray(random) : deepObject(random);
      const signal = JSON.stringify({ type: 'signal', conversationId: target.own, callId: 'deep', action: 'state' });
      return { category, frame: { text: `${signal.slice(0, -1)},"payload":${payload}}` } };
    }
    case 'huge': {
      const frame = pick(random, templates(target, random));
      return { category, frame: { text: JSON.stringify({ ...frame, body: pick(random, HUGE_BODIES), conversationId: target.own }) } };
    }
    case 'valid':
      return { category, frame: { text: JSON.stringify(pick(random, templates(target, random))) } };
    case 'weird-type':
      return { category, frame: { text: JSON.stringify({ type: oddValue(random), conversationId: target.own }) } };
    case 'mutated':
      return { category, frame: { text: JSON.stringify(mutate(pick(random, templates(target, random)), target, random)) } };
  }
}
