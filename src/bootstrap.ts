import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type FastifyReply } from 'fastify';
import { Logger as PinoLogger } from 'nestjs-pino';
import { type DestinationStream } from 'pino';
import { guardAdminRoutes } from './admin/admin-auth.hook';
import { QUEUE_BOARD_ROUTE } from './admin/queue-board.module';
import { AppModule } from './app.module';
import { ApiKeyStore } from './auth/api-key.store';
import { auditRequests } from './audit/audit.hook';
import { AuditLog } from './audit/audit.log';
import { problemBody } from './common/problem';
import { requestIdFor } from './common/request-id';
import { type HubConfig } from './config/config.schema';
import { setupOpenApi } from './openapi/openapi.setup';

/** Builds the hub (not yet listening). Shared by main.ts, e2e tests and benchmarks. */
export async function createHub(
  config: HubConfig,
  options: { logs?: boolean; logStream?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    genReqId: requestIdFor,
    bodyLimit: 256 * 1024,
    keepAliveTimeout: 65_000,
    // A long path parameter is bad input our own validation names (400), not a router 414.
    routerOptions: { maxParamLength: 2_048 },
    // Errors Fastify raises before any route runs (a malformed URL...) answer as problems too.
    frameworkErrors: (error: Error, _req: unknown, reply: FastifyReply) => {
      const status = (error as { statusCode?: number }).statusCode ?? 400;
      void reply
        .code(status)
        .type('application/problem+json')
        .send(problemBody(status, 'invalid_request', 'Invalid request', error.message));
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forConfig(config, { quiet: options.logs === false, logStream: options.logStream }),
    adapter,
    {
      // Keeps each JSON body's bytes as req.rawBody (same parser and limits): webhook signatures are over them.
      rawBody: true,
      bufferLogs: true,
      logger: options.logs === false ? false : undefined,
    },
  );
  if (options.logs !== false) app.useLogger(app.get(PinoLogger));
  else Logger.overrideLogger(false);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (req, reply, done) => {
      reply.header('x-request-id', req.id);
      done();
    });
  const fastify = app.getHttpAdapter().getInstance();
  guardAdminRoutes(fastify, QUEUE_BOARD_ROUTE, app.get(ApiKeyStore));
  auditRequests(fastify, app.get(AuditLog));
  app.enableShutdownHooks();
  setupOpenApi(app);
  await app.init();
  return app;
}
