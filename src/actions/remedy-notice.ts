import { Inject, Injectable, Optional } from '@nestjs/common';
import { AlertWebhook } from '../monitoring/alert-webhook';
import { type ActionRow } from './action.entity';
import { grantedRemedy } from './granted-remedies';
import { REMEDY_ACTIONS } from './remedy-actions';

/**
 * Closes the loop on a remedy (docs/playbooks.md "Closed loop"): when one is carried out, by the
 * vendor or by a person through its task, the alert webhook hears `remedy_granted` with the order,
 * what was granted, who asked, the decision it carries out and what the vendor shows, so a
 * helpdesk can follow up (confirm it to the customer, close the case). The order's context lists it
 * either way.
 */
@Injectable()
export class RemedyNotice {
  constructor(@Optional() @Inject(AlertWebhook) private readonly webhook?: AlertWebhook) {}

  /** `row` as it ended: succeeded, with its result or the person's resolution. */
  granted(row: ActionRow): void {
    if (!this.webhook || !(REMEDY_ACTIONS as readonly string[]).includes(row.type)) return;
    void this.webhook.send('remedy_granted', {
      ...grantedRemedy(row),
      ...(row.result?.url ? { url: row.result.url } : {}),
      connector: row.connector,
    });
  }
}
