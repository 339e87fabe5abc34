import { ConfigError } from './config/config.loader';

/** The flag `npm start` passes to ask for the demo on the built-in sandbox. */
export const DEMO_FLAG = '--demo';

/**
 * Throws a ConfigError unless the demo was asked for (`--demo`) outside production: with no
 * HUB_CONFIG, the entry point would otherwise come up with the published demo keys, the one
 * mistake a deployment that lost its config must not make quietly.
 */
export function refuseUnaskedDemo(args: readonly string[], env: NodeJS.ProcessEnv): void {
  if (env.NODE_ENV === 'production') {
    throw new ConfigError(
      'HUB_CONFIG is not set. Set it to your configuration file (config/hub.example.yaml shows ' +
        'every setting); the demo on the built-in sandbox does not run with NODE_ENV=production.',
    );
  }
  if (!args.includes(DEMO_FLAG)) {
    throw new ConfigError(
      'HUB_CONFIG is not set. Set it to your configuration file (config/hub.example.yaml shows ' +
        `every setting), or ask for the demo on the built-in sandbox: npm start (node dist/src/main.js ${DEMO_FLAG}).`,
    );
  }
}
