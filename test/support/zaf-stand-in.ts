import { type Page } from 'playwright-core';

/** The address the stand-in serves the app's files from (routed by the test, never the network). */
export const ZENDESK_APP_ORIGIN = 'https://app.zendesk.test';
export const ZAF_SDK_URL = 'https://static.zdassets.com/zendesk_app_framework_sdk/2.0/zaf_sdk.min.js';

export interface ZafRequest {
  url: string;
  type?: string;
  headers?: Record<string, string>;
  secure?: boolean;
  cors?: boolean;
  dataType?: string;
}

export interface ZafStandIn {
  /** Every client.request the app made, as the app made it (before the proxy filled settings). */
  requests: ZafRequest[];
  /** Every client.invoke (e.g. resize). */
  invoked: [string, unknown][];
  /** The ticket's requester, as client.get('ticket.requester.email') answers. */
  requester: { email?: string };
  /** Holds back the proxy's answer to a request until the promise it returns settles (a slow hub). */
  hold?: (request: ZafRequest) => Promise<void> | undefined;
  /** How many answers the proxy has handed back to the app. */
  answered: number;
  /** Tells the app the requester changed, as Zendesk fires ticket.requester.id.changed. */
  changeRequester(email: string | undefined): Promise<void>;
}

/**
 * A stand-in for Zendesk around a sidebar app, faithful where the app depends on it: ZAFClient's
 * metadata (non-secure settings only), get, invoke, on, and request, which goes through a proxy
 * outside the browser (as Zendesk's does) that fills `{{setting.…}}` placeholders of secure settings
 * only for `secure: true, cors: false` requests to a domain in the manifest's domainWhitelist.
 */
export async function installZafStandIn(
  page: Page,
  app: {
    files: ReadonlyMap<string, Uint8Array>;
    settings: Record<string, string>;
    secureSettings: Record<string, string>;
  },
  requester: { email?: string },
): Promise<ZafStandIn> {
  const manifest = JSON.parse(Buffer.from(app.files.get('manifest.json')!).toString('utf8'));
  const whitelist: string[] = manifest.domainWhitelist;
  const stand: ZafStandIn = {
    requests: [],
    invoked: [],
    answered: 0,
    requester,
    changeRequester: async (email) => {
      stand.requester.email = email;
      await page.evaluate("window.__zafFire('ticket.requester.id.changed')");
    },
  };

  await page.exposeFunction('__zafGet', (path: string) => {
    if (path !== 'ticket.requester.email') throw new Error(`the stand-in knows no ${path}`);
    return stand.requester.email ?? null;
  });
  await page.exposeFunction('__zafInvoke', (name: string, arg: unknown) => {
    stand.invoked.push([name, arg]);
  });
  await page.exposeFunction('__zafProxy', async (options: ZafRequest) => {
    stand.requests.push(options);
    const url = new URL(options.url);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      headers[name] = value.replace(/\{\{setting\.(\w+)\}\}/g, (whole, setting: string) => {
        const proxied = options.secure === true && options.cors === false && whitelist.includes(url.hostname);
        // Zendesk leaves a placeholder it may not fill as it is: the hub then sees no key.
        return proxied && setting in app.secureSettings ? app.secureSettings[setting] : whole;
      });
    }
    const res = await fetch(url, { method: options.type ?? 'GET', headers });
    const answer = { status: res.status, body: await res.text() };
    await stand.hold?.(options);
    stand.answered++;
    return answer;
  });

  // The app's own files, and the SDK it loads from Zendesk's CDN; anything else is refused.
  await page.route('**/*', (route) => route.abort('blockedbyclient'));
  await page.route(`${ZENDESK_APP_ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname.slice(1);
    const body = app.files.get(path);
    if (!body) return route.fulfill({ status: 404, body: 'not in the app' });
    return route.fulfill({ status: 200, contentType: contentType(path), body: Buffer.from(body) });
  });
  await page.route(ZAF_SDK_URL, (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: sdkScript(app.settings) }),
  );
  return stand;
}

function contentType(path: string): string {
  if (path.endsWith('.html')) return 'text/html; charset=utf-8';
  if (path.endsWith('.js')) return 'text/javascript';
  if (path.endsWith('.css')) return 'text/css';
  if (path.endsWith('.png')) return 'image/png';
  return 'application/octet-stream';
}

/** The browser half: ZAFClient as the app sees it, talking to the Node half above. */
function sdkScript(settings: Record<string, string>): string {
  return `(() => {
  const handlers = {};
  window.__zafFire = (event) => Promise.all((handlers[event] || []).map((fn) => fn()));
  const parse = (text) => { try { return JSON.parse(text); } catch { return undefined; } };
  window.ZAFClient = {
    init() {
      return {
        metadata: () => Promise.resolve({ appId: 0, installationId: 1, settings: ${JSON.stringify(settings)} }),
        get: (path) => window.__zafGet(path).then((value) => ({ [path]: value })),
        invoke: (name, arg) => window.__zafInvoke(name, arg),
        on: (event, fn) => { (handlers[event] = handlers[event] || []).push(fn); },
        request: (options) => window.__zafProxy(options).then((res) => {
          if (res.status >= 400) {
            return Promise.reject({ status: res.status, responseText: res.body, responseJSON: parse(res.body) });
          }
          return options.dataType === 'json' ? parse(res.body) : res.body;
        }),
      };
    },
  };
})();`;
}
