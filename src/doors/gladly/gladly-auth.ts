import { createHash, timingSafeEqual } from 'node:crypto';
import { doorUnauthorized } from '../door-problems';
import { HubException } from '../../common/problem';
import { WebhookRejected } from '../../connectors/webhook-signature';
import { type GladlyDoor } from '../doors.schema';
import { type GladlyRequest, verifyGladlySignature } from './gladly-signature';

const REALM = { 'www-authenticate': 'Basic realm="doors/gladly"' };

function unauthorized(reason: string, detail: string): HubException {
  return doorUnauthorized(reason, detail, REALM);
}

/** Equal in constant time whatever the lengths: digests of equal size are compared. */
function sameText(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Lets a lookup in only when it proves it is Gladly's: the request signature when a signing secret
 * is set, the Basic credentials when those are, both when both are. Throws a 401 problem
 * (`door_unauthorized`, with `reason`) otherwise.
 */
export function authorizeGladly(door: GladlyDoor, request: GladlyRequest, now: Date): void {
  if (door.basicAuth) {
    const header = request.headers.authorization ?? '';
    const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header.trim());
    if (!match) throw unauthorized('credentials_missing', 'Gladly: no Basic credentials');
    const [username, ...rest] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
    // Both parts are always compared: which one was wrong takes no longer to tell.
    const userOk = sameText(username, door.basicAuth.username);
    const passwordOk = sameText(rest.join(':'), door.basicAuth.password);
    if (!(userOk && passwordOk))
      throw unauthorized('credentials_invalid', 'Gladly: the Basic credentials are wrong');
  }
  if (door.signingSecret) {
    try {
      verifyGladlySignature(request, door.signingSecret, now, door.toleranceSeconds);
    } catch (error) {
      if (error instanceof WebhookRejected) throw unauthorized(error.code, error.message);
      throw error;
    }
  }
}
