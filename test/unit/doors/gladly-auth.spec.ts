import { HubException } from '../../../src/common/problem';
import { GladlyDoorSchema } from '../../../src/doors/doors.schema';
import { authorizeGladly } from '../../../src/doors/gladly/gladly-auth';
import { gladlySignature } from '../../support/gladly-signer';

const NOW = new Date('2026-12-03T10:00:00Z');
const BODY = '{"lookupLevel":"BASIC","query":{}}';
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const request = (headers: Record<string, string>) => ({
  method: 'POST',
  path: '/v1/doors/gladly/lookup',
  query: '',
  rawBody: Buffer.from(BODY),
  headers,
});
const signed = (secret: string) =>
  gladlySignature({ secret, time: NOW, path: '/v1/doors/gladly/lookup', body: BODY, headers: {} });

function reason(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(HubException);
    expect((e as HubException).status).toBe(401);
    expect((e as HubException).headers).toEqual({ 'www-authenticate': 'Basic realm="doors/gladly"' });
    return (e as HubException).extensions?.reason as string;
  }
}

describe('who may use the Gladly door', () => {
  const basicDoor = GladlyDoorSchema.parse({
    basicAuth: { username: 'gladly', password: 'correct-horse-battery' },
  });
  const bothDoor = GladlyDoorSchema.parse({
    signingSecret: 'signing-secret-000001',
    basicAuth: { username: 'gladly', password: 'correct-horse-battery' },
  });

  it('is never open: the config needs a signing secret or Basic credentials', () => {
    expect(GladlyDoorSchema.safeParse({}).error?.issues[0].message).toMatch(/an open door would give anyone/);
    expect(GladlyDoorSchema.safeParse({ basicAuth: { username: 'g', password: 'short' } }).success).toBe(
      false,
    );
  });

  it('with Basic credentials: the right ones pass, wrong or missing ones are 401', () => {
    const auth = (headers: Record<string, string>) => () => authorizeGladly(basicDoor, request(headers), NOW);
    expect(reason(auth({ authorization: basic('gladly', 'correct-horse-battery') }))).toBeUndefined();
    expect(reason(auth({ authorization: basic('gladly', 'correct-horse-batterY') }))).toBe(
      'credentials_invalid',
    );
    expect(reason(auth({ authorization: basic('gladlY', 'correct-horse-battery') }))).toBe(
      'credentials_invalid',
    );
    expect(reason(auth({ authorization: 'Bearer demo-helpdesk-key' }))).toBe('credentials_missing');
    expect(reason(auth({}))).toBe('credentials_missing');
  });

  it('with both set, both are required', () => {
    const auth = (headers: Record<string, string>) => () => authorizeGladly(bothDoor, request(headers), NOW);
    const credentials = { authorization: basic('gladly', 'correct-horse-battery') };
    expect(reason(auth({ ...credentials, ...signed('signing-secret-000001') }))).toBeUndefined();
    expect(reason(auth(credentials))).toBe('signature_missing');
    expect(reason(auth({ ...credentials, ...signed('another-secret-0000001') }))).toBe('signature_invalid');
    expect(reason(auth(signed('signing-secret-000001')))).toBe('credentials_missing');
  });
});
