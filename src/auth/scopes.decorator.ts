import { SetMetadata } from '@nestjs/common';
import { type HubConfig } from '../config/config.schema';
import { type Scope } from './scopes';

export const SCOPES_KEY = 'hub:scopes';
export const PUBLIC_KEY = 'hub:public';
export const PUBLIC_IF_KEY = 'hub:public-if';

/** The scope a route needs (any one of them). `admin` satisfies every scope. */
export const RequireScopes = (...scopes: Scope[]) => SetMetadata(SCOPES_KEY, scopes);

/** A route load balancers and people call without a key (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** A route the configuration may open to callers without a key (e.g. /metrics for a scraper). */
export const PublicIf = (predicate: (config: HubConfig) => boolean) => SetMetadata(PUBLIC_IF_KEY, predicate);
