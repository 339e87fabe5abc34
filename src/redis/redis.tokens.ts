/** Injection token of the shared ioredis client (key prefix from config.redis.keyPrefix). */
export const REDIS = Symbol('REDIS');
