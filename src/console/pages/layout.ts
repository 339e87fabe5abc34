import { type Scope } from '../../auth/scopes';
import { type Html, html, type HtmlValue } from '../html';

/** Who is signed in, as every page shows it, and what the form token is for its POSTs. */
export interface Viewer {
  key: string;
  person?: string;
  scopes: ReadonlySet<Scope>;
  csrf: string;
}

export type Section = 'interfaces' | 'tasks' | 'actions' | 'audit';

/** The console's pages, and the scopes that open each (any one; admin opens all). */
export const SECTIONS: readonly { id: Section; label: string; path: string; scopes: readonly Scope[] }[] = [
  { id: 'interfaces', label: 'Interfaces', path: '/console', scopes: ['interfaces:read'] },
  { id: 'tasks', label: 'Tasks', path: '/console/tasks', scopes: ['tasks:read', 'tasks:write'] },
  { id: 'actions', label: 'Actions', path: '/console/actions', scopes: ['actions:write'] },
  { id: 'audit', label: 'Audit trail', path: '/console/audit', scopes: ['admin'] },
];

/** Why a key that opens no console page is turned away. */
export const NO_PAGE = (key: string): string =>
  `The API key "${key}" opens no console page: it needs interfaces:read, tasks:read, tasks:write, actions:write or admin.`;

export function mayOpen(scopes: ReadonlySet<Scope>, section: Section): boolean {
  const needed = SECTIONS.find((s) => s.id === section)!.scopes;
  return scopes.has('admin') || needed.some((s) => scopes.has(s));
}

/** A message at the top of the page: a confirmation (status) or what went wrong (alert). */
export interface Notice {
  kind: 'ok' | 'error';
  text: string;
}

export function page(options: {
  title: string;
  viewer?: Viewer;
  section?: Section;
  notice?: Notice;
  body: HtmlValue;
}): Html {
  const { title, viewer, section, notice, body } = options;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${title} · Context Hub console</title>
        <link rel="stylesheet" href="/console/console.css" />
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <p class="brand"><a href="/console">Context Hub console</a></p>
          ${viewer ? navigation(viewer, section) : ''}
        </header>
        <main id="main" tabindex="-1">
          <h1>${title}</h1>
          ${notice ? noticeBlock(notice) : ''} ${body}
        </main>
      </body>
    </html> `;
}

function navigation(viewer: Viewer, current?: Section): Html {
  const links = SECTIONS.filter((s) => mayOpen(viewer.scopes, s.id)).map(
    (s) =>
      html`<li><a href="${s.path}" ${s.id === current ? html` aria-current="page"` : ''}>${s.label}</a></li>`,
  );
  return html`<nav aria-label="Console">
      <ul>
        ${links}
      </ul>
    </nav>
    <form class="who" method="post" action="/console/sign-out">
      <input type="hidden" name="csrf" value="${viewer.csrf}" />
      <span
        >Signed in as
        <strong>${viewer.person ?? viewer.key}</strong
        >${viewer.person ? html` (key ${viewer.key})` : ''}</span
      >
      <button type="submit">Sign out</button>
    </form>`;
}

function noticeBlock(notice: Notice): Html {
  return notice.kind === 'error'
    ? html`<div class="notice error" id="notice" role="alert"><p>${notice.text}</p></div>`
    : html`<div class="notice ok" role="status"><p>${notice.text}</p></div>`;
}

/** "3 minutes ago"-style age plus the exact UTC time, in a <time> element. */
export function when(iso: string | undefined, now = new Date()): Html {
  if (!iso) return html`<span>never</span>`;
  const t = new Date(iso);
  return html`<time datetime="${t.toISOString()}" title="${t.toISOString()}"
    >${ago(now.getTime() - t.getTime())}</time
  >`;
}

export function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/** Previous / next links for a list of `total` rows shown `limit` at a time. */
export function pager(
  total: number,
  limit: number,
  offset: number,
  link: (offset: number) => string,
): HtmlValue {
  if (total <= limit && offset === 0) return '';
  const last = Math.min(offset + limit, total);
  return html`<nav class="pager" aria-label="Pages">
    <p>${total === 0 ? 'None' : `${offset + 1}–${last} of ${total}`}</p>
    ${offset > 0 ? html`<a href="${link(Math.max(0, offset - limit))}" rel="prev">Newer</a>` : ''}
    ${last < total ? html`<a href="${link(offset + limit)}" rel="next">Older</a>` : ''}
  </nav>`;
}
