import { type ActionView } from '../../actions/action-request.schema';
import { type Html, html, href } from '../html';
import { actionCard } from './action-card';
import { page, pager, type Viewer } from './layout';

/** The newest actions the key may read: its own, or everyone's for an admin key. */
export function actionsPage(
  viewer: Viewer,
  list: { actions: readonly ActionView[]; total: number; limit: number; offset: number },
  now = new Date(),
): Html {
  const whose = viewer.scopes.has('admin') ? 'every API key' : `the key ${viewer.key}`;
  return page({
    title: 'Actions',
    viewer,
    section: 'actions',
    body: html`<p class="summary">
        Refunds, cancellations and notes requested through ${whose}, newest first.
      </p>
      ${
        list.actions.length
          ? html`<ul class="cards">
              ${list.actions.map((a) => html`<li>${actionCard(a, { now, link: true })}</li>`)}
            </ul>`
          : html`<p>No actions yet.</p>`
      }
      ${pager(list.total, list.limit, list.offset, (offset) => href('/console/actions', { offset }))}`,
  });
}

export function actionPage(viewer: Viewer, action: ActionView, now = new Date()): Html {
  return page({
    title: 'Action',
    viewer,
    section: 'actions',
    body: html`${actionCard(action, { now })}
      <p><a href="/console/actions">All actions</a></p>`,
  });
}
