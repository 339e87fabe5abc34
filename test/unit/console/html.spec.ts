import { escapeHtml, href, Html, html, webUrl } from '../../../src/console/html';

describe('html (the console escapes every value it prints)', () => {
  it('escapes interpolated text, not the template or nested Html', () => {
    const name = `<script>alert("x")</script> & 'y'`;
    const out = html`<p title="${name}">${name} ${html`<b>${name}</b>`}</p>`;
    expect(out).toBeInstanceOf(Html);
    expect(out.text).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; ' +
        '<b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</b></p>',
    );
  });

  it('joins arrays and prints nothing for null, undefined and false', () => {
    expect(html`${['<a>', html`<i>b</i>`, 3]}|${null}${undefined}${false}|${0}`.text).toBe(
      '&lt;a&gt;<i>b</i>3||0',
    );
    expect(escapeHtml('"&')).toBe('&quot;&amp;');
  });

  it('builds links with encoded query values, leaving blanks out', () => {
    expect(href('/console/tasks', { status: 'open', connector: undefined, q: '' })).toBe(
      '/console/tasks?status=open',
    );
    expect(href('/console/audit', { apiKey: 'a&b=c' })).toBe('/console/audit?apiKey=a%26b%3Dc');
    expect(href('/console')).toBe('/console');
  });

  it('links only to http(s) addresses', () => {
    expect(webUrl('https://admin.shopify.com/store/x/orders?query=%231001')).toBe(
      'https://admin.shopify.com/store/x/orders?query=%231001',
    );
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,x',
      '//evil.example',
      'https://a b',
      '',
    ]) {
      expect([bad, webUrl(bad)]).toEqual([bad, undefined]);
    }
    expect(webUrl(undefined)).toBeUndefined();
  });
});
