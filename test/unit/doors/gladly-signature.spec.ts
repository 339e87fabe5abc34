import { WebhookRejected } from '../../../src/connectors/webhook-signature';
import { gladlyTimeMs, verifyGladlySignature } from '../../../src/doors/gladly/gladly-signature';
import { gladlySignature } from '../../support/gladly-signer';

/**
 * A DETAILED lookup as Gladly sends it, signed with the key "test-apikey-1" by an implementation
 * other than ours (the vector published with the open-source spree_gladly verifier's tests): the
 * verifier must accept it byte for byte.
 */
const VECTOR = {
  method: 'POST',
  path: '/api/v1/customers/lookup',
  query: '',
  rawBody: Buffer.from(
    '{"lookupLevel":"DETAILED","query":{"emails":"martha.williams@gmail.com","externalCustomerId":"1","favoriteDate":"2018-08-19T07:00:00.000Z","favoriteFood":"Apple Pie","id":"o2sg-TMTSD2rTwMuxzewbA","name":"Martha Williams","phones":["+15013299800"]},"uniqueMatchRequired":true}',
  ),
  headers: {
    accept: 'application/json',
    'content-type': 'application/json',
    'gladly-correlation-id': 'vXmSEPjVSWCaCMzvjufxZg',
    'x-b3-traceid': 'bd799210f8d549609a08ccef8ee7f166',
    'gladly-time': '20190213T214016Z',
    'gladly-authorization':
      'SigningAlgorithm=hmac-sha256, SignedHeaders=accept;content-type;gladly-correlation-id;gladly-time;x-b3-traceid, Signature=bff5769eee99a6d1d12795b7d4866da43a508ac6c4ca014933f482ef44684d4a',
  } as Record<string, string | undefined>,
};
const SIGNED_AT = new Date('2019-02-13T21:40:16Z');
const KEY = 'test-apikey-1';

function rejection(run: () => void): { code: string; message: string } {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(WebhookRejected);
    return { code: (e as WebhookRejected).code, message: (e as Error).message };
  }
  throw new Error('the request was accepted');
}

describe("Gladly's request signature", () => {
  it('reads Gladly-Time as UTC', () => {
    expect(gladlyTimeMs('20190213T214016Z')).toBe(SIGNED_AT.getTime());
    expect(gladlyTimeMs('2019-02-13T21:40:16Z')).toBeNaN();
  });

  it('accepts the published example, within the tolerance either side of its time', () => {
    for (const offset of [0, 299_000, -299_000]) {
      expect(() =>
        verifyGladlySignature(VECTOR, KEY, new Date(SIGNED_AT.getTime() + offset), 300),
      ).not.toThrow();
    }
  });

  it.each([
    [
      'forged: another key',
      () => verifyGladlySignature(VECTOR, 'test-apikey-different', SIGNED_AT, 300),
      'signature_invalid',
    ],
    [
      'stale: signed 301 s before now',
      () => verifyGladlySignature(VECTOR, KEY, new Date(SIGNED_AT.getTime() + 301_000), 300),
      'timestamp_stale',
    ],
    [
      'tampered body (one byte)',
      () =>
        verifyGladlySignature(
          { ...VECTOR, rawBody: Buffer.from(VECTOR.rawBody.toString().replace('Apple', 'apple')) },
          KEY,
          SIGNED_AT,
          300,
        ),
      'signature_invalid',
    ],
    [
      'tampered signed header',
      () =>
        verifyGladlySignature(
          { ...VECTOR, headers: { ...VECTOR.headers, 'x-b3-traceid': 'ffff' } },
          KEY,
          SIGNED_AT,
          300,
        ),
      'signature_invalid',
    ],
    [
      'another path',
      () => verifyGladlySignature({ ...VECTOR, path: '/v1/doors/gladly/lookup' }, KEY, SIGNED_AT, 300),
      'signature_invalid',
    ],
    [
      'unsigned',
      () =>
        verifyGladlySignature(
          { ...VECTOR, headers: { ...VECTOR.headers, 'gladly-authorization': undefined } },
          KEY,
          SIGNED_AT,
          300,
        ),
      'signature_missing',
    ],
    [
      'no Gladly-Time',
      () =>
        verifyGladlySignature(
          { ...VECTOR, headers: { ...VECTOR.headers, 'gladly-time': undefined } },
          KEY,
          SIGNED_AT,
          300,
        ),
      'signature_missing',
    ],
    [
      'another algorithm',
      () =>
        verifyGladlySignature(
          {
            ...VECTOR,
            headers: {
              ...VECTOR.headers,
              'gladly-authorization': VECTOR.headers['gladly-authorization']!.replace(
                'hmac-sha256',
                'hmac-sha1',
              ),
            },
          },
          KEY,
          SIGNED_AT,
          300,
        ),
      'signature_invalid',
    ],
  ])('refuses %s', (_what, run, code) => {
    expect(rejection(run).code).toBe(code);
  });

  it('refuses a signature that leaves Gladly-Time unsigned (it could be replayed under a new time)', () => {
    const body = '{"lookupLevel":"BASIC","query":{}}';
    const signed = gladlySignature({
      secret: KEY,
      time: SIGNED_AT,
      path: '/p',
      body,
      headers: { 'content-type': 'application/json' },
    });
    const withoutTime = signed['gladly-authorization'].replace(';gladly-time', '');
    const found = rejection(() =>
      verifyGladlySignature(
        {
          method: 'POST',
          path: '/p',
          query: '',
          rawBody: Buffer.from(body),
          headers: { 'content-type': 'application/json', ...signed, 'gladly-authorization': withoutTime },
        },
        KEY,
        SIGNED_AT,
        300,
      ),
    );
    expect(found).toEqual({
      code: 'signature_invalid',
      message: 'Gladly: Gladly-Time is not among the signed headers',
    });
  });

  it('refuses, not crashes on, a signed-header name that is no header of the request ("constructor")', () => {
    const authorization = VECTOR.headers['gladly-authorization']!.replace(
      'SignedHeaders=accept;',
      'SignedHeaders=accept;constructor;',
    );
    const found = rejection(() =>
      verifyGladlySignature(
        { ...VECTOR, headers: { ...VECTOR.headers, 'gladly-authorization': authorization } },
        KEY,
        SIGNED_AT,
        300,
      ),
    );
    expect(found).toEqual({
      code: 'signature_invalid',
      message: 'Gladly: signed header constructor is missing',
    });
  });

  it("accepts what the tests' own signer produces (the e2e tests play Gladly with it)", () => {
    const body = '{"lookupLevel":"BASIC","query":{"emails":["a@example.com"]},"uniqueMatchRequired":false}';
    const headers = { 'content-type': 'application/json', accept: 'application/json' };
    const signed = gladlySignature({
      secret: KEY,
      time: SIGNED_AT,
      path: '/v1/doors/gladly/lookup',
      body,
      headers,
    });
    expect(() =>
      verifyGladlySignature(
        {
          method: 'POST',
          path: '/v1/doors/gladly/lookup',
          query: '',
          rawBody: Buffer.from(body),
          headers: { ...headers, ...signed },
        },
        KEY,
        SIGNED_AT,
        300,
      ),
    ).not.toThrow();
  });
});
