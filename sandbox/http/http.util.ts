import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type VendorReply } from '../vendors/vendor.adapter';

export class BodyTooLargeError extends Error {}

/** Reads the whole request body as UTF-8 (the sandbox only takes small JSON bodies). */
export function readBody(req: IncomingMessage, limitBytes = 1_048_576): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        reject(new BodyTooLargeError());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, reply: VendorReply): void {
  if (res.destroyed || res.headersSent) return;
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
  res.end(body);
}

/** A reply whose body stops halfway: valid HTTP, invalid JSON (the "malformed" fault). */
export function truncate(reply: VendorReply): VendorReply {
  const cut = Math.max(1, Math.floor(reply.body.length / 2));
  return { ...reply, status: 200, body: reply.body.slice(0, cut) };
}
