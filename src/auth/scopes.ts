/** docs/api.md (scopes per endpoint). `admin` holds every other scope. */
export const SCOPES = [
  'context:read',
  'shipments:read',
  'actions:write',
  'tasks:read',
  'tasks:write',
  'interfaces:read',
  'admin',
] as const;
export type Scope = (typeof SCOPES)[number];
