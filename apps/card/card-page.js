/*
 * The hub's own card page (/card#t=<link token>), for helpdesks that embed an iframe
 * (docs/doors/card.md). The token rides in the URL's fragment, which browsers never send to a
 * server or put in a Referer; the page hands it to the hub in a header and shows the answer.
 */
(function () {
  'use strict';

  const card = document.querySelector('context-card');
  const token = linkToken();

  /**
   * The link's token, taken out of the address (history and the address bar keep no usable link)
   * and kept for this tab only, so a reload still shows the card until the link expires.
   */
  function linkToken() {
    const fromLink = new URLSearchParams(location.hash.slice(1)).get('t');
    try {
      if (fromLink) {
        sessionStorage.setItem('context-card-link', fromLink);
        history.replaceState(null, '', location.pathname);
        return fromLink;
      }
      return sessionStorage.getItem('context-card-link');
    } catch {
      // Storage refused (a sandboxed or third-party frame): the token stays in the fragment.
      return fromLink;
    }
  }

  function forget() {
    try {
      sessionStorage.removeItem('context-card-link');
    } catch {
      // nothing was kept
    }
  }

  function problem(title, detail) {
    card.showProblem({ title: title, detail: detail });
  }

  if (!token) {
    problem('No card link', 'Open this page with a link minted by POST /v1/cards/links.');
    return;
  }
  card.showLoading('Loading the customer…');
  fetch('/v1/cards/context', {
    headers: { 'X-Card-Token': token, Accept: 'application/json' },
    cache: 'no-store',
  })
    .then(function (res) {
      return res.json().then(
        function (body) {
          if (res.ok) card.showContext(body);
          else {
            // A link the hub refuses (expired, revoked, not its own) is not kept for a reload.
            if (res.status === 401) forget();
            card.showProblem(body);
          }
        },
        function () {
          problem('The hub could not answer', 'HTTP ' + res.status);
        },
      );
    })
    .catch(function () {
      problem('The hub could not be reached', 'Check the connection and reload the page.');
    });
})();
