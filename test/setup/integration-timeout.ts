// The real stack (Trino statements, FullSetup runs): minutes, not seconds (jest's testTimeout is
// global, so each project sets its own default here).
jest.setTimeout(600_000);
