import { SetMetadata } from '@nestjs/common';
import { type Scope } from './scopes';

export const SCOPES_KEY = 'hub:scopes';
export const PUBLIC_KEY = 'hub:public';

/** The scope a route needs (any one of them). `admin` satisfies every scope. */
export const RequireScopes = (...scopes: Scope[]) => SetMetadata(SCOPES_KEY, scopes);

/** A route load balancers and people call without a key (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
