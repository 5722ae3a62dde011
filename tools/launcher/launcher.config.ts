import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import { HttpServerConfig } from '@newsroom/http';

/**
 * The development admin the gateway falls back to. Repeated here (tools do not
 * import apps) only so the banner can say when the defaults are in use; the
 * gateway's own config stays the authority and refuses them in production.
 */
export const DEV_ADMIN = { email: 'admin@newsroom.local', password: 'admin' };

/**
 * What `npm start` reads: the shared variables, the HTTP apps' (where the
 * origin listens, whom it trusts as a proxy), the port of the gateway behind
 * the site, and how the newcomer logs in. The apps
 * validate their own variables when they start.
 */
export class LauncherConfig extends HttpServerConfig {
  /**
   * Where the gateway (the staff side) listens behind the site: `npm start`
   * serves the whole contract on PORT from the site app, which answers the
   * readers itself and passes the rest to the gateway here (loopback only).
   */
  @IsInt()
  @Min(1)
  @Max(65535)
  NEWSROOM_GATEWAY_PORT: number = 3001;


  @IsString()
  @MinLength(1)
  NEWSROOM_ADMIN_EMAIL: string = DEV_ADMIN.email;

  @IsString()
  @MinLength(1)
  NEWSROOM_ADMIN_PASSWORD: string = DEV_ADMIN.password;

  /** Where a browser on this machine reaches the newsroom: the site app in front (a wildcard bind answers on loopback). */
  get gatewayUrl(): string {
    const host = ['0.0.0.0', '::', ''].includes(this.HOST) ? '127.0.0.1' : this.HOST;
    return `http://${host.includes(':') ? `[${host}]` : host}:${this.PORT}`;
  }

  /**
   * The two HTTP apps' own variables: the site on PORT in front, passing the
   * staff side's requests to the gateway on NEWSROOM_GATEWAY_PORT, which
   * believes the site's forwarding headers and writes links to the front.
   */
  envOf(app: string): Record<string, string> {
    if (app === 'site') return { NEWSROOM_STAFF_UPSTREAM: `http://127.0.0.1:${this.NEWSROOM_GATEWAY_PORT}` };
    if (app !== 'gateway') return {};
    return {
      PORT: String(this.NEWSROOM_GATEWAY_PORT),
      HOST: '127.0.0.1',
      NEWSROOM_TRUSTED_PROXIES: [this.NEWSROOM_TRUSTED_PROXIES, '127.0.0.1'].filter(Boolean).join(','),
      NEWSROOM_PUBLIC_URL: process.env.NEWSROOM_PUBLIC_URL ?? this.gatewayUrl,
    };
  }

  get usesDevAdmin(): boolean {
    return this.NEWSROOM_ADMIN_EMAIL === DEV_ADMIN.email && this.NEWSROOM_ADMIN_PASSWORD === DEV_ADMIN.password;
  }
}
