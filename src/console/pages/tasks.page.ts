import { type TaskQuery, type TaskView } from '../../tasks/task.schemas';
import { type Html, html, href } from '../html';
import { TASK_KIND, TASK_STATUS } from './labels';
import { type Notice, page, pager, type Viewer, when } from './layout';

const FILTERS: readonly { status: TaskQuery['status']; label: string }[] = [
  { status: 'active', label: 'Waiting' },
  { status: 'open', label: 'Open' },
  { status: 'claimed', label: 'Claimed' },
  { status: 'resolved', label: 'Resolved' },
];

/** Manual-backup tasks, newest first, filtered by status (and connector, from the interfaces page). */
export function tasksPage(
  viewer: Viewer,
  query: TaskQuery,
  list: { tasks: readonly TaskView[]; total: number },
  options: { now?: Date; notice?: Notice } = {},
): Html {
  const now = options.now ?? new Date();
  const link = (q: Partial<TaskQuery>) =>
    href('/console/tasks', {
      status: q.status === 'active' ? undefined : q.status,
      connector: q.connector,
      offset: q.offset || undefined,
    });
  return page({
    title: 'Tasks',
    viewer,
    section: 'tasks',
    notice: options.notice,
    body: html`<nav class="filters" aria-label="Task status">
        <ul>
          ${FILTERS.map(
            (f) =>
              html`<li>
                <a
                  href="${link({ status: f.status, connector: query.connector })}"
                  ${f.status === query.status ? html` aria-current="page"` : ''}
                  >${f.label}</a
                >
              </li>`,
          )}
        </ul>
      </nav>
      ${query.connector ? html`<p class="summary">Only ${query.connector}. <a href="${link({ status: query.status })}">Show every interface</a></p>` : ''}
      ${
        list.tasks.length
          ? html`<ul class="cards">
              ${list.tasks.map((t) => html`<li>${row(t, now)}</li>`)}
            </ul>`
          : html`<p>No tasks here.</p>`
      }
      ${pager(list.total, query.limit, query.offset, (offset) => link({ ...query, offset }))}`,
  });
}

function row(t: TaskView, now: Date): Html {
  return html`<article class="card task status-${t.status}" aria-labelledby="task-${t.id}">
    <h2 id="task-${t.id}"><a href="/console/tasks/${t.id}">${t.title}</a></h2>
    <p class="badges">
      <span class="badge badge-task-${t.status}">${TASK_STATUS[t.status]}</span>
      <span class="badge">${TASK_KIND[t.kind]}</span>
    </p>
    <dl>
      ${
        t.orderNumber
          ? html`<div>
              <dt>Order</dt>
              <dd>${t.orderNumber}</dd>
            </div>`
          : ''
      }
      <div>
        <dt>Interface</dt>
        <dd>${t.connector}</dd>
      </div>
      <div>
        <dt>Opened</dt>
        <dd>${when(t.createdAt, now)}</dd>
      </div>
      ${
        t.claimedBy && t.status === 'claimed'
          ? html`<div>
              <dt>Claimed by</dt>
              <dd>${t.claimedBy}</dd>
            </div>`
          : ''
      }
      ${
        t.status === 'resolved'
          ? html`<div>
              <dt>Resolved</dt>
              <dd>${t.outcome ?? ''} by ${t.resolvedBy ?? 'the hub'}</dd>
            </div>`
          : ''
      }
    </dl>
  </article>`;
}
