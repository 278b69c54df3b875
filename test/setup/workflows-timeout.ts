// A real Temporal dev server and workflow bundling: seconds, not milliseconds (jest's
// testTimeout is global, so each project sets its own default here).
jest.setTimeout(60_000);
