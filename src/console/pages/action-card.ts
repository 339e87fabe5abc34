import { type ActionView } from '../../actions/action-request.schema';
import { type Html, html, webUrl } from '../html';
import { ACTION_STATUS, OUTCOME } from './labels';
import { when } from './layout';

/** One action: what was asked, where it stands, and how it ended (by the vendor or by a person). */
export function actionCard(
  a: ActionView,
  options: { now: Date; link?: boolean; taskLink?: boolean; showAsked?: boolean },
): Html {
  const title = html`${a.type} on order ${a.orderNumber}`;
  const heading = html`<h2 id="action-${a.id}">
    ${options.link ? html`<a href="/console/actions/${a.id}">${title}</a>` : title}
  </h2>`;
  const params =
    options.showAsked === false
      ? []
      : Object.entries(a.params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return html`<article class="card action status-${a.status}" aria-labelledby="action-${a.id}">
    ${heading}
    <p class="badge badge-action-${a.status}">${ACTION_STATUS[a.status]}</p>
    <dl>
      <div>
        <dt>Through</dt>
        <dd>${a.connector}</dd>
      </div>
      ${
        params.length
          ? html`<div>
              <dt>Asked</dt>
              <dd>${params.map(([k, v]) => html`<span class="param">${k}: ${String(v)}</span> `)}</dd>
            </div>`
          : ''
      }
      <div>
        <dt>Requested</dt>
        <dd>${when(a.createdAt, options.now)}</dd>
      </div>
      <div>
        <dt>Attempts</dt>
        <dd>${a.attempts} of ${a.maxAttempts}</dd>
      </div>
      ${
        a.lastError
          ? html`<div>
              <dt>Last error</dt>
              <dd><code>${a.lastError.code}</code> ${a.lastError.message}</dd>
            </div>`
          : ''
      }
      ${
        a.result
          ? html`<div>
              <dt>Result</dt>
              <dd>
                ${a.result.summary}${
                  webUrl(a.result.url)
                    ? html` <a href="${webUrl(a.result.url)}" target="_blank" rel="noopener noreferrer"
                        >Open</a
                      >`
                    : ''
                }
              </dd>
            </div>`
          : ''
      }
      ${
        a.resolution
          ? html`<div>
              <dt>Outcome</dt>
              <dd class="outcome">
                ${OUTCOME[a.resolution.outcome] ?? a.resolution.outcome} by ${a.resolution.by},
                ${when(a.resolution.at, options.now)}${
                  a.resolution.note ? html`: “${a.resolution.note}”` : ''
                }
              </dd>
            </div>`
          : ''
      }
      ${
        a.taskId && options.taskLink !== false
          ? html`<div>
              <dt>Task</dt>
              <dd><a href="/console/tasks/${a.taskId}">Open the task</a></dd>
            </div>`
          : ''
      }
    </dl>
  </article>`;
}
