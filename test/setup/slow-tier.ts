// Tests never fail on wall-clock speed: the integration and e2e tiers start real servers, Redis
// clients and browsers, which on a loaded CI machine can take far longer than Jest's 5 s default
// (a hub started without Redis waits 1.5 s for it on purpose). This bound only catches a hang.
jest.setTimeout(60_000);
