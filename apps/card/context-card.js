/*
 * <context-card>: the hub's customer context as a card for an agent (docs/doors/card.md).
 *
 * One rendering for every helpdesk: the Zendesk sidebar app packs this file (apps/zendesk), and the
 * hub serves it at /card/context-card.js for helpdesks that embed the hub's own page (/card). The
 * element fetches nothing; its host page does and hands it the answer:
 *
 *   card.showLoading('Looking up ann@example.com…');
 *   card.showContext(answerOfGetCustomersContext);   // 200 (customer may be null with notFound=empty)
 *   card.showProblem(problemDetailsBody);            // a hub problem (503 carries sources[])
 *
 * Everything is written with textContent (never innerHTML) and only http(s) links are made, so a
 * vendor's data cannot inject markup. Light DOM, styled by context-card.css (no inline styles: the
 * hub's page runs under a strict Content-Security-Policy).
 */
(function () {
  'use strict';

  /** Statuses of a source that leave part of the answer to be checked by hand. */
  const NOT_LIVE = { partial: 1, stale: 1, unavailable: 1, skipped: 1 };
  const SEVERITY = { critical: 'Critical', warning: 'Warning', info: 'Info' };
  const ORDERS_SHOWN = 5;
  const CASES_SHOWN = 5;

  /** An element with optional class and text; children appended in order. */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** A link only for http(s) URLs; anything else stays plain text. */
  function link(url, text, label) {
    if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) return el('span', '', text);
    const a = el('a', 'cc-link', text);
    a.href = url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    if (label) a.setAttribute('aria-label', label);
    return a;
  }

  /** "in_transit" → "In transit". */
  function words(code) {
    if (!code) return '';
    const text = String(code).replace(/_/g, ' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function date(iso) {
    const d = new Date(iso);
    if (!iso || Number.isNaN(d.getTime())) return '';
    return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' }).format(d);
  }

  function money(m) {
    if (!m || m.amount === undefined) return '';
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency: m.currency }).format(
        Number(m.amount),
      );
    } catch {
      return m.amount + ' ' + m.currency;
    }
  }

  /** "a · b · c" without the empty parts. */
  function joined(parts) {
    return parts.filter(Boolean).join(' · ');
  }

  let sections = 0;
  /** A titled section; its heading labels it for screen readers. */
  function section(title, className) {
    const id = 'cc-s' + ++sections;
    const s = el('section', 'cc-section ' + (className || ''));
    s.setAttribute('aria-labelledby', id);
    const h = el('h3', 'cc-h3', title);
    h.id = id;
    s.append(h);
    return s;
  }

  function escalation(insights) {
    if (!insights || !insights.escalate) return null;
    const box = el('div', 'cc-escalate');
    box.setAttribute('role', 'alert');
    box.append(el('strong', '', 'Escalate'));
    const list = el('ul', 'cc-list');
    for (const reason of insights.escalationReasons || []) list.append(el('li', '', reason));
    box.append(list);
    return box;
  }

  function flags(insights) {
    const all = (insights && insights.flags) || [];
    if (all.length === 0) return null;
    const s = section('Flags', 'cc-flags');
    const list = el('ul', 'cc-list');
    for (const flag of all) {
      const item = el('li', 'cc-flag cc-' + flag.severity);
      item.append(el('span', 'cc-badge', SEVERITY[flag.severity] || words(flag.severity)), ' ', flag.message);
      list.append(item);
    }
    s.append(list);
    return s;
  }

  /** What an agent checks by hand: each source that could not answer live, with its instructions. */
  function byHand(sources) {
    const missing = (sources || []).filter((src) => NOT_LIVE[src.status] && (src.fallback || src.error));
    if (missing.length === 0) return null;
    const s = section('Check by hand', 'cc-byhand');
    const list = el('ul', 'cc-list');
    for (const src of missing) {
      const item = el('li', 'cc-source');
      item.append(
        el('strong', '', src.connector),
        ' ',
        el('span', 'cc-muted', '(' + words(src.status) + ')'),
      );
      if (src.fallback) {
        item.append(el('p', 'cc-instructions', src.fallback.instructions));
        if (src.fallback.url)
          item.append(
            link(src.fallback.url, 'Open ' + src.connector, 'Open ' + src.connector + ' to check by hand'),
          );
      } else if (src.error) {
        item.append(el('p', 'cc-instructions', src.error.message));
      }
      list.append(item);
    }
    s.append(list);
    return s;
  }

  function shipmentLine(shipment) {
    const item = el('li', 'cc-shipment');
    const carrier = joined([shipment.carrier, shipment.service]) || 'Shipment';
    item.append(el('span', '', carrier + ' '));
    if (shipment.trackingNumber) {
      item.append(
        link(
          shipment.trackingUrl,
          shipment.trackingNumber,
          'Track ' + shipment.trackingNumber + ' with ' + (shipment.carrier || 'the carrier'),
        ),
      );
    }
    const when = shipment.deliveredAt
      ? 'delivered ' + date(shipment.deliveredAt)
      : shipment.estimatedDeliveryAt
        ? 'expected ' + date(shipment.estimatedDeliveryAt)
        : '';
    item.append(el('div', 'cc-muted', joined([words(shipment.status), when])));
    return item;
  }

  const OFFER = {
    refund: 'refund',
    replacement: 'replacement',
    store_credit: 'store credit',
    reship: 'reship',
    return: 'return',
    escalate: 'escalate',
  };

  /** "Policy (lost-in-transit): reship · refund $74.91 (approval) · escalate to carrier-claims". */
  function policy(decision) {
    const offers = (decision.remedies || []).map(
      (r) =>
        [OFFER[r.remedy] || words(r.remedy), money(r.amount), r.team ? 'to ' + r.team : '']
          .filter(Boolean)
          .join(' ') + (r.approval ? ' (approval)' : ''),
    );
    const p = el('p', 'cc-policy');
    p.append(el('strong', '', decision.title + ' (' + decision.rule + '): '));
    p.append(offers.join(' · ') || 'nothing to offer');
    return p;
  }

  function order(o, decisions) {
    const box = el('li', 'cc-order');
    const head = el('h4', 'cc-h4');
    const admin = (o.sources || []).find((s) => s.url);
    head.append(
      link(
        admin && admin.url,
        'Order #' + o.number,
        'Order #' + o.number + ' in ' + ((admin && admin.connector) || 'the shop'),
      ),
    );
    box.append(head);
    box.append(
      el(
        'p',
        'cc-muted',
        joined([
          words(o.status),
          words(o.financialStatus),
          words(o.fulfillmentStatus),
          money(o.totals && o.totals.total),
          'placed ' + date(o.placedAt),
        ]),
      ),
    );
    const items = (o.lineItems || []).map((l) => (l.quantity > 1 ? l.quantity + ' × ' : '') + l.title);
    if (items.length) box.append(el('p', 'cc-items', items.join(', ')));
    if ((o.shipments || []).length) {
      const list = el('ul', 'cc-list cc-shipments');
      list.setAttribute('aria-label', 'Shipments of order #' + o.number);
      for (const shipment of o.shipments) list.append(shipmentLine(shipment));
      box.append(list);
    }
    // What the playbooks let support offer for it, as every channel decides it.
    for (const d of decisions.filter((x) => x.orderNumber === o.number)) box.append(policy(d));
    return box;
  }

  function orders(all, decisions) {
    const s = section('Orders', 'cc-orders');
    if (!all || all.length === 0) {
      s.append(el('p', 'cc-muted', 'No orders.'));
      return s;
    }
    const list = el('ul', 'cc-list');
    for (const o of all.slice(0, ORDERS_SHOWN)) list.append(order(o, decisions || []));
    s.append(list);
    if (all.length > ORDERS_SHOWN)
      s.append(el('p', 'cc-muted', all.length - ORDERS_SHOWN + ' older orders not shown.'));
    return s;
  }

  const REMEDY = { refund: 'Refund', replacement: 'Replacement', store_credit: 'Store credit' };

  /** What the customer was already given through the hub: so no agent grants it twice. */
  function remedies(all) {
    if (!all || all.length === 0) return null;
    const s = section('Remedies granted', 'cc-remedies');
    const list = el('ul', 'cc-list');
    for (const r of all.slice(0, CASES_SHOWN)) {
      const item = el('li', 'cc-remedy');
      item.append(
        el('strong', '', joined(['#' + r.orderNumber, REMEDY[r.remedy] || words(r.remedy), money(r.amount)])),
      );
      const why = r.decision ? r.decision.playbook + ': ' + r.decision.rule : '';
      item.append(el('div', 'cc-muted', joined([words(r.status), r.requestedBy, date(r.requestedAt), why])));
      list.append(item);
    }
    s.append(list);
    return s;
  }

  function cases(all) {
    if (!all || all.length === 0) return null;
    const s = section('Prior cases', 'cc-cases');
    const list = el('ul', 'cc-list');
    for (const c of all.slice(0, CASES_SHOWN)) {
      const item = el('li', 'cc-case');
      const where = (c.sources || []).find((x) => x.url);
      item.append(link(where && where.url, c.subject || 'Case ' + c.id));
      item.append(el('div', 'cc-muted', joined([words(c.status), c.priority, c.channel, date(c.createdAt)])));
      list.append(item);
    }
    s.append(list);
    return s;
  }

  function person(customer) {
    const head = el('header', 'cc-person');
    const title = el('h2', 'cc-h2', customer.name || customer.email || customer.phone || 'Customer');
    head.append(title);
    head.append(el('p', 'cc-muted', joined([customer.email, customer.phone])));
    const spent = money(customer.totalSpent);
    const count =
      customer.ordersCount === undefined
        ? ''
        : customer.ordersCount + (customer.ordersCount === 1 ? ' order' : ' orders');
    const summary = joined([count, spent && spent + ' spent', (customer.tags || []).join(', ')]);
    if (summary) head.append(el('p', 'cc-muted', summary));
    return head;
  }

  class ContextCard extends HTMLElement {
    connectedCallback() {
      if (!this.firstChild) this.showLoading('Loading…');
    }

    /** Replaces the card's content with `children` inside one labelled region. */
    render(children) {
      const root = el('article', 'cc');
      root.setAttribute('aria-label', 'Customer context');
      root.setAttribute('aria-busy', 'false');
      for (const child of children) if (child) root.append(child);
      this.replaceChildren(root);
      this.dispatchEvent(new CustomEvent('context-card:rendered', { bubbles: true }));
    }

    showLoading(text) {
      const p = el('p', 'cc-muted', text || 'Loading…');
      p.setAttribute('role', 'status');
      this.render([p]);
      this.firstChild.setAttribute('aria-busy', 'true');
    }

    /** A customer context answer (GET /v1/customers/context). */
    showContext(context) {
      if (!context || !context.customer) {
        const p = el('p', 'cc-empty', 'No connected system knows this customer.');
        p.setAttribute('role', 'status');
        this.render([p, byHand(context && context.sources)]);
        return;
      }
      const generated = el(
        'p',
        'cc-footer cc-muted',
        'As of ' + new Date(context.generatedAt).toLocaleString(),
      );
      this.render([
        person(context.customer),
        escalation(context.insights),
        flags(context.insights),
        byHand(context.sources),
        remedies(context.remedies),
        orders(context.orders, context.insights && context.insights.decisions),
        cases(context.cases),
        generated,
      ]);
    }

    /** A hub problem (application/problem+json); a 503 names the sources to check by hand. */
    showProblem(problem) {
      const p = problem || {};
      const box = el('div', 'cc-problem');
      box.setAttribute('role', 'alert');
      box.append(el('strong', '', p.title || 'The hub could not answer'));
      if (p.detail) box.append(el('p', '', p.detail));
      this.render([box, byHand(p.sources)]);
    }
  }

  if (!customElements.get('context-card')) customElements.define('context-card', ContextCard);
})();
