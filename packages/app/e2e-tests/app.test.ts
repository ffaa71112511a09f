import { expect, test } from './clock';

test('the portal loads and the catalog lists a demo service', async ({
  page,
}) => {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  const catalog = page.getByRole('link', { name: 'Catalog', exact: true });
  await expect(enter.or(catalog).first()).toBeVisible();
  if (await enter.isVisible()) {
    await enter.click();
  }
  await expect(catalog).toBeVisible();

  await page.goto('/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=all');
  await expect(
    page.getByRole('link', { name: 'checkout-api', exact: true }),
  ).toBeVisible();
});
