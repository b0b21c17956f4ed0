/**
 * Plain HTTP against the relay for the reliability suite: requests with the path and headers
 * exactly as written (node:http, no normalisation), answers with every header kept.
 */
import { request } from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  json(): unknown;
}

export function httpRequest(
  baseUrl: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string; timeoutMs?: number },
): Promise<HttpAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const method = options.method ?? 'GET';
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: options.path, method, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body.toString('utf8')) as unknown });
      });
    });
    req.setTimeout(options.timeoutMs ?? 5000, () => req.destroy(new Error(`no answer to ${method} ${options.path}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** `POST /uploads` of `body` to a conversation with a bearer token. */
export function upload(baseUrl: string, token: string, conversationId: string, body: Buffer, name = 'photo.png'): Promise<HttpAnswer> {
  return httpRequest(baseUrl, {
    method: 'POST',
    path: `/uploads?conversationId=${encodeURIComponent(conversationId)}&name=${encodeURIComponent(name)}`,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream', 'Content-Length': String(body.byteLength) },
    body,
  });
}
