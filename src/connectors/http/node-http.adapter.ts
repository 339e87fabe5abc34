import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import axios, {
  type AxiosAdapter,
  Axios,
  AxiosError,
  type AxiosResponse,
  CanceledError,
  type InternalAxiosRequestConfig,
} from 'axios';

/** Keep-alive socket pools, one per protocol, owned by one HttpClient. */
export interface Agents {
  http: http.Agent;
  https: https.Agent;
}

const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'all_proxy'];
const ACCEPT_ENCODING = 'gzip, deflate, br';
const USER_AGENT = `axios/${axios.VERSION}`;
/** Builds request URLs as axios does (its params serializer), without merging its defaults again. */
const uris = new Axios({});

/**
 * An axios adapter that sends the request with `node:http`/`node:https` over the client's own
 * keep-alive agents and nothing else: no redirects (the client sets maxRedirects 0), no proxy
 * discovery, no upload/download progress, no stream bodies. That is all the REST connectors
 * need, and it leaves out most of the per-call work of axios's general-purpose http adapter
 * (about a third of a call's CPU in the hub, measured with `npm run bench`). Connectors keep
 * axios's API; requests go out with the same URL (axios's own params serializer), headers and
 * body, and nock intercepts them like any `http.request`.
 *
 * Semantics kept from axios's adapter: `timeout` (AxiosError ECONNABORTED, or ETIMEDOUT with
 * transitional.clarifyTimeoutError; here one wall-clock timer for the whole call), `signal`
 * (CanceledError ERR_CANCELED), `validateStatus`, `responseType` text/json (a string) or
 * arraybuffer (a Buffer), gzip/deflate/br bodies decompressed, transport errors as AxiosError
 * with the system code (ECONNREFUSED, ECONNRESET...). Anything else (a proxy in the environment
 * or in the config, a stream or form body, redirects to follow) goes to axios's own http adapter.
 */
export function nodeHttpAdapter(agents: Agents): AxiosAdapter {
  const fallback = axios.getAdapter('http');
  const proxied = PROXY_VARIABLES.some((name) => process.env[name]);
  return (config) => {
    const data: unknown = config.data;
    const simpleBody =
      data === undefined || data === null || typeof data === 'string' || Buffer.isBuffer(data);
    const simple =
      !proxied &&
      !config.proxy &&
      !config.socketPath &&
      !config.cancelToken &&
      (config.maxRedirects ?? 0) === 0 &&
      simpleBody &&
      (config.responseType ?? 'json') !== 'stream' &&
      (config.responseType ?? 'json') !== 'blob';
    return simple ? send(config, agents) : fallback(config);
  };
}

function send(config: InternalAxiosRequestConfig, agents: Agents): Promise<AxiosResponse> {
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      const { baseURL, url: path, params, paramsSerializer, allowAbsoluteUrls } = config;
      url = new URL(uris.getUri({ baseURL, url: path, params, paramsSerializer, allowAbsoluteUrls }));
    } catch (cause) {
      reject(AxiosError.from(cause, AxiosError.ERR_INVALID_URL, config));
      return;
    }
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') {
      reject(new AxiosError(`Unsupported protocol ${url.protocol}`, AxiosError.ERR_BAD_REQUEST, config));
      return;
    }
    const body = config.data as string | Buffer | null | undefined;
    const headers = config.headers.toJSON(true) as Record<string, string>;
    if (!config.headers.has('User-Agent')) headers['User-Agent'] = USER_AGENT;
    if (!config.headers.has('Accept-Encoding') && config.decompress !== false)
      headers['Accept-Encoding'] = ACCEPT_ENCODING;
    if (body != null) headers['Content-Length'] = String(Buffer.byteLength(body));

    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const signal = config.signal as AbortSignal | undefined;
    const finish = () => {
      settled = true;
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: AxiosError) => {
      if (settled) return;
      finish();
      req.destroy();
      reject(error);
    };
    const onAbort = () => fail(new CanceledError(undefined, config, req));

    const req = (secure ? https : http).request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: (config.method ?? 'get').toUpperCase(),
        headers,
        agent: secure ? agents.https : agents.http,
        auth: config.auth ? `${config.auth.username}:${config.auth.password}` : undefined,
      },
      (res) => {
        // The connection dropped before the body was complete (no 'end' will come).
        res.on('close', () => {
          if (!res.complete) fail(new AxiosError('response aborted', 'ECONNRESET', config, req));
        });
        const stream = decoded(res, config.decompress !== false);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', (error) => fail(AxiosError.from(error, AxiosError.ERR_BAD_RESPONSE, config, req)));
        stream.on('end', () => {
          if (settled) return;
          finish();
          const raw = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
          const response: AxiosResponse = {
            data: config.responseType === 'arraybuffer' ? raw : raw.toString('utf8'),
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            headers: res.headers,
            config,
            request: req,
          };
          const valid = config.validateStatus;
          if (!valid || valid(response.status)) resolve(response);
          else
            reject(
              new AxiosError(
                `Request failed with status code ${response.status}`,
                response.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
                config,
                req,
                response,
              ),
            );
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => fail(AxiosError.from(error, error.code, config, req)));

    if (signal) {
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
    }
    if (config.timeout) {
      timer = setTimeout(() => {
        const message = config.timeoutErrorMessage ?? `timeout of ${config.timeout}ms exceeded`;
        const code = config.transitional?.clarifyTimeoutError
          ? AxiosError.ETIMEDOUT
          : AxiosError.ECONNABORTED;
        fail(new AxiosError(message, code, config, req));
      }, config.timeout);
    }
    req.end(body ?? undefined);
  });
}

/** The response body, decompressed as its content-encoding says (gzip, deflate, br). */
function decoded(res: http.IncomingMessage, decompress: boolean): NodeJS.ReadableStream {
  if (!decompress || res.statusCode === 204 || res.statusCode === 304) return res;
  const encoding = (res.headers['content-encoding'] ?? '').toLowerCase();
  const { Z_SYNC_FLUSH, BROTLI_OPERATION_FLUSH } = zlib.constants;
  // deflate as HTTP means it (zlib-wrapped); raw deflate streams are a server bug axios tolerates.
  const unzip = ['gzip', 'x-gzip', 'deflate'].includes(encoding)
    ? zlib.createUnzip({ flush: Z_SYNC_FLUSH, finishFlush: Z_SYNC_FLUSH })
    : encoding === 'br'
      ? zlib.createBrotliDecompress({ flush: BROTLI_OPERATION_FLUSH, finishFlush: BROTLI_OPERATION_FLUSH })
      : undefined;
  if (!unzip) return res;
  delete res.headers['content-encoding'];
  res.on('error', (error) => unzip.destroy(error));
  return res.pipe(unzip);
}
