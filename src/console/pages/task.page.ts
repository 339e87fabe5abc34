import { type ActionView } from '../../actions/action-request.schema';
import { type TaskView } from '../../tasks/task.schemas';
import { type Html, html, type HtmlValue, webUrl } from '../html';
import { actionCard } from './action-card';
import { OUTCOME, TASK_KIND, TASK_STATUS } from './labels';
import { type Notice, page, type Viewer, when } from './layout';

/** The name a viewer acts under: the person given at sign-in, else the key's name. */
export const actingAs = (viewer: Viewer): string => viewer.person ?? viewer.key;

/**
 * One task: what failed, the steps by hand, the link into the vendor, the action it stands for,
 * and the forms to claim and resolve it (for keys with tasks:write).
 */
export function taskPage(
  viewer: Viewer,
  task: TaskView,
  action: { view: ActionView; showAsked: boolean } | undefined,
  options: { now?: Date; notice?: Notice } = {},
): Html {
  const now = options.now ?? new Date();
  return page({
    title: task.title,
    viewer,
    section: 'tasks',
    notice: options.notice,
    body: html`<p class="badges">
        <span class="badge badge-task-${task.status}">${TASK_STATUS[task.status]}</span>
        <span class="badge">${TASK_KIND[task.kind]}</span>
      </p>
      <section class="card" aria-labelledby="what">
        <h2 id="what">What happened</h2>
        <p>${task.whatFailed}</p>
        <dl>
          ${
            task.orderNumber
              ? html`<div>
                  <dt>Order</dt>
                  <dd>${task.orderNumber}</dd>
                </div>`
              : ''
          }
          <div>
            <dt>Interface</dt>
            <dd>${task.connector} (${task.system})</dd>
          </div>
          <div>
            <dt>Opened</dt>
            <dd>${when(task.createdAt, now)}</dd>
          </div>
          ${
            task.claimedBy
              ? html`<div>
                  <dt>Claimed by</dt>
                  <dd>
                    ${task.claimedBy}${task.claimedKey ? ` (key ${task.claimedKey})` : ''},
                    ${when(task.claimedAt, now)}
                  </dd>
                </div>`
              : ''
          }
          ${
            task.status === 'resolved'
              ? html`<div>
                    <dt>Resolved</dt>
                    <dd class="outcome">
                      ${OUTCOME[task.outcome ?? ''] ?? task.outcome} by ${task.resolvedBy ?? 'the hub'},
                      ${when(task.resolvedAt, now)}${task.claimOverridden ? ' (over the claim)' : ''}
                    </dd>
                  </div>
                  ${
                    task.note
                      ? html`<div>
                          <dt>Note</dt>
                          <dd>${task.note}</dd>
                        </div>`
                      : ''
                  }`
              : ''
          }
        </dl>
      </section>
      <section class="card" aria-labelledby="steps">
        <h2 id="steps">What to do by hand</h2>
        <p class="steps">${task.instructions}</p>
        ${webUrl(task.url) ? html`<p><a href="${webUrl(task.url)}" target="_blank" rel="noopener noreferrer">Open it in ${task.connector}'s admin</a></p>` : ''}
      </section>
      ${action ? html`<section aria-labelledby="action-${action.view.id}" class="plain">${actionCard(action.view, { now, taskLink: false, showAsked: action.showAsked })}</section>` : ''}
      ${forms(viewer, task)}
      <p><a href="/console/tasks">All tasks</a></p>`,
  });
}

function forms(viewer: Viewer, task: TaskView): HtmlValue {
  if (task.status === 'resolved') return '';
  if (!viewer.scopes.has('admin') && !viewer.scopes.has('tasks:write')) {
    return html`<p class="summary">
      Your key reads tasks but cannot claim or resolve them (it lacks tasks:write).
    </p>`;
  }
  const me = actingAs(viewer);
  const mine = task.status === 'claimed' && task.claimedBy === me && task.claimedKey === viewer.key;
  const othersClaim = task.status === 'claimed' && !mine;
  const claim =
    task.status === 'open'
      ? html`<form class="card" method="post" action="/console/tasks/${task.id}/claim">
          <h2>Claim</h2>
          <p>Take it so others see someone is on it. Only you (${me}) can then resolve it.</p>
          <input type="hidden" name="csrf" value="${viewer.csrf}" />
          <p><button type="submit">Claim as ${me}</button></p>
        </form>`
      : '';
  if (othersClaim && !viewer.scopes.has('admin')) {
    return html`${claim}
      <p class="summary">
        ${task.claimedBy} holds this task; only they can resolve it (or an admin, over their claim).
      </p>`;
  }
  return html`${claim}
    <form class="card" method="post" action="/console/tasks/${task.id}/resolve">
      <h2>Resolve</h2>
      <input type="hidden" name="csrf" value="${viewer.csrf}" />
      <fieldset>
        <legend>Outcome</legend>
        ${task.allowedOutcomes.map(
          (o, i) =>
            html`<p class="choice">
              <input
                type="radio"
                id="outcome-${o}"
                name="outcome"
                value="${o}"
                required${i === 0 && task.allowedOutcomes.length === 1 ? html` checked` : ''}
              />
              <label for="outcome-${o}">${OUTCOME[o] ?? o}</label>
            </p>`,
        )}
      </fieldset>
      <p>
        <label for="note">Note <span class="hint">(what you did, for the record)</span></label>
        <textarea id="note" name="note" rows="3" maxlength="2000"></textarea>
      </p>
      ${
        othersClaim
          ? html`<p class="choice">
              <input type="checkbox" id="override" name="override" value="true" required />
              <label for="override">Resolve over ${task.claimedBy}'s claim (admin)</label>
            </p>`
          : ''
      }
      <p><button type="submit">Resolve as ${me}</button></p>
    </form>`;
}
