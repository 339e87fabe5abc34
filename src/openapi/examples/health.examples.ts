import { type OperationExamples } from './operation-examples';

/**
 * checkLiveness and checkReadiness: the orchestrator's probes. Readiness answers terminus's report,
 * also with its 503 (the database did not answer), not a problem document.
 */

export const HEALTH_EXAMPLES: Record<string, OperationExamples> = {
  checkLiveness: {
    responses: { '200': { status: 'ok' } },
  },
  checkReadiness: {
    responses: {
      '200': {
        status: 'ok',
        info: { redis: { status: 'up' }, database: { status: 'up' } },
        error: {},
        details: { redis: { status: 'up' }, database: { status: 'up' } },
      },
      '503': {
        status: 'error',
        info: { redis: { status: 'up' } },
        error: { database: { status: 'down', message: 'timeout of 1500ms exceeded' } },
        details: {
          redis: { status: 'up' },
          database: { status: 'down', message: 'timeout of 1500ms exceeded' },
        },
      },
    },
  },
};
