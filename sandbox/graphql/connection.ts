/**
 * A GraphQL connection in a vendor view. The projector (graphql.projection.ts) serves its
 * `nodes`, `edges { cursor node }` and `pageInfo`, sliced by the field's `first`/`last` argument,
 * so a view only lists the nodes.
 */
export class Connection<T extends object = object> {
  constructor(
    readonly typename: string,
    readonly nodes: readonly T[],
  ) {}
}
