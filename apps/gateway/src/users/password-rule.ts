import { applyDecorators } from '@nestjs/common';
import { IsString, MaxLength, MinLength } from 'class-validator';

/**
 * What a staff password must be: the one rule for `POST /users` and for the
 * first admin's NEWSROOM_ADMIN_PASSWORD in production.
 */
export const PASSWORD_RULE = { minLength: 8, maxLength: 200 } as const;

/** The rule as validation decorators for a DTO property. */
export const IsStaffPassword = () => applyDecorators(IsString(), MinLength(PASSWORD_RULE.minLength), MaxLength(PASSWORD_RULE.maxLength));

/** Why `password` breaks the rule, or null when it keeps it (for checks outside a DTO). */
export function passwordRuleProblem(password: string): string | null {
  if (password.length < PASSWORD_RULE.minLength) return `must be at least ${PASSWORD_RULE.minLength} characters`;
  if (password.length > PASSWORD_RULE.maxLength) return `must be at most ${PASSWORD_RULE.maxLength} characters`;
  return null;
}
