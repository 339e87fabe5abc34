import { closeOpenHarnesses } from '../support/hub-harness';

// A hub a test file left open (say, its start outlived a hook's timeout) is closed after the
// file, so the run reports the failure and ends instead of waiting on the hub's sockets.
afterAll(closeOpenHarnesses);
