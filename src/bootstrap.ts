import { type DynamicModule, Logger, type NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger as PinoLogger } from 'nestjs-pino';
import pino, { type DestinationStream } from 'pino';
import { guardAdminRoutes } from './admin/admin-auth.hook';
import { QUEUE_BOARD_ROUTE } from './admin/queue-board.module';
import { AppModule } from './app.module';
import { ApiKeyStore } from './auth/api-key.store';
import { auditRequests } from './audit/audit.hook';
import { AuditLog } from './audit/audit.log';
import { type HubConfig } from './config/config.schema';
import { CONNECTOR_DEFINITIONS } from './connectors/connector.list';
import { ConnectorRegistry } from './connectors/connector.registry';
import { serverOptions } from './http/server.options';
import { logRequests } from './logging/access-log';
import { guardMcpOrigin } from './mcp/mcp-origin.hook';
import { HubTracer } from './tracing/hub-tracer';
import { traceRequests } from './tracing/trace-requests.hook';
import { pinoOptions } from './logging/logger.options';
import { setupOpenApi } from './openapi/openapi.setup';

/** How the application is made from the root module: NestFactory.create unless a test says otherwise. */
export type HubFactory = (
  module: DynamicModule,
  adapter: FastifyAdapter,
  options: NestApplicationOptions,
) => Promise<NestFastifyApplication>;

/** Builds the hub (not yet listening). Shared by main.ts, e2e tests and benchmarks. */
export async function createHub(
  config: HubConfig,
  options: {
    logs?: boolean;
    logStream?: DestinationStream;
    /**
     * Tests: build the application from a testing module instead (Test.createTestingModule with
     * the root module imported, providers overridden), with everything else the same.
     */
    factory?: HubFactory;
  } = {},
): Promise<NestFastifyApplication> {
  // The config's one likely mistake, a connector's options, stops the hub with one clear line.
  ConnectorRegistry.check(config.connectors, CONNECTOR_DEFINITIONS);
  const env = options.logs === false ? { ...process.env, LOG_LEVEL: 'silent' } : process.env;
  // The access log: one line per request, however early the server answered it (access-log.ts).
  const accessLog = options.logStream ? pino(pinoOptions(env), options.logStream) : pino(pinoOptions(env));
  const adapter = new FastifyAdapter(serverOptions(config, () => accessLog));
  const factory: HubFactory =
    options.factory ??
    ((module, a, appOptions) => NestFactory.create<NestFastifyApplication>(module, a, appOptions));
  const app = await factory(
    AppModule.forConfig(config, { quiet: options.logs === false, logStream: options.logStream }),
    adapter,
    {
      // Keeps each JSON body's bytes as req.rawBody (same parser and limits): webhook signatures are over them.
      rawBody: true,
      bufferLogs: true,
      // A config or mapping error raised while providers are built reaches the caller (main.ts
      // prints it), instead of Nest aborting the process.
      abortOnError: false,
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
  traceRequests(fastify, app.get(HubTracer));
  logRequests(fastify.server, accessLog);
  guardAdminRoutes(fastify, QUEUE_BOARD_ROUTE, app.get(ApiKeyStore));
  guardMcpOrigin(fastify, config.mcp.allowedOrigins);
  auditRequests(fastify, app.get(AuditLog));
  app.enableShutdownHooks();
  setupOpenApi(app);
  await app.init();
  return app;
}
