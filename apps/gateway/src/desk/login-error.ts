import { STRINGS } from '@newsroom/html';
import { apiMessage, ApiAnswer } from './staff-api.service';

/**
 * What the login page says when the API refuses a sign-in: wrong credentials
 * and too many attempts get the desk's own Indonesian words (the API's
 * messages are English); anything else passes the API's message on.
 */
export function loginError(answer: ApiAnswer): string {
  if ((answer.body as { code?: string } | undefined)?.code === 'AUTH.ACCOUNT_DEACTIVATED') return STRINGS.accountDeactivated;
  if (answer.status === 401 || answer.status === 400) return STRINGS.badLogin;
  if (answer.status === 429) return STRINGS.tooManyLogins;
  return apiMessage(answer);
}
