import { type ManualSteps } from '../../connectors/contract';
import { type InterfaceReport } from '../../monitoring/interface-monitor';
import { type Html, href, html, webUrl } from '../html';
import { page, type Viewer, when } from './layout';

const STATE: Record<InterfaceReport['state'], string> = {
  up: 'Up',
  degraded: 'Degraded',
  down: 'Down',
};
const CIRCUIT: Record<InterfaceReport['circuit'], string> = {
  closed: 'closed (calls go through)',
  open: 'open (calls are not tried)',
  half_open: 'half open (trying one call)',
};

/** Every interface: its state, circuit, last error, and what to do by hand while it is down. */
export function interfacesPage(
  viewer: Viewer,
  reports: readonly (InterfaceReport & { byHand: ManualSteps })[],
  now = new Date(),
): Html {
  const down = reports.filter((r) => r.state !== 'up').length;
  return page({
    title: 'Interfaces',
    viewer,
    section: 'interfaces',
    body: html`<p class="summary">
        ${
          down === 0
            ? `All ${reports.length} interfaces are up.`
            : `${down} of ${reports.length} interfaces need attention.`
        }
      </p>
      <ul class="cards">
        ${reports.map((r) => html`<li>${card(r, viewer, now)}</li>`)}
      </ul>`,
  });
}

function card(r: InterfaceReport & { byHand: ManualSteps }, viewer: Viewer, now: Date): Html {
  const tasksOpenable =
    viewer.scopes.has('admin') || viewer.scopes.has('tasks:read') || viewer.scopes.has('tasks:write');
  return html`<article class="card state-${r.state}" aria-labelledby="if-${r.connector}">
<h2 id="if-${r.connector}">${r.connector} <span class="sub">${r.system} · ${r.type}</span></h2>
<p class="badge badge-${r.state}">${STATE[r.state]}</p>
<dl>
<div><dt>Circuit</dt><dd>${CIRCUIT[r.circuit]}</dd></div>
<div><dt>Last success</dt><dd>${when(r.lastSuccessAt, now)}</dd></div>
<div><dt>Last error</dt><dd>${
    r.lastError
      ? html`<code>${r.lastError.code}</code> ${r.lastError.message} (${when(r.lastFailureAt, now)})`
      : 'none'
  }</dd></div>
<div><dt>Recent calls</dt><dd>${r.window.calls} calls, ${r.window.errors} failed${
    r.window.calls ? `, p95 ${Math.round(r.window.p95Ms)} ms` : ''
  }</dd></div>
${
  r.queue
    ? html`<div>
        <dt>Action queue</dt>
        <dd>
          ${r.queue.waiting + r.queue.delayed} waiting, ${r.queue.active} running, ${r.queue.failed} failed
        </dd>
      </div>`
    : ''
}
${
  r.openTasks !== undefined
    ? html`<div>
        <dt>Open tasks</dt>
        <dd>
          ${
            tasksOpenable && r.openTasks > 0
              ? html`<a href="${href('/console/tasks', { connector: r.connector })}">${r.openTasks}</a>`
              : String(r.openTasks)
          }
        </dd>
      </div>`
    : ''
}
</dl>
<details${r.state === 'down' ? html` open` : ''}>
<summary>By hand while ${r.connector} is down</summary>
<p class="steps">${r.byHand.instructions}</p>
${webUrl(r.byHand.url) ? html`<p><a href="${webUrl(r.byHand.url)}" target="_blank" rel="noopener noreferrer">Open ${r.type}'s admin</a></p>` : ''}
</details>
</article>`;
}
