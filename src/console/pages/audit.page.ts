import { type AuditRow } from '../../audit/audit.entity';
import { type Html, html, href } from '../html';
import { type Notice, page, pager, type Viewer } from './layout';

/** The filters the audit page offers (a subset of GET /v1/audit's). */
export interface AuditFilters {
  apiKey?: string;
  orderNumber?: string;
  outcome?: string;
  limit: number;
  offset: number;
}

/** The audit trail, newest first: who asked what, about whom, and how it was answered. */
export function auditPage(
  viewer: Viewer,
  filters: AuditFilters,
  list: { rows: readonly AuditRow[]; total: number },
  notice?: Notice,
): Html {
  const link = (offset: number) =>
    href('/console/audit', {
      apiKey: filters.apiKey,
      orderNumber: filters.orderNumber,
      outcome: filters.outcome,
      offset: offset || undefined,
    });
  return page({
    title: 'Audit trail',
    viewer,
    section: 'audit',
    notice,
    body: html`<form class="card filters-form" method="get" action="/console/audit">
        <p>
          <label for="apiKey">API key name</label>
          <input id="apiKey" name="apiKey" type="text" maxlength="100" value="${filters.apiKey ?? ''}" />
        </p>
        <p>
          <label for="orderNumber">Order number</label>
          <input
            id="orderNumber"
            name="orderNumber"
            type="text"
            maxlength="64"
            value="${filters.orderNumber ?? ''}"
          />
        </p>
        <p>
          <label for="outcome">Outcome</label>
          <input
            id="outcome"
            name="outcome"
            type="text"
            maxlength="30"
            value="${filters.outcome ?? ''}"
            placeholder="e.g. forbidden"
          />
        </p>
        <p><button type="submit">Filter</button></p>
      </form>
      ${
        list.rows.length
          ? html`<table class="stack" role="table">
              <caption>
                ${list.total}
                events${filters.apiKey || filters.orderNumber || filters.outcome ? ' matching the filter' : ''},
                newest first
              </caption>
              <thead role="rowgroup">
                <tr role="row">
                  <th scope="col" role="columnheader">When (UTC)</th>
                  <th scope="col" role="columnheader">API key</th>
                  <th scope="col" role="columnheader">Request</th>
                  <th scope="col" role="columnheader">About</th>
                  <th scope="col" role="columnheader">Answer</th>
                </tr>
              </thead>
              <tbody role="rowgroup">
                ${list.rows.map(
                  (r) =>
                    html`<tr role="row">
                      <td role="cell" data-label="When">
                        ${new Date(r.at).toISOString().replace('T', ' ').slice(0, 19)}
                      </td>
                      <td role="cell" data-label="Key">${r.apiKeyName ?? '(none)'}</td>
                      <td role="cell" data-label="Request"><code>${r.method} ${r.route}</code></td>
                      <td role="cell" data-label="About">
                        ${r.subjectType ? `${r.subjectType} ${short(r.subject)}` : ''}
                      </td>
                      <td role="cell" data-label="Answer">
                        ${r.status}
                        ${r.outcome}${r.detail ? html`<br /><span class="hint">${r.detail}</span>` : ''}
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>
              No events${filters.apiKey || filters.orderNumber || filters.outcome ? ' match the filter' : ''}.
            </p>`
      }
      ${pager(list.total, filters.limit, filters.offset, link)}`,
  });
}

/** A customer's hashed subject is long and means nothing to read: its first characters find it again. */
function short(subject: string | null): string {
  if (!subject) return '';
  const hashed = /^(email|phone):([0-9a-f]{64})$/.exec(subject);
  return hashed ? `${hashed[1]} ${hashed[2].slice(0, 12)}…` : subject;
}
