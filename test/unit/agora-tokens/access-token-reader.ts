/**
 * Test helper: reads an Agora AccessToken2 (`007` + base64(deflate(content))) independently of
 * the `agora-token` package, and checks its signature with the App Certificate. Layout (little
 * endian): signature (uint16 length + bytes), app id (string), issue ts, expire, salt (uint32),
 * service count (uint16), then per service: type (uint16), privileges (uint16 count of
 * uint16 key + uint32 value), and the service's strings (RTC: channel, uid; RTM: user id).
 */
import { createHmac } from 'node:crypto';
import { inflateSync } from 'node:zlib';

export interface DecodedAgoraToken {
  appId: string;
  issueTs: number;
  /** Seconds the token lives after `issueTs`. */
  expire: number;
  salt: number;
  rtc?: { channel: string; uid: string; privileges: Record<number, number> };
  rtm?: { userId: string; privileges: Record<number, number> };
  /** The signature matches the certificate given to `decodeAgoraToken`. */
  signatureValid: boolean;
}

const RTC_SERVICE = 1;
const RTM_SERVICE = 2;

class Reader {
  offset = 0;
  constructor(readonly buffer: Buffer) {}
  uint16(): number {
    const value = this.buffer.readUInt16LE(this.offset);
    this.offset += 2;
    return value;
  }
  uint32(): number {
    const value = this.buffer.readUInt32LE(this.offset);
    this.offset += 4;
    return value;
  }
  bytes(): Buffer {
    const length = this.uint16();
    const value = this.buffer.subarray(this.offset, this.offset + length);
    if (value.length !== length) throw new Error('token truncated');
    this.offset += length;
    return value;
  }
  string(): string {
    return this.bytes().toString('utf8');
  }
  privileges(): Record<number, number> {
    const count = this.uint16();
    const map: Record<number, number> = {};
    for (let i = 0; i < count; i++) map[this.uint16()] = this.uint32();
    return map;
  }
}

function hmac(key: Buffer | string, message: Buffer): Buffer {
  return createHmac('sha256', key).update(message).digest();
}

function uint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value);
  return buffer;
}

/** Decodes `token`; throws when it is not a well-formed AccessToken2. */
export function decodeAgoraToken(token: string, appCertificate: string): DecodedAgoraToken {
  if (!token.startsWith('007')) throw new Error(`not an AccessToken2: ${token.slice(0, 8)}…`);
  const content = inflateSync(Buffer.from(token.slice(3), 'base64'));
  const reader = new Reader(content);
  const signature = reader.bytes();
  const signingInfo = content.subarray(reader.offset);
  const decoded: DecodedAgoraToken = {
    appId: reader.string(),
    issueTs: reader.uint32(),
    expire: reader.uint32(),
    salt: reader.uint32(),
    signatureValid: false,
  };
  const services = reader.uint16();
  for (let i = 0; i < services; i++) {
    const type = reader.uint16();
    const privileges = reader.privileges();
    if (type === RTC_SERVICE) decoded.rtc = { privileges, channel: reader.string(), uid: reader.string() };
    else if (type === RTM_SERVICE) decoded.rtm = { privileges, userId: reader.string() };
    else throw new Error(`unexpected service type ${type}`);
  }
  if (reader.offset !== content.length) throw new Error('trailing bytes in token');
  // As agora-token: HMAC keyed by the issue time over the certificate, then keyed by the salt.
  const signing = hmac(uint32(decoded.salt), hmac(uint32(decoded.issueTs), Buffer.from(appCertificate)));
  decoded.signatureValid = hmac(signing, signingInfo).equals(signature);
  return decoded;
}
