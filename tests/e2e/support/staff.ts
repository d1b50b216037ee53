/** Signing in as a demo staff member (one account per role, passwords derived from the test secret). */
import type { Page } from '@playwright/test';
import { demoPassword, demoUsername } from '../../../api/staff/demo-accounts.ts';
import type { StaffRole } from '../../../api/domain/staff/staff.ts';
import type { Language } from './portal.ts';

export function passwordOf(role: StaffRole): string {
  const secret = process.env.E2E_PORTAL_SECRET;
  if (!secret) throw new Error('global-setup sets E2E_PORTAL_SECRET');
  return demoPassword(Buffer.from(secret, 'hex'), role);
}

export async function signIn(page: Page, language: Language, role: StaffRole, password = passwordOf(role)) {
  const s = language.strings;
  await page.goto(language.path('/staff/sign-in'));
  await page.getByLabel(s.staff.signIn.username).fill(demoUsername(role));
  await page.getByLabel(s.staff.signIn.password).fill(password);
  await page.getByRole('button', { name: s.staff.signIn.submit }).click();
}
