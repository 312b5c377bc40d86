// Global test setup. Vendor mocks (msw) are started per test file through test/msw/server.ts so that
// each file declares exactly which vendors it expects; any request no handler matches fails the test.
process.env.TZ = "UTC";
