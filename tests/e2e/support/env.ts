// One place for the end-to-end run's ports and files; override by environment to run several
// suites side by side on one machine.
export const PORT = Number(process.env.E2E_PORT ?? 4173);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
export const SINK_SMTP_PORT = Number(process.env.SINK_SMTP_PORT ?? 4025);
export const SINK_HTTP_PORT = Number(process.env.SINK_HTTP_PORT ?? 4026);
export const MAIL_SINK = `http://127.0.0.1:${SINK_HTTP_PORT}`;
export const E2E_OUT = `test-results/e2e-${PORT}`;
export const E2E_DB = `test-results/e2e-${PORT}.db`;
export const ADMIN_STATE = `test-results/e2e-${PORT}-admin.json`;

export const ADMIN = { name: '李华', email: 'admin@example.com', password: 'gala-admin-pass' };
export const VIEWER = { name: '赵敏', email: 'viewer@example.com', password: 'gala-viewer-pass' };
