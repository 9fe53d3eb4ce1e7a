import { expect, test } from '@playwright/test';
import { actAs, authFile } from './helpers';

const NODE = 'sys.hcs.initech';

test.describe('Security page as a Manager', () => {
  test.use({ storageState: authFile('manager.initech') });

  test('IP allowlist: shows the visitor IP, refuses a list without it, saves a normalised list, reverts', async ({ page }) => {
    await page.goto(`/users/setup/security?node=${NODE}`);
    const section = page.getByRole('region', { name: 'Restrict access by IP' });
    await expect(section.getByText('inherited from sys')).toBeVisible();
    await section.getByRole('button', { name: /^Override .+ here$/ }).click();
    const ip = (await section.getByTestId('visitor-ip').textContent())!.trim();
    expect(ip).toMatch(/^[0-9a-f.:]+$/);

    await section.getByLabel('Allow connections from the following IPs only').check();
    await section.getByLabel('Allowed IPs').fill('10.0.0.1/8\n300.1.1.1');
    await section.getByRole('button', { name: 'Save IP restriction' }).click();
    await expect(section.getByText('"300.1.1.1" is not a valid IP address, range or CIDR block')).toBeVisible();

    await section.getByLabel('Allowed IPs').fill('10.0.0.1/8');
    await section.getByRole('button', { name: 'Save IP restriction' }).click();
    await expect(section.getByRole('alert')).toContainText(`does not include your own IP address (${ip})`);
    await page.reload();
    await expect(page.getByRole('region', { name: 'Restrict access by IP' }).getByText('inherited from sys')).toBeVisible();

    // With the visitor's own address in the list it saves, normalised.
    const s2 = page.getByRole('region', { name: 'Restrict access by IP' });
    await s2.getByRole('button', { name: /^Override .+ here$/ }).click();
    await s2.getByLabel('Allow connections from the following IPs only').check();
    await s2.getByLabel('Allowed IPs').fill(`10.0.0.1/8\n${ip}\n2001:DB8:0::1`);
    await s2.getByRole('button', { name: 'Save IP restriction' }).click();
    await expect(s2.getByRole('status')).toHaveText('Saved.');
    await expect(s2.getByText('Defined here')).toBeVisible();
    await expect(s2.getByText(/10\.0\.0\.0\/8, .*2001:db8::1/)).toBeVisible();
    await s2.getByRole('button', { name: 'Revert to inherited' }).click();
    await s2.getByRole('alertdialog').getByRole('button', { name: 'Revert to inherited' }).click();
    await expect(s2.getByText('inherited from sys')).toBeVisible();
  });

  test('two-factor and session timeouts: override, validation, revert', async ({ page }) => {
    await page.goto(`/users/setup/security?node=${NODE}`);
    const tf = page.getByRole('region', { name: 'Two-factor authentication' });
    await tf.getByRole('button', { name: /^Override .+ here$/ }).click();
    await tf.getByLabel('Require two-factor authentication for all users').check();
    await tf.getByRole('button', { name: 'Save two-factor authentication' }).click();
    // Switching it on asks first, with the number of accounts that will have to enrol.
    const ask = tf.getByRole('alertdialog', { name: 'Require two-factor authentication?' });
    await expect(ask).toContainText(/\d+ accounts? below will enrol at their next sign-in/);
    await ask.getByRole('button', { name: 'Require two-factor authentication' }).click();
    await expect(tf.getByText('Required for all users')).toBeVisible();
    await tf.getByRole('button', { name: 'Revert to inherited' }).click();
    await tf.getByRole('alertdialog').getByRole('button', { name: 'Revert to inherited' }).click();
    await expect(tf.getByText('inherited from sys')).toBeVisible();
    await expect(tf.getByText('Not required')).toBeVisible();

    const st = page.getByRole('region', { name: 'Session timeout' });
    await st.getByRole('button', { name: /^Override .+ here$/ }).click();
    await st.getByLabel('Manager session timeout (minutes)', { exact: true }).fill('9');
    await st.getByRole('button', { name: 'Save session timeouts' }).click();
    await expect(st.getByText('At least 10 minutes')).toBeVisible();
    await st.getByLabel('Manager session timeout (minutes)', { exact: true }).fill('30');
    await st.getByLabel('User session timeout (minutes)', { exact: true }).fill('240');
    await st.getByRole('button', { name: 'Save session timeouts' }).click();
    await expect(st.getByText('Manager: 30 min, User: 240 min')).toBeVisible();
  });

  test('a second editor of the same section is told to reload instead of overwriting', async ({ page, context }) => {
    const other = await context.newPage();
    for (const p of [page, other]) {
      await p.goto(`/users/setup/security?node=${NODE}`);
      await p
        .getByRole('region', { name: 'Two-factor authentication' })
        .getByRole('button', { name: /^Override .+ here$/ })
        .click();
    }
    const a = page.getByRole('region', { name: 'Two-factor authentication' });
    await a.getByLabel('Require two-factor authentication for all users').check();
    await a.getByRole('button', { name: 'Save two-factor authentication' }).click();
    await a.getByRole('alertdialog').getByRole('button', { name: 'Require two-factor authentication' }).click();
    await expect(a.getByRole('status')).toHaveText('Saved.');
    // The same page saves again: it carries the new version.
    await a.getByLabel('Require two-factor authentication for all users').uncheck();
    await a.getByRole('button', { name: 'Save two-factor authentication' }).click();
    await expect(a.getByText('Not required')).toBeVisible();
    const b = other.getByRole('region', { name: 'Two-factor authentication' });
    await b.getByLabel('Require two-factor authentication for all users').check();
    await b.getByRole('button', { name: 'Save two-factor authentication' }).click();
    await b.getByRole('alertdialog').getByRole('button', { name: 'Require two-factor authentication' }).click();
    await expect(b.getByRole('alert')).toContainText('Someone else changed this section');
    await a.getByRole('button', { name: 'Revert to inherited' }).click();
    await a.getByRole('alertdialog').getByRole('button', { name: 'Revert to inherited' }).click();
    await expect(a.getByText('inherited from sys')).toBeVisible();
  });

  test('leaving with unsaved changes warns', async ({ page }) => {
    await page.goto(`/users/setup/security?node=${NODE}`);
    const tf = page.getByRole('region', { name: 'Two-factor authentication' });
    await tf.getByRole('button', { name: /^Override .+ here$/ }).click();
    await tf.getByLabel('Require two-factor authentication for all users').check();
    let message = '';
    page.once('dialog', (d) => {
      message = d.message();
      void d.dismiss();
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await expect.poll(() => message).toContain('unsaved changes');
    await expect(page).toHaveURL(/\/users\/setup\/security/);
  });

  test('the New Data Security Model is one-way, even for a crafted request', async ({ page, context }) => {
    await page.goto(`/users/setup/security?node=${NODE}.site1`);
    const dsm = page.getByRole('region', { name: 'New Data Security Model', exact: true });
    await dsm.getByRole('button', { name: /^Override .+ here$/ }).click();
    await dsm.getByRole('button', { name: 'Enable the New Data Security Model' }).click();
    await expect(dsm.getByText('Tick the confirmation to enable the New Data Security Model')).toBeVisible();
    await dsm.getByLabel('I understand that the New Data Security Model cannot be switched off again').check();
    await dsm.getByRole('button', { name: 'Enable the New Data Security Model' }).click();
    const features = page.getByRole('region', { name: 'New Data Security Model features' });
    await expect(features.getByRole('listitem')).toHaveText([/Scheduled Reporting/, /Asset Tagging/]);
    await expect(features.getByRole('img', { name: 'enabled' })).toHaveCount(2);
    await expect(dsm.getByRole('button', { name: 'Revert to inherited' })).toHaveCount(0);
    await expect(dsm.getByRole('button', { name: 'Enable the New Data Security Model' })).toHaveCount(0);

    // A crafted revert: take another section's Revert form and point it at the data model.
    const tf = page.getByRole('region', { name: 'Two-factor authentication' });
    await tf.getByRole('button', { name: /^Override .+ here$/ }).click();
    await tf.getByRole('button', { name: 'Save two-factor authentication' }).click();
    await expect(tf.getByText('Defined here')).toBeVisible();
    await tf.locator('input[name="group"]').evaluate((el) => ((el as HTMLInputElement).value = 'dataSecurityModel'));
    await tf.getByRole('button', { name: 'Revert to inherited' }).click();
    await tf.getByRole('alertdialog').getByRole('button', { name: 'Revert to inherited' }).click();
    await expect(tf.getByRole('alert')).toHaveText('The New Data Security Model cannot be switched off in the console.');
    await page.reload();
    await expect(page.getByRole('region', { name: 'New Data Security Model features' })).toBeVisible();
    void context;
  });

  test('a Unit Manager’s crafted save on the Security page is refused by the server', async ({ page, context }) => {
    await page.goto(`/users/setup/security?node=${NODE}`);
    const tf = page.getByRole('region', { name: 'Two-factor authentication' });
    await tf.getByRole('button', { name: /^Override .+ here$/ }).click();
    await tf.getByLabel('Require two-factor authentication for all users').check();
    for (const who of ['unit.initech', 'useradmin.initech', 'user.initech']) {
      await actAs(context, who);
      await tf.getByRole('button', { name: 'Save two-factor authentication' }).click();
      await tf.getByRole('alertdialog').getByRole('button', { name: 'Require two-factor authentication' }).click();
      await expect(tf.getByRole('alert')).toHaveText('Your role does not allow this.');
    }
    await actAs(context, 'manager.initech');
    await page.reload();
    await expect(page.getByRole('region', { name: 'Two-factor authentication' }).getByText('inherited from sys')).toBeVisible();
  });
});

test.describe('Security page refused to other roles', () => {
  for (const who of ['unit.initech', 'useradmin.initech', 'user.initech']) {
    test.describe(who, () => {
      test.use({ storageState: authFile(who) });
      test(`${who} gets 403`, async ({ page }) => {
        const res = await page.goto('/users/setup/security');
        expect(res?.status()).toBe(403);
      });
    });
  }
});
