import { expect, test } from './clock';
import { signIn } from './portal';

test('the portal loads and the catalog lists a demo service', async ({
  page,
}) => {
  // signIn asserts that the portal shows its Catalog link
  await signIn(page);

  await page.goto('/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=all');
  await expect(
    page.getByRole('link', { name: 'checkout-api', exact: true }),
  ).toBeVisible();
});
