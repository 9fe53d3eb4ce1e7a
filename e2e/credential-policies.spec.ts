import { expect, type Page, test } from '@playwright/test';
import { authFile } from './helpers';

const PAGE = '/users/setup/credential-policies';
const editor = (page: Page) => page.getByRole('region', { name: 'Policy editor' });
const alert = (page: Page) => page.locator('[role=alert]:not(#__next-route-announcer__)').filter({ hasText: /\S/ });
const row = (page: Page, name: string) => page.locator(`tr[data-policy="${name}"]`);

test.describe('manager.acme', () => {
  test.use({ storageState: authFile('manager.acme') });

  test('creates, copies, makes a node default, sees it inherited, explains it, and reverts', async ({ page }) => {
    // Create from the NIST template at sys.hcs.acme: no expiry is weaker than HcsCredentialPolicy.
    await page.goto(`${PAGE}?node=sys.hcs.acme`);
    await page.getByRole('link', { name: 'New from NIST SP 800-63B-4' }).click();
    await expect(editor(page).getByText(/NIST SP 800-63B-4 §3\.1\.1\.2/)).toBeVisible();
    await expect(page.getByLabel('Minimum Password Length', { exact: true })).toHaveValue('15');
    await page.getByLabel('Name', { exact: true }).fill('E2E Acme NIST');
    const warning = page.getByRole('region', { name: 'Weaker than inherited' });
    await expect(warning).toContainText('Password Expires (months): 0 (off) (inherited: 6)');
    await page.getByRole('button', { name: 'Create policy' }).click();
    await expect(alert(page)).toContainText('weaker than HcsCredentialPolicy');
    await page.getByLabel(/Save it anyway/).check();
    await page.getByRole('button', { name: 'Create policy' }).click();
    await expect(page.getByRole('status').first()).toHaveText('Saved E2E Acme NIST at sys.hcs.acme.');
    await expect(row(page, 'E2E Acme NIST')).toContainText('Defined here');

    // Rename in place (and a clash with a visible policy is refused).
    await row(page, 'E2E Acme NIST').getByText('Rename', { exact: true }).first().click();
    await page.getByLabel('New name for E2E Acme NIST').fill('hcscredentialpolicy');
    await row(page, 'E2E Acme NIST').getByRole('button', { name: 'Rename' }).click();
    await expect(alert(page)).toHaveText('A policy named "HcsCredentialPolicy" is already visible here (defined at sys.hcs). Choose another name.');
    await page.getByLabel('New name for E2E Acme NIST').fill('E2E Acme NIST 2');
    await row(page, 'E2E Acme NIST').getByRole('button', { name: 'Rename' }).click();
    await expect(page.getByRole('status').first()).toHaveText('Renamed E2E Acme NIST to E2E Acme NIST 2.');

    // Copy and edit.
    await page.getByRole('link', { name: 'Copy and edit E2E Acme NIST 2' }).click();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Copy of E2E Acme NIST 2');
    await page.getByLabel('Name', { exact: true }).fill('E2E Acme Copy');
    await page.getByLabel(/Save it anyway/).check();
    await page.getByRole('button', { name: 'Create policy' }).click();
    await expect(page.getByRole('status').first()).toHaveText('Saved E2E Acme Copy at sys.hcs.acme.');

    // Make the copy the default of sys.hcs.acme.north, with the what-if preview first.
    await page.goto(`${PAGE}?node=sys.hcs.acme.north`);
    await expect(page.getByTestId('effective-default')).toContainText('HcsCredentialPolicy inherited from sys.hcs');
    await page.getByLabel('Default Credential Policy', { exact: true }).selectOption({ label: 'E2E Acme Copy (sys.hcs.acme)' });
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await expect(page.getByRole('status', { name: 'What-if preview' })).toContainText(/\d+ accounts would take their policy from this default/);
    await page.getByRole('button', { name: 'Override here' }).click();
    try {
      await expect(page.getByTestId('effective-default')).toContainText('E2E Acme Copy Defined here');
      await page.goto('/users/setup/security?node=sys.hcs.acme.north.contoso');
      const security = page.getByRole('region', { name: 'Password Security' });
      await expect(security).toContainText('inherited from sys.hcs.acme.north');
      await expect(security).toContainText('E2E Acme Copy (default inherited from sys.hcs.acme.north)');

      await page.goto('/users/alice.contoso?tab=security');
      const why = page.getByRole('region', { name: 'Why this policy' });
      await expect(why.getByTestId('why-summary')).toContainText(
        'E2E Acme Copy: default of sys.hcs.acme.north, inherited by sys.hcs.acme.north.contoso',
      );
      const chain = why.getByRole('list', { name: 'Policy chain' }).getByRole('listitem');
      await expect(chain).toHaveText([
        'No policy assigned to alice.contoso: use the node default',
        'sys.hcs.acme.north.contoso names no default: inherited from above',
        'Default Credential Policy of sys.hcs.acme.north: E2E Acme Copy, inherited by sys.hcs.acme.north.contoso ← decides',
        'sys.hcs names HcsCredentialPolicy (not used: decided above)',
      ]);
      await expect(page.getByLabel('Credential policy', { exact: true })).toHaveValue('');
      await expect(page.getByLabel('Credential policy', { exact: true }).locator('option').first()).toHaveText(
        'Use the node default (currently E2E Acme Copy from sys.hcs.acme.north)',
      );
    } finally {
      // Revert, so that contoso inherits HcsCredentialPolicy again for every other test.
      await page.goto(`${PAGE}?node=sys.hcs.acme.north`);
      await page.getByRole('button', { name: 'Revert to inherited' }).click();
      await expect(page.getByTestId('effective-default')).toContainText('HcsCredentialPolicy inherited from sys.hcs');
    }
    await page.goto('/users/setup/security?node=sys.hcs.acme.north.contoso');
    await expect(page.getByRole('region', { name: 'Password Security' })).toContainText('inherited from sys.hcs');
    await expect(page.getByRole('region', { name: 'Password Security' })).not.toContainText('E2E Acme Copy');
  });
});

test.describe('manager.contoso', () => {
  test.use({ storageState: authFile('manager.contoso') });

  test('cannot see or assign policies defined at sys.hcs.globex, even by a crafted post', async ({ page, browser }) => {
    await page.goto(PAGE);
    await expect(row(page, 'E2E Concurrent')).toBeVisible();
    await expect(row(page, 'HcsCredentialPolicy')).toContainText('inherited from sys.hcs');
    await expect(page.getByText('Globex Only')).toHaveCount(0);
    expect((await page.goto(`${PAGE}?node=sys.hcs.globex`))?.status()).toBe(403);

    // The id of Globex Only, as manager.globex sees it.
    const globex = await browser.newContext({ storageState: authFile('manager.globex') });
    const gp = await globex.newPage();
    await gp.goto(PAGE);
    const href = await gp.getByRole('link', { name: 'Edit Globex Only', exact: true }).getAttribute('href');
    const globexId = new URL(href!, 'http://x').searchParams.get('edit')!;
    // And manager.globex cannot open a contoso account's policy page.
    expect((await gp.goto('/users/alice.contoso?tab=security'))?.status()).toBe(404);
    await expect(gp.getByText('Why this policy')).toHaveCount(0);
    await globex.close();

    await page.goto('/users/assign.contoso?tab=security');
    const select = page.getByLabel('Credential policy', { exact: true });
    const labels = await select.locator('option').allTextContents();
    expect(labels).toContain('E2E In Use (sys.hcs.acme.north.contoso)');
    expect(labels).toContain('HcsCredentialPolicy (sys.hcs)');
    expect(labels.join('|')).not.toContain('Globex');
    expect(labels[0]).toBe('Use the node default (currently HcsCredentialPolicy from sys.hcs)');

    // A crafted choice: the option's value replaced by the Globex policy's id.
    await select
      .locator('option')
      .nth(1)
      .evaluate((o, id) => ((o as HTMLOptionElement).value = id), globexId);
    await select.selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Save credential policy' }).click();
    await expect(alert(page)).toHaveText('Choose a policy defined at sys.hcs.acme.north.contoso or above it.');
    await page.reload();
    await expect(page.getByRole('region', { name: 'Why this policy' }).getByTestId('why-summary')).toContainText(
      'E2E In Use: assigned to the account',
    );

    // A legitimate assignment works and is explained.
    await page.getByLabel('Credential policy', { exact: true }).selectOption({ label: 'E2E Concurrent (sys.hcs.acme.north.contoso)' });
    await page.getByRole('button', { name: 'Save credential policy' }).click();
    await expect(page.getByRole('status')).toHaveText('assign.contoso now uses E2E Concurrent.');
    await expect(page.getByTestId('why-summary')).toContainText('E2E Concurrent: assigned to the account');
    await page.getByLabel('Credential policy', { exact: true }).selectOption({ label: 'E2E In Use (sys.hcs.acme.north.contoso)' });
    await page.getByRole('button', { name: 'Save credential policy' }).click();
    await expect(page.getByRole('status')).toHaveText('assign.contoso now uses E2E In Use.');
  });

  test('refuses deleting a policy in use, naming the account', async ({ page }) => {
    await page.goto(PAGE);
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Delete E2E In Use' }).click();
    await expect(row(page, 'E2E In Use').getByRole('alert')).toContainText(
      '"E2E In Use" is in use and cannot be deleted: assigned to assign.contoso',
    );
    await page.reload();
    await expect(row(page, 'E2E In Use')).toBeVisible();
  });

  test('out-of-range values and a duplicate name get field errors; nothing is written', async ({ page }) => {
    await page.goto(PAGE);
    await page.getByRole('link', { name: 'New from Standard (HcsCredentialPolicy defaults)' }).click();
    await page.getByLabel('Name', { exact: true }).fill('e2e concurrent');
    await page.getByLabel('Minimum Password Length', { exact: true }).fill('7');
    await page.getByLabel('Failed Login Count per User', { exact: true }).fill('1001');
    await page.getByRole('button', { name: 'Create policy' }).click();
    await expect(editor(page).getByText('Minimum Password Length must be between 8 and 128')).toBeVisible();
    await expect(editor(page).getByText('Failed Login Count per User must be between 1 and 1000')).toBeVisible();
    await page.getByLabel('Minimum Password Length', { exact: true }).fill('12');
    await page.getByLabel('Failed Login Count per User', { exact: true }).fill('20');
    await page.getByRole('button', { name: 'Create policy' }).click();
    await expect(
      editor(page)
        .getByText(/A policy named "E2E Concurrent" is already visible here/)
        .first(),
    ).toBeVisible();

    // The live checklist of the policy being edited.
    await page.getByLabel('Try a password', { exact: true }).fill('p@ssw0rd');
    const rules = editor(page).getByRole('list', { name: 'Password rules' });
    await expect(rules.locator('li[data-rule="commonPassword"]')).toHaveAttribute('data-ok', 'false');
    await expect(rules.locator('li[data-rule="minimumLength"]')).toHaveAttribute('data-ok', 'false');
    await page.getByLabel('Try a password', { exact: true }).fill('Quiet-Harbour-5829!');
    await expect(rules.locator('li[data-ok="false"]')).toHaveCount(0);
    await expect(editor(page).getByTestId('password-strength')).toHaveText(/Strong|Very strong/);

    await page.goto(PAGE);
    expect(
      await page
        .locator('tr[data-policy]')
        .evaluateAll((rows) => rows.filter((r) => r.getAttribute('data-policy')?.toLowerCase() === 'e2e concurrent').length),
    ).toBe(1);
  });

  test('two browser contexts edit the same policy: the second save is told to reload', async ({ browser }) => {
    const open = async () => {
      const ctx = await browser.newContext({ storageState: authFile('manager.contoso') });
      const p = await ctx.newPage();
      await p.goto(PAGE);
      await p.getByRole('link', { name: 'Edit E2E Concurrent', exact: true }).click();
      await expect(p.getByLabel('Name', { exact: true })).toHaveValue('E2E Concurrent');
      return { ctx, p };
    };
    const a = await open();
    const b = await open();
    await a.p.getByLabel('Idle Session Timeout (minutes)', { exact: true }).fill('15');
    await a.p.getByRole('button', { name: 'Save policy' }).click();
    await expect(a.p.getByRole('status').first()).toHaveText('Saved E2E Concurrent at sys.hcs.acme.north.contoso.');
    await b.p.getByLabel('Minimum Password Length', { exact: true }).fill('10');
    await b.p.getByRole('button', { name: 'Save policy' }).click();
    await expect(alert(b.p)).toContainText('Someone else saved this policy after you opened it. Reload the page');
    await b.p.reload();
    await expect(b.p.getByLabel('Idle Session Timeout (minutes)', { exact: true })).toHaveValue('15');
    await expect(b.p.getByLabel('Minimum Password Length', { exact: true })).toHaveValue('8');
    await a.ctx.close();
    await b.ctx.close();
  });
});

test.describe('unit.contoso', () => {
  test.use({ storageState: authFile('unit.contoso') });

  test('reads policies but cannot save one, even with the button re-enabled', async ({ page }) => {
    await page.goto('/users');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Credential Policies' })).toHaveCount(0);
    await page.goto(PAGE);
    await expect(page.getByRole('button', { name: 'Override here' })).toBeDisabled();
    await page.getByRole('link', { name: 'View E2E Concurrent', exact: true }).click();
    const save = page.getByRole('button', { name: 'Save policy' });
    await expect(save).toBeDisabled();
    await page.getByLabel('Minimum Password Length', { exact: true }).fill('20');
    await save.evaluate((b) => b.removeAttribute('disabled'));
    await save.click();
    await expect(alert(page)).toHaveText('Your role does not allow this.');
    await page.reload();
    await expect(page.getByLabel('Minimum Password Length', { exact: true })).not.toHaveValue('20');
  });
});
