import { IsEmail, IsInt, IsOptional, IsString, Max, Min, MinLength, Validate } from 'class-validator';
import { weakSecretProblem } from '@newsroom/config';
import { EgressAllowList, IsEgressAllowList } from '@newsroom/egress';
import { HttpServerConfig } from '@newsroom/http';
import { passwordRuleProblem } from './users/password-rule';

export const DEV_ADMIN_EMAIL = 'admin@newsroom.local';
export const DEV_ADMIN_PASSWORD = 'admin';
/** Production's floor for the token signing secret. */
const JWT_SECRET_MIN_LENGTH = 32;
/** The signing secret earlier versions fell back to: published in this repository, so never accepted in production. */
const PUBLISHED_JWT_SECRET = 'dev-only-newsroom-secret-change-me';

export class GatewayConfig extends HttpServerConfig {
  /** hosts or CIDRs webhooks may target although internal (see WebhookTargetsConfig, which the review service reads) */
  @IsString()
  @Validate(IsEgressAllowList)
  NEWSROOM_WEBHOOK_ALLOWED_HOSTS: string = '';

  #allowList?: EgressAllowList;

  get webhookAllowList(): EgressAllowList {
    return (this.#allowList ??= EgressAllowList.parse(this.NEWSROOM_WEBHOOK_ALLOWED_HOSTS));
  }

  @IsEmail({ require_tld: false })
  NEWSROOM_ADMIN_EMAIL: string = DEV_ADMIN_EMAIL;

  @IsString()
  @MinLength(1)
  NEWSROOM_ADMIN_PASSWORD: string = DEV_ADMIN_PASSWORD;

  /**
   * Signs access tokens (HS256); every gateway replica needs the same one.
   * Required in production. Unset elsewhere, each process makes a random one
   * at start-up (AuthModule): a published constant would let anyone sign
   * admin tokens for a development box that happens to be reachable.
   */
  @IsOptional()
  @IsString()
  @MinLength(16)
  NEWSROOM_JWT_SECRET?: string;

  /** how long an access token (and the desk's session) lives; a few seconds only make sense in tests */
  @IsInt()
  @Min(5)
  NEWSROOM_TOKEN_TTL_SECONDS: number = 12 * 3600;

  /** failed logins for one account (any address) within 15 minutes before its logins are refused until the window ends */
  @IsInt()
  @Min(1)
  NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT: number = 10;

  @IsInt()
  @Min(5)
  NEWSROOM_CLAIM_TTL_SECONDS: number = 900;

  /**
   * A comment on every open review-queue stream this often, so proxies and
   * load balancers (idle timeouts of 30-60 s) never take a quiet stream for a
   * dead one; 15 s costs nothing. Short only in tests.
   */
  @IsInt()
  @Min(100)
  @Max(60_000)
  NEWSROOM_SSE_HEARTBEAT_MS: number = 15_000;

  /** minutes an article may wait in the review queue before the desk marks it over the SLA */
  @IsInt()
  @Min(1)
  NEWSROOM_REVIEW_SLA_MINUTES: number = 30;

  /** the same for breaking news */
  @IsInt()
  @Min(1)
  NEWSROOM_REVIEW_SLA_BREAKING_MINUTES: number = 5;

  /** login attempts per client IP per minute: slows down password guessing */
  @IsInt()
  @Min(1)
  NEWSROOM_RATE_LIMIT_LOGINS_PER_MINUTE: number = 20;

  /** Production must not run on the well-known development values, nor on secrets that are short or guessable. */
  problems(): string[] {
    const problems = super.problems();
    if (!this.isProduction) return problems;
    if (this.NEWSROOM_ADMIN_EMAIL === DEV_ADMIN_EMAIL || this.NEWSROOM_ADMIN_PASSWORD === DEV_ADMIN_PASSWORD) {
      problems.push('NEWSROOM_ADMIN_EMAIL / NEWSROOM_ADMIN_PASSWORD: production refuses the development defaults');
    }
    const adminPassword = passwordRuleProblem(this.NEWSROOM_ADMIN_PASSWORD);
    if (adminPassword) problems.push(`NEWSROOM_ADMIN_PASSWORD: ${adminPassword} (the rule for every staff password)`);
    if (!this.NEWSROOM_JWT_SECRET) problems.push('NEWSROOM_JWT_SECRET: required in production (every gateway replica must share it)');
    else if (this.NEWSROOM_JWT_SECRET === PUBLISHED_JWT_SECRET) problems.push('NEWSROOM_JWT_SECRET: production refuses the published development value');
    else problems.push(weakSecretProblem('NEWSROOM_JWT_SECRET', this.NEWSROOM_JWT_SECRET, JWT_SECRET_MIN_LENGTH) ?? '');
    return problems.filter(Boolean);
  }
}
