/*
 * The Zendesk ticket sidebar (docs/doors/zendesk.md): the requester's customer context from the hub,
 * shown by the same <context-card> the hub serves at /card. The API key is a secure setting:
 * `{{setting.hubApiKey}}` is filled in by Zendesk's proxy (secure: true, cors: false), so the key
 * never reaches this page.
 */
(function () {
  'use strict';

  const client = ZAFClient.init();
  const card = document.querySelector('context-card');
  const MAX_HEIGHT = 900;

  function fit() {
    const height = Math.min(document.body.scrollHeight + 16, MAX_HEIGHT);
    client.invoke('resize', { width: '100%', height: height + 'px' });
  }

  /** What the hub said, as a problem the card can show (Zendesk rejects with the HTTP response). */
  function problemOf(failure) {
    const response = failure || {};
    if (response.responseJSON && response.responseJSON.title) return response.responseJSON;
    try {
      const body = JSON.parse(response.responseText);
      if (body && body.title) return body;
    } catch {
      // not JSON: described below
    }
    return {
      title: 'The hub could not be reached',
      detail: 'HTTP ' + (response.status || 'error') + '. Check the app settings (Hub URL) and try again.',
    };
  }

  let latest = 0;

  /** The requester's card; an answer for a requester the ticket no longer has is dropped. */
  function load() {
    const mine = ++latest;
    const current = function () {
      return mine === latest;
    };
    return Promise.all([client.metadata(), client.get('ticket.requester.email')]).then(
      function (answers) {
        const hubUrl = String(answers[0].settings.hubUrl || '').replace(/\/+$/, '');
        const email = answers[1]['ticket.requester.email'];
        if (!current()) return;
        if (!email) {
          card.showProblem({ title: 'No email', detail: 'The requester has no email address to look up.' });
          return;
        }
        card.showLoading('Looking up ' + email + '…');
        return client
          .request({
            url: hubUrl + '/v1/customers/context?notFound=empty&email=' + encodeURIComponent(email),
            type: 'GET',
            dataType: 'json',
            headers: { Authorization: 'Bearer {{setting.hubApiKey}}' },
            secure: true,
            cors: false,
          })
          .then(
            function (context) {
              if (current()) card.showContext(context);
            },
            function (failure) {
              if (current()) card.showProblem(problemOf(failure));
            },
          );
      },
      function () {
        // Zendesk could not say whose ticket this is (no ticket, or the framework failed).
        if (current()) {
          card.showProblem({
            title: 'No requester',
            detail: 'Zendesk did not say who requested this ticket; reload the app.',
          });
        }
      },
    );
  }

  card.addEventListener('context-card:rendered', fit);
  client.on('ticket.requester.id.changed', load);
  load();
})();
