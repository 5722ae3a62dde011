import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'newsroom:public';

/**
 * Open to anyone, without a token (readers' endpoints, login, health). Here
 * rather than with the gateway's auth guard, which reads it, because routes
 * both HTTP apps serve (assets, health) carry it; the site has no guard.
 */
export const Public = () => SetMetadata(IS_PUBLIC, true);
