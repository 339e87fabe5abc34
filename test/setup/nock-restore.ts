import nock from 'nock';

// Each test file loads its own nock, which patches Node's shared http module; restore it when the
// file ends so the next file's nock is the only one intercepting (otherwise the oldest one answers).
afterAll(() => {
  nock.cleanAll();
  nock.restore();
});
