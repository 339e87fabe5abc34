import { type ASTNode, type GraphQLError } from 'graphql';

/** One entry of a GraphQL `errors` array, shaped like graphql-ruby (which Shopify runs) prints it. */
export interface GraphqlErrorEntry {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

/** Thrown while executing; the handler turns it into `{ errors: [...] }` with HTTP 200. */
export class GraphqlRequestError extends Error {
  constructor(readonly entry: GraphqlErrorEntry) {
    super(entry.message);
  }

  static at(
    message: string,
    node: ASTNode | undefined,
    path: (string | number)[],
    extensions?: Record<string, unknown>,
  ) {
    const loc = node?.loc;
    return new GraphqlRequestError({
      message,
      ...(loc ? { locations: [{ line: loc.startToken.line, column: loc.startToken.column }] } : {}),
      ...(path.length ? { path } : {}),
      ...(extensions ? { extensions } : {}),
    });
  }

  static fromSyntax(error: GraphQLError): GraphqlRequestError {
    return new GraphqlRequestError({
      message: error.message,
      ...(error.locations
        ? { locations: error.locations.map((l) => ({ line: l.line, column: l.column })) }
        : {}),
    });
  }
}
