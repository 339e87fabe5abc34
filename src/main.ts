import 'reflect-metadata';
import { join } from 'node:path';
import { projectRoot } from './common/project-root';
import { ConfigError, loadConfigFile } from './config/config.loader';
import { type HubConfig } from './config/config.schema';
import { createHub } from './bootstrap';
import { printWelcome } from './welcome';

/**
 * `npm start`: with HUB_CONFIG, the hub on your systems; without it, the hub on the built-in
 * sandbox so a newcomer sees real answers at once.
 */
async function main(): Promise<void> {
  let config: HubConfig;
  let stopSandbox: (() => Promise<void>) | undefined;
  if (process.env.HUB_CONFIG) {
    config = loadConfigFile(process.env.HUB_CONFIG);
  } else {
    const { startSandbox } = await import('../sandbox/sandbox.server');
    const port = Number(process.env.SANDBOX_PORT ?? 4010);
    const sandbox = await startSandbox({ port }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EADDRINUSE') throw e;
      return startSandbox({ port: 0 });
    });
    stopSandbox = () => sandbox.close();
    config = loadConfigFile(join(projectRoot(), 'config/sandbox.yaml'), {
      ...process.env,
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
  printWelcome(url, config, process.env.SANDBOX_URL);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || (error as Error)?.name === 'MappingDefinitionError') {
    console.error(`Context Hub cannot start: ${(error as Error).message}`);
  } else {
    console.error('Context Hub cannot start:', error);
  }
  process.exit(1);
});
