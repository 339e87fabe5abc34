import { type INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { type HubConfig } from '../config/config.schema';
import { HUB_CONFIG } from '../config/config.tokens';
import { applyExamples } from './apply-examples';
import { botSubset } from './bot-subset';
import { OPERATION_EXAMPLES } from './examples';
import { toOpenApi30 } from './openapi30';
import { addStandardErrors } from './standard-errors';

const DESCRIPTION =
  'One support answer from every back-office system (shop, warehouse, carriers, payments, CRM and help ' +
  'desks): order, customer, shipments with live tracking, payments, cases, flags and what to do next.\n\n' +
  'Authenticate with an API key from the hub config as `Authorization: Bearer <key>`; each operation says ' +
  'the scope it needs. Errors are RFC 9457 `application/problem+json` with a stable `code`. A customer-facing ' +
  'bot or AI agent needs only getShipmentStatus: its own document is at /docs/bots/openapi.json ' +
  '(docs/agents/openapi.md). AI agents that speak MCP use /mcp instead (docs/agents/mcp.md).';

/** The whole API as OpenAPI 3.0, from the same zod schemas that validate the data. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Context Hub')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addServer('/')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      description: 'API key from the hub config (apiKeys[].key)',
    })
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-Card-Token', description: 'the token of a card link' },
      'cardToken',
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'Gladly-Authorization',
        description: "Gladly's request signature over Gladly-Time and the body (doors.gladly.signingSecret)",
      },
      'gladlySignature',
    )
    .addBasicAuth({ type: 'http', scheme: 'basic', description: 'doors.gladly.basicAuth' }, 'gladlyBasic')
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-Body-Signature',
        description: 'HMAC-SHA256 of the body with doors.intercom.clientSecret',
      },
      'intercomSignature',
    )
    .addSecurityRequirements('bearer')
    .build();
  const document = toOpenApi30(cleanupOpenApiDoc(SwaggerModule.createDocument(app, config)));
  document.info.license = {
    name: 'UNLICENSED',
    url: 'https://docs.npmjs.com/cli/v11/configuring-npm/package-json#license',
  };
  // A problem may carry members of its own (a 503's sources, a 409's actionId): zod's catchall.
  const problem = document.components?.schemas?.Problem as { additionalProperties?: unknown } | undefined;
  if (problem) problem.additionalProperties = true;
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as OperationShape[]) {
      // An operation that names no scheme takes no credential at all (health, vendor webhooks,
      // which prove themselves with their own signatures): say so, rather than inherit bearer.
      op.security ??= [];
    }
  }
  addStandardErrors(document);
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as OperationShape[]) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        // Problems are sent as application/problem+json, whatever the operation's own media type.
        const media = Object.values(response.content ?? {})[0] as { schema?: { $ref?: string } } | undefined;
        if (Number(status) >= 400 && /Problem$/.test(media?.schema?.$ref ?? '')) {
          response.content = { 'application/problem+json': media };
        }
      }
    }
  }
  return applyExamples(document, OPERATION_EXAMPLES);
}

/** A host name or address with an optional port: what a Host header may be for the hub to echo it. */
const HOST = /^([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/;

/**
 * Where the document was fetched from, when no public URL is configured: the Host header, if it
 * is a host at all (else the relative "/"). Behind a TLS proxy this reads http://: set
 * cards.publicUrl or webhooks.publicUrl (docs/agents/openapi.md).
 */
function reachedAt(req: FastifyRequest): string {
  return HOST.test(req.host) ? `${req.protocol}://${req.host}` : '/';
}

interface OperationShape {
  security?: unknown[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

/**
 * /docs (UI), /docs/openapi.json and .yaml; the bot-facing subset at /docs/bots/openapi.json and
 * .yaml. Each names the hub as the address it was fetched from, so an importer calls it there.
 */
export function setupOpenApi(app: INestApplication): void {
  const document = openApiDocument(app);
  const bots = botSubset(document);
  const config = app.get<HubConfig>(HUB_CONFIG);
  const configured = config.cards?.publicUrl ?? config.webhooks.publicUrl;
  const here = (req: FastifyRequest, doc: OpenAPIObject): OpenAPIObject => ({
    ...doc,
    servers: [{ url: configured ?? reachedAt(req) }],
  });
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    patchDocumentOnRequest: (req, _res, doc) => here(req as FastifyRequest, doc),
  });
  SwaggerModule.setup('docs/bots', app, bots, {
    ui: false,
    jsonDocumentUrl: 'docs/bots/openapi.json',
    yamlDocumentUrl: 'docs/bots/openapi.yaml',
    patchDocumentOnRequest: (req, _res, doc) => here(req as FastifyRequest, doc),
  });
}
