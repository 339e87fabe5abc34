import { type Html, html } from '../html';
import { type Notice, page } from './layout';

/** The sign-in form: the key goes in the POST body only, never in an address. */
export function signInPage(options: { next?: string; notice?: Notice; person?: string }): Html {
  return page({
    title: 'Sign in',
    notice: options.notice,
    body: html`<form class="card sign-in" method="post" action="/console/sign-in">
      <p>
        Sign in with your API key. The browser keeps a session for this console only; the key itself is not
        stored.
      </p>
      <p>
        <label for="key">API key</label>
        <input
          id="key"
          name="key"
          ${options.notice?.kind === 'error' ? html` aria-invalid="true" aria-describedby="notice"` : ''}
          type="password"
          required
          autocomplete="current-password"
          spellcheck="false"
          maxlength="500"
        />
      </p>
      <p>
        <label for="person"
          >Your name
          <span class="hint">(shown on the tasks you claim and resolve; default: the key's name)</span></label
        >
        <input
          id="person"
          name="person"
          type="text"
          autocomplete="name"
          maxlength="100"
          value="${options.person ?? ''}"
        />
      </p>
      ${options.next ? html`<input type="hidden" name="next" value="${options.next}" />` : ''}
      <p><button type="submit">Sign in</button></p>
    </form>`,
  });
}
