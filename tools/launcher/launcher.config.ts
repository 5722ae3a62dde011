import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import { BaseConfig } from '@newsroom/config';

/**
 * The development admin the gateway falls back to. Repeated here (tools do not
 * import apps) only so the banner can say when the defaults are in use; the
 * gateway's own config stays the authority and refuses them in production.
 */
export const DEV_ADMIN = { email: 'admin@newsroom.local', password: 'admin' };

/**
 * What `npm start` reads: the shared variables plus the few gateway ones it
 * needs to find the gateway and tell the newcomer how to log in. The apps
 * validate their own variables when they start.
 */
export class LauncherConfig extends BaseConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '127.0.0.1';

  @IsString()
  @MinLength(1)
  NEWSROOM_ADMIN_EMAIL: string = DEV_ADMIN.email;

  @IsString()
  @MinLength(1)
  NEWSROOM_ADMIN_PASSWORD: string = DEV_ADMIN.password;

  /** Where a browser on this machine reaches the gateway (a wildcard bind answers on loopback). */
  get gatewayUrl(): string {
    const host = ['0.0.0.0', '::', ''].includes(this.HOST) ? '127.0.0.1' : this.HOST;
    return `http://${host.includes(':') ? `[${host}]` : host}:${this.PORT}`;
  }

  get usesDevAdmin(): boolean {
    return this.NEWSROOM_ADMIN_EMAIL === DEV_ADMIN.email && this.NEWSROOM_ADMIN_PASSWORD === DEV_ADMIN.password;
  }
}
