import { type OpenAPIObject } from '@nestjs/swagger';

/** The tag of the operations a customer-facing bot or AI agent may call (docs/agents/openapi.md). */
export const BOT_TAG = 'bots';

/**
 * The bot-facing part of the document, on its own, for importing into an agent builder: only
 * the operations tagged `bots`, the schemas they reach and the bearer scheme. Nothing a bot must
 * not call (context with personal data, actions) is in it, so an importer cannot offer it.
 */
export function botSubset(document: OpenAPIObject): OpenAPIObject {
  const paths: OpenAPIObject['paths'] = {};
  for (const [path, item] of Object.entries(document.paths)) {
    const operations = Object.entries(item).filter(
      ([, op]) => typeof op === 'object' && (op as { tags?: string[] }).tags?.includes(BOT_TAG),
    );
    if (operations.length > 0) paths[path] = Object.fromEntries(operations);
  }
  const all = document.components?.schemas ?? {};
  const reached = new Set<string>();
  const follow = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(follow);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const name = value.replace('#/components/schemas/', '');
        if (!reached.has(name)) {
          reached.add(name);
          follow(all[name]);
        }
      } else follow(value);
    }
  };
  follow(paths);
  return {
    ...document,
    info: {
      ...document.info,
      title: `${document.info.title}: order status for bots and AI agents`,
      description:
        'Where is my order? for a customer-facing bot or AI agent: ask the customer for the order number and the ' +
        'email address or postal code on the order, then call getShipmentStatus. The answer holds no personal or ' +
        "payment data; `message` is one sentence in the customer's language, ready to say; when `escalate` is " +
        'true, hand the conversation to a person. Use an API key with only the shipments:read scope.',
    },
    tags: (document.tags ?? []).filter((t) => t.name === BOT_TAG),
    paths,
    components: {
      schemas: Object.fromEntries([...reached].sort().map((name) => [name, all[name]])),
      securitySchemes: { bearer: document.components!.securitySchemes!.bearer },
    },
    security: [{ bearer: [] }],
  };
}
