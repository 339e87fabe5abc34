import nock from 'nock';

// No test may reach the internet: only loopback (the sandbox, the hub under test, Redis, PostgreSQL).
nock.disableNetConnect();
nock.enableNetConnect((host) => /^(127\.\d+\.\d+\.\d+|localhost|\[::1\]|::1)(:\d+)?$/.test(host));
