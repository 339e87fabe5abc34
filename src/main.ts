import 'reflect-metadata';
import { join } from 'node:path';
import { projectRoot } from './common/project-root';
import { ConfigError, loadConfigFile } from './config/config.loader';
import { type HubConfig } from './config/config.schema';
import { createHub } from './bootstrap';
import { refuseUnaskedDemo } from './demo-guard';
import { printWelcome } from './welcome';

/**
 * The hub's entry point. With HUB_CONFIG, the hub on your systems. With `--demo` (what `npm start`
 * asks for), the hub on the built-in sandbox with the published demo keys, so a newcomer sees real
 * answers at once; its data goes to its own SQLite file, never to the database DATABASE_URL names
 * unless HUB_DEMO_DATABASE_URL asks for one. Neither: it refuses to start, so a deployment that lost
 * its config cannot come up as the demo. The demo never runs with NODE_ENV=production.
 */
async function main(): Promise<void> {
  let config: HubConfig;
  let stopSandbox: (() => Promise<void>) | undefined;
  const demo = !process.env.HUB_CONFIG;
  if (process.env.HUB_CONFIG) {
    config = loadConfigFile(process.env.HUB_CONFIG);
  } else {
    refuseUnaskedDemo(process.argv.slice(2), process.env);
    const { startSandbox } = await import('../sandbox/sandbox.server');
    const port = Number(process.env.SANDBOX_PORT ?? 4010);
    const sandbox = await startSandbox({ port }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EADDRINUSE') throw e;
      return startSandbox({ port: 0 });
    });
    stopSandbox = () => sandbox.close();
    if (process.env.DATABASE_URL && !process.env.HUB_DEMO_DATABASE_URL) {
      console.warn(
        'DATABASE_URL is set but the demo does not write there; it keeps its data in ' +
          './data/hub-sandbox.sqlite (HUB_DEMO_DATABASE_URL puts it elsewhere).',
      );
    }
    config = loadConfigFile(join(projectRoot(), 'config/sandbox.yaml'), {
      ...process.env,
      DATABASE_URL: process.env.HUB_DEMO_DATABASE_URL,
      SANDBOX_URL: sandbox.url,
    });
    process.env.SANDBOX_URL = sandbox.url;
  }
  const app = await createHub(config);
  if (stopSandbox) {
    const stop = stopSandbox;
    process.once('beforeExit', () => void stop());
  }
  await app.listen(config.server.port, config.server.host);
  const url = `http://${config.server.host === '0.0.0.0' ? '127.0.0.1' : config.server.host}:${config.server.port}`;
  printWelcome(url, config, process.env.SANDBOX_URL, demo);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || (error as Error)?.name === 'MappingDefinitionError') {
    console.error(`Context Hub cannot start: ${(error as Error).message}`);
  } else {
    console.error('Context Hub cannot start:', error);
  }
  process.exit(1);
});
