/** What compiled mapping nodes are made of, shared by the compile-* files. */
import { type CompiledTable } from './compile-post';
import { type Scope } from './path';
import { type FieldSpec } from './mapping.schema';

/** A value an `expr` field will have once its JSONata evaluation settles. */
export class Deferred {
  constructor(readonly promise: Promise<unknown>) {}
}

export interface Pending {
  deferred: Deferred;
  holder: Record<string, unknown> | unknown[];
  key: string | number;
}
/** A compiled field: synchronous unless it (or a child) is an `expr`, whose value arrives as a Deferred. */

/** A compiled field: synchronous unless it (or a child) is an `expr`, whose value arrives as a Deferred. */
export type Node = ((scope: Scope, pending: Pending[]) => unknown) & { mayDefer?: boolean };

/** Marks nodes that can return a Deferred, so their parents check for one and the rest do not. */

/** Marks nodes that can return a Deferred, so their parents check for one and the rest do not. */
export function deferring<N extends Node>(node: N): N {
  node.mayDefer = true;
  return node;
}

export const NO_PENDING: Pending[] = [];

export const identity = (v: unknown) => v;

export interface UnknownValueEvent {
  mapping: string;
  field: string;
  table: string;
  value: string;
}

export interface CompileOptions {
  /** "shopify/order": names the mapping in errors and unknown-value events. */
  name: string;
  onUnknown: (event: UnknownValueEvent) => void;
  /** The region the `phone` transform reads numbers written without their country in (`phones.defaultRegion`). */
  phoneRegion?: string;
}

/** Thrown with the dotted field path; the registry adds the file name. */

export interface Ctx extends CompileOptions {
  tables: Map<string, CompiledTable>;
  /**
   * The compiler's own entry points (mapping.compiler.ts), for the parts that compile nested
   * fields (lists, `when` tests): handed down here so they need not import the compiler back.
   */
  field(spec: FieldSpec, field: string, ctx: Ctx): Node;
  object(fields: Record<string, FieldSpec>, prefix: string, ctx: Ctx): Node;
}

/** Thrown with the dotted field path; the registry adds the file name. */
export class FieldCompileError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
