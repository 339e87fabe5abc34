import { Readable } from 'node:stream';
import { type ReadableStream as WebReadableStream } from 'node:stream/web';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type AuthInfo, createMcpHandler, type McpHttpHandler } from '@modelcontextprotocol/server';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { projectRoot } from '../common/project-root';
import { type McpCall } from './mcp-tool';
import { McpServers } from './mcp-servers';

const VERSION = (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string })
  .version;

/** Headers about this connection and these bytes, not about the message the SDK reads. */
const HOP_BY_HOP = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/**
 * The request as the SDK reads it. Its address is fixed: the Host header is the client's to write
 * (a malformed one must not make a 500), and the hub checks Origin itself (mcp-origin.hook.ts).
 */
function webRequest(request: FastifyRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name))
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && body !== undefined;
  return new Request(new URL(request.url, 'http://localhost'), {
    method: request.method,
    headers,
    ...(hasBody ? { body } : {}),
  });
}

/** The call rides to the per-request server in the SDK's pass-through auth info. */
function callOf(auth: AuthInfo | undefined): McpCall | undefined {
  return auth?.extra?.call as McpCall | undefined;
}

/**
 * The MCP endpoint, stateless: every HTTP request gets a fresh server from the same factory, for
 * clients of the 2026-07-28 revision (no handshake, no session) and of the 2025 revisions (their
 * initialize, then each call, each answered alone). No session lives in a process, so any hub
 * process behind a load balancer answers any request.
 */
@Injectable()
export class McpEndpoint implements OnModuleDestroy {
  private readonly logger = new Logger('Mcp');
  private readonly handler: McpHttpHandler;

  constructor(@Inject(McpServers) servers: McpServers) {
    this.handler = createMcpHandler((context) => servers.build(callOf(context.authInfo), VERSION), {
      // 2025 clients: each request answered alone by a fresh server (no sessions to lose).
      legacy: 'stateless',
      // responseMode stays 'auto': the tools send nothing before their result, so every answer of
      // the 2026 revision is one JSON body.
      onerror: (error) => this.logger.debug(`refused or failed: ${error.message}`),
    });
  }

  async serve(call: McpCall, reply: FastifyReply): Promise<void> {
    const { request, principal } = call;
    const authInfo: AuthInfo = {
      // The SDK never needs the key itself: the key's fingerprint names it.
      token: principal.fingerprint,
      clientId: principal.name,
      scopes: [...principal.scopes],
      extra: { call },
    };
    const response = await this.handler.fetch(webRequest(request), { authInfo, parsedBody: request.body });
    reply.status(response.status);
    response.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'transfer-encoding') reply.header(name, value);
    });
    await reply.send(response.body ? Readable.fromWeb(response.body as WebReadableStream) : undefined);
  }

  async onModuleDestroy(): Promise<void> {
    await this.handler.close();
  }
}
