export const MAIL_SINK = 'http://127.0.0.1:4026';
export const ADMIN = { name: '李华', email: 'admin@example.com', password: 'gala-admin-pass' };
export const VIEWER = { name: '赵敏', email: 'viewer@example.com', password: 'gala-viewer-pass' };
export const ADMIN_STATE = 'test-results/e2e-admin.json';
