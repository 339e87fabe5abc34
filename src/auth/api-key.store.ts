import { createHash } from 'node:crypto';
import { type Scope } from './scopes';

export interface ApiKeyPrincipal {
  name: string;
  scopes: ReadonlySet<Scope>;
  /**
   * Names this key's value without revealing it (a prefix of its SHA-256 digest): what a card link
   * keeps, so a key rotated under the same name voids the links the old one made.
   */
  fingerprint: string;
  /** Largest refund per currency this key runs without approval; absent: no limit. */
  refundLimit?: Readonly<Record<string, string>>;
}

/**
 * Keys are held by their SHA-256 digest, so a lookup compares digests (no early-exit timing on
 * the key itself) and the plain keys do not linger in a map.
 */
export class ApiKeyStore {
  private readonly byDigest = new Map<string, ApiKeyPrincipal>();
  private readonly byName = new Map<string, ApiKeyPrincipal>();

  constructor(
    keys: readonly {
      name: string;
      key: string;
      scopes: readonly Scope[];
      refundLimit?: Record<string, string>;
    }[],
  ) {
    for (const k of keys) {
      const principal: ApiKeyPrincipal = {
        name: k.name,
        fingerprint: digest(k.key).slice(0, 32),
        scopes: new Set(k.scopes),
        ...(k.refundLimit ? { refundLimit: k.refundLimit } : {}),
      };
      this.byDigest.set(digest(k.key), principal);
      this.byName.set(k.name, principal);
    }
  }

  /** The key configured under this name now (gone once it is removed from the config). */
  named(name: string): ApiKeyPrincipal | undefined {
    return this.byName.get(name);
  }

  find(key: string): ApiKeyPrincipal | undefined {
    return this.byDigest.get(digest(key));
  }

  static allows(principal: ApiKeyPrincipal, required: readonly Scope[]): boolean {
    return principal.scopes.has('admin') || required.some((s) => principal.scopes.has(s));
  }
}

function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
