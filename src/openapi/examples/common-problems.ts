import { type Problem } from '../../common/problem';

/**
 * Problem documents that many operations answer alike: a body over the size limit or not sent as
 * JSON (Fastify, before any route runs), and a request without an API key (the key guard).
 */

export const PAYLOAD_TOO_LARGE: Problem = {
  type: 'https://context-hub.dev/problems/payload_too_large',
  title: 'Payload too large',
  status: 413,
  detail: 'Request body is too large',
  code: 'payload_too_large',
  requestId: 'fc6a444b-bd0b-43ab-a49a-b0deb0aafe76',
};

export const UNSUPPORTED_MEDIA_TYPE: Problem = {
  type: 'https://context-hub.dev/problems/unsupported_media_type',
  title: 'Unsupported media type',
  status: 415,
  detail: 'Unsupported Media Type',
  code: 'unsupported_media_type',
  requestId: '0b21c100-6f71-411d-b4c2-5896d371f935',
};

export const NO_API_KEY: Problem = {
  type: 'https://context-hub.dev/problems/unauthorized',
  title: 'Unauthorized',
  status: 401,
  detail: 'Send Authorization: Bearer <api key>.',
  code: 'unauthorized',
  requestId: 'ca36cb8a-c04c-4c4a-a242-996e6dee8531',
};

export const MISSING_SCOPE: Problem = {
  type: 'https://context-hub.dev/problems/insufficient_scope',
  title: 'Forbidden',
  status: 403,
  detail: 'API key "demo-bot" lacks the scope context:read.',
  code: 'insufficient_scope',
  requestId: '5d1e0f3a-8a3c-4b7e-9a51-0c2f1d6b7e44',
};

export const RATE_LIMITED: Problem = {
  type: 'https://context-hub.dev/problems/rate_limited',
  title: 'Too Many Requests',
  status: 429,
  detail: 'This API key may make 60 requests per 60 s; try again in 42 s.',
  code: 'rate_limited',
  requestId: '9b7c2e51-3f0d-4a8e-b6c4-2d9e8f1a0b37',
};

/** A customer lookup given both or neither of email and phone. */
export const EITHER_EMAIL_OR_PHONE: Problem = {
  type: 'https://context-hub.dev/problems/invalid_request',
  title: 'Invalid request',
  status: 400,
  detail: 'email: give either email or phone',
  code: 'invalid_request',
  errors: [{ path: 'email', message: 'give either email or phone' }],
  requestId: '6091a8e0-e18e-490c-bfc9-5475888bf012',
};
