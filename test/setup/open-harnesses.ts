import { closeOpenHarnesses } from '../support/hub-harness';

// A hub a test file left open (say, its start outlived a hook's timeout) is closed after the
// file, and the file fails for it, so the run reports it and ends instead of waiting on the hub's
// sockets. This hook sits on the file's root block ahead of the file's own: a spec's hooks that
// close a hub belong inside a `describe`, which finishes first.
afterAll(closeOpenHarnesses);
