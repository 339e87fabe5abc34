import {
  GraphQLError,
  Kind,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';

export interface ParsedDocument {
  document: DocumentNode;
  operations: OperationDefinitionNode[];
  fragments: Map<string, FragmentDefinitionNode>;
}

/**
 * Parsed GraphQL documents by query string. Clients send the same few documents over and over,
 * so parsing once keeps the sandbox cheap under load; syntax errors are cached too. The cache is
 * bounded so a client generating unique queries cannot grow it without limit.
 */
export class DocumentCache {
  private readonly entries = new Map<string, ParsedDocument | GraphQLError>();

  constructor(private readonly maxEntries = 500) {}

  get(query: string): ParsedDocument | GraphQLError {
    let entry = this.entries.get(query);
    if (!entry) {
      entry = parseDocument(query);
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(query, entry);
    }
    return entry;
  }
}

function parseDocument(query: string): ParsedDocument | GraphQLError {
  try {
    const document = parse(query, { noLocation: false });
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const fragments = new Map(
      document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
    );
    return { document, operations, fragments };
  } catch (error) {
    return error instanceof GraphQLError ? error : new GraphQLError(String(error));
  }
}
