import { HubException } from '../../../src/common/problem';
import { WebhookRejected } from '../../../src/connectors/webhook-signature';
import { type IntercomDoor } from '../../../src/doors/doors.schema';
import { clickKey, clickRequest } from '../../../src/doors/intercom/intercom-click-action';
import { type DoorState, IntercomRequestSchema } from '../../../src/doors/intercom/intercom-request.schema';
import { authorizeIntercom, verifyIntercomSignature } from '../../../src/doors/intercom/intercom-signature';
import { intercomSignature } from '../../support/intercom-signer';

/**
 * An initialize body (UTF-8, with a non-ASCII name) and its X-Body-Signature under the secret
 * below, computed by other implementations than the hub's (`openssl dgst -sha256 -hmac` and
 * Python's hmac module agree): the verifier must accept these exact bytes.
 */
const VECTOR = {
  secret: 'vector-client-secret-0001',
  body: Buffer.from(
    '{"workspace_id":"ecahpwf5","workspace_region":"us","admin":{"type":"admin","id":"4821","name":"Zoë Ng"},' +
      '"context":{"conversation_id":1234567890123,"location":"conversation","locale":"en"},' +
      '"contact":{"type":"contact","id":"65f0c1","role":"user","email":"benjamin.carter@example.com"}}',
    'utf8',
  ),
  signature: '6c59aca39f03c2db4e1a761f47d2d4b5f10df075d131b898a2764e9dc4a7b196',
};

function rejection(run: () => void): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(WebhookRejected);
    return (e as WebhookRejected).code;
  }
  throw new Error('the request was accepted');
}

describe("Intercom's X-Body-Signature", () => {
  it('accepts the vector signed elsewhere, in upper or lower case hex', () => {
    expect(() =>
      verifyIntercomSignature({ 'x-body-signature': VECTOR.signature }, VECTOR.body, VECTOR.secret),
    ).not.toThrow();
    const upper = { 'x-body-signature': VECTOR.signature.toUpperCase() };
    expect(() => verifyIntercomSignature(upper, VECTOR.body, VECTOR.secret)).not.toThrow();
    // The tests' signer agrees with it, so requests the e2e suite signs are what Intercom sends.
    expect(intercomSignature(VECTOR.secret, VECTOR.body.toString('utf8'))['x-body-signature']).toBe(
      VECTOR.signature,
    );
  });

  it('refuses a request that is unsigned, forged, tampered or re-serialized', () => {
    const signed = { 'x-body-signature': VECTOR.signature };
    expect(rejection(() => verifyIntercomSignature({}, VECTOR.body, VECTOR.secret))).toBe(
      'signature_missing',
    );
    expect(
      rejection(() => verifyIntercomSignature({ 'x-body-signature': ' ' }, VECTOR.body, VECTOR.secret)),
    ).toBe('signature_missing');
    // Forged: signed with another app's secret.
    expect(rejection(() => verifyIntercomSignature(signed, VECTOR.body, 'another-apps-secret-000'))).toBe(
      'signature_invalid',
    );
    // Tampered: one byte of the body changed after signing.
    const tampered = Buffer.from(VECTOR.body.toString('utf8').replace('benjamin', 'benjamim'), 'utf8');
    expect(rejection(() => verifyIntercomSignature(signed, tampered, VECTOR.secret))).toBe(
      'signature_invalid',
    );
    // The same JSON serialized again (other spacing) is not the body Intercom signed.
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(VECTOR.body.toString('utf8')), null, 1));
    expect(rejection(() => verifyIntercomSignature(signed, reserialized, VECTOR.secret))).toBe(
      'signature_invalid',
    );
    // Not a hex SHA-256 at all (a webhook's sha1= signature, say).
    const sha1 = { 'x-body-signature': 'sha1=21ff2e149e0fdcac6f947740f6177f6434bda921' };
    expect(rejection(() => verifyIntercomSignature(sha1, VECTOR.body, VECTOR.secret))).toBe(
      'signature_invalid',
    );
  });

  it('answers a refused request with 401 door_unauthorized and the reason', () => {
    let thrown: unknown;
    try {
      authorizeIntercom(VECTOR.secret, {}, VECTOR.body);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(HubException);
    expect(thrown).toMatchObject({
      status: 401,
      code: 'door_unauthorized',
      extensions: { reason: 'signature_missing' },
    });
  });
});

/**
 * "Stale": Intercom's requests carry no time, so the signature cannot tell an old request from a
 * new one. What can be bounded is what a click may do: only a canvas rendered within
 * `actionWindowSeconds` acts, and each click has one idempotency key, so a replay of it acts once.
 */
describe('a click on an old canvas, and replays', () => {
  const door: IntercomDoor = {
    clientSecret: 'x'.repeat(16),
    actAs: 'door',
    orders: 5,
    actionWindowSeconds: 600,
  };
  const rendered = new Date('2026-12-01T10:00:00Z');
  const state: DoorState = {
    v: 1,
    email: 'ada@example.com',
    nonce: '3f0c2a9e-5b1d-4c7e-9a2f-1d2e3f4a5b6c',
    issuedAt: rendered.toISOString(),
    orders: [{ number: '1001', currency: 'USD' }],
  };
  const body = IntercomRequestSchema.parse({
    admin: { id: 7, name: 'Dana Reyes' },
    context: { conversation_id: 215468733781234 },
    component_id: 'refund:1001',
    input_values: { 'refund-amount': '12,50' },
  });
  const at = (seconds: number) => new Date(rendered.getTime() + seconds * 1000);

  it('acts within the window, with the amount as the REST API takes it', () => {
    const request = clickRequest(door, 'refund', body, state, state.orders[0], at(600));
    expect(request).toEqual({
      key: clickKey('215468733781234', 'refund:1001', state.nonce),
      body: {
        type: 'refund',
        amount: { amount: '12.50', currency: 'USD' },
        reason: 'Requested in Intercom by Dana Reyes (conversation 215468733781234)',
      },
    });
  });

  it('does nothing past the window, whatever the signature says', () => {
    const request = clickRequest(door, 'refund', body, state, state.orders[0], at(601));
    expect(request).toEqual({
      problem: { notice: expect.stringMatching(/^Nothing was done: that view was more than 10 minutes old/) },
    });
    const unreadable = { ...state, issuedAt: 'not a time' } as DoorState;
    expect(clickRequest(door, 'refund', body, unreadable, state.orders[0], at(1))).toHaveProperty('problem');
  });

  it('one key per click: the same again is the same key; another button, canvas or conversation is not', () => {
    const key = clickKey('215468733781234', 'refund:1001', state.nonce);
    expect(clickKey('215468733781234', 'refund:1001', state.nonce)).toBe(key);
    expect(clickKey('215468733781234', 'note:1001', state.nonce)).not.toBe(key);
    expect(clickKey('215468733781234', 'refund:1001', '0c1d2e3f-aaaa-bbbb-cccc-000000000000')).not.toBe(key);
    expect(clickKey('999', 'refund:1001', state.nonce)).not.toBe(key);
    // Ids and order numbers with characters a key may not hold still give a valid key, naming nothing.
    expect(clickKey('a b/c', 'refund:SO 2026/1', state.nonce)).toMatch(/^intercom:[0-9a-f]{64}$/);
    expect(clickKey('a b/c', 'refund:1001', state.nonce)).not.toBe(
      clickKey('a_b_c', 'refund:1001', state.nonce),
    );
  });
});
