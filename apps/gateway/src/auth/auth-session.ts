import type { AuthUser } from './auth-user';

/** One signed-in session: the access token's holder and what identifies that very token. */
export interface AuthSession {
  user: AuthUser;
  /** the token's `jti`: revoking it ends this session only */
  tokenId: string;
  /** the holder's token generation when it was issued (`gen`): bumping the user's generation ends all their sessions */
  generation: number;
  /** the token's `exp`, in ms since the epoch */
  expiresAt: number;
}
