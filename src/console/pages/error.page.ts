import { type Html, html } from '../html';
import { page, type Viewer } from './layout';

/** A page that could not be shown: the reason, and a way back. */
export function errorPage(title: string, detail: string, viewer?: Viewer): Html {
  return page({
    title,
    viewer,
    notice: { kind: 'error', text: detail },
    body: html`<p><a href="/console">Back to the console</a></p>`,
  });
}
