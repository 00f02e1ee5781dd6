import { expect, hydrated, test } from './support/test';
import { ADMIN, ADMIN_STATE, VIEWER } from './support/env';

test('first run: the set-up page creates the first admin, who can then add a viewer', async ({
	page
}) => {
	await page.goto('/');
	await expect(page).toHaveURL(/\/setup$/);
	await expect(page.getByRole('heading', { name: '欢迎使用 Gala' })).toBeVisible();

	// Bad input is answered inline and nothing is created.
	await page.getByLabel('您的姓名').fill(ADMIN.name);
	await page.getByLabel('邮箱').fill(ADMIN.email);
	// Set-up asks for the company every email comes from; no placeholder name is kept.
	await page.getByLabel('公司名称（中文）').fill('华东优品食品有限公司');
	await page.getByLabel('公司名称（英文）').fill('East China Fine Foods Co., Ltd.');
	await page.getByLabel('密码').fill('short');
	await page.getByLabel('密码').evaluate((el) => el.removeAttribute('minlength'));
	await page.getByRole('button', { name: '创建管理员' }).click();
	await expect(page.getByText('密码至少 8 个字符。').first()).toBeVisible();
	await hydrated(page);

	await page.getByLabel('密码').fill(ADMIN.password);
	await page.getByRole('button', { name: '创建管理员' }).click();
	await expect(page.getByRole('heading', { name: `欢迎，${ADMIN.name}` })).toBeVisible();

	// Signing out and in again works with the new password.
	await page.getByRole('button', { name: '退出登录' }).first().click();
	await expect(page).toHaveURL(/\/login/);
	// Sign-out is a plain form post: a new document, to hydrate before typing into it.
	await hydrated(page);
	await page.getByLabel('邮箱').fill(ADMIN.email);
	await page.getByLabel('密码').fill('wrong-password');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByText('邮箱或密码不正确。')).toBeVisible();
	await page.getByLabel('密码').fill(ADMIN.password);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('heading', { name: `欢迎，${ADMIN.name}` })).toBeVisible();

	// goto returns once the page has hydrated (support/test.ts), so nothing typed is reset.
	await page.goto('/admin/users');
	const newUser = page.getByRole('form', { name: '添加用户' });
	await newUser.getByLabel('姓名').fill(VIEWER.name);
	await newUser.getByLabel('邮箱').fill(VIEWER.email);
	await newUser.getByLabel('角色').selectOption('viewer');
	await newUser.getByLabel('密码').fill(VIEWER.password);
	await newUser.getByRole('button', { name: '添加用户' }).click();
	await expect(page.getByTestId('flash')).toContainText(VIEWER.name);

	await page.context().storageState({ path: ADMIN_STATE });
});
