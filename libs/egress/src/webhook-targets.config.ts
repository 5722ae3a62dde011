import { IsString, Validate, ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { BaseConfig } from '@newsroom/config';
import { EgressAllowList } from './egress-allow-list';

@ValidatorConstraint({ name: 'egressAllowList' })
export class IsEgressAllowList implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && problemOf(value) === null;
  }
  defaultMessage(args: ValidationArguments): string {
    return `NEWSROOM_WEBHOOK_ALLOWED_HOSTS must be comma-separated host names, addresses or CIDRs (${problemOf(String(args.value))})`;
  }
}

function problemOf(setting: string): string | null {
  try {
    EgressAllowList.parse(setting);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The setting both sides of webhooks read: the gateway refuses to register an
 * internal target, the review service refuses to connect to one. One class, so
 * they cannot disagree on what the variable means.
 */
export class WebhookTargetsConfig extends BaseConfig {
  /** hosts or CIDRs webhooks may target although internal (loopback, private, link-local, ...); none by default */
  @IsString()
  @Validate(IsEgressAllowList)
  NEWSROOM_WEBHOOK_ALLOWED_HOSTS: string = '';

  #allowList?: EgressAllowList;

  get webhookAllowList(): EgressAllowList {
    return (this.#allowList ??= EgressAllowList.parse(this.NEWSROOM_WEBHOOK_ALLOWED_HOSTS));
  }
}
