import type { Configuration } from 'openid-client';
import { OidcConfig } from '#engine/config';

/** What a sign-in started here keeps in the session until the provider sends the person back. */
export interface PendingOidcSignIn {
  readonly codeVerifier: string;
  readonly state: string;
  readonly nonce: string;
  readonly redirectUri: string;
  /** The page to go to after. */
  readonly next: string;
}

/** The provider said no, or its answer did not hold up: the person sees why, and is not signed in. */
export class OidcSignInRefused extends Error {}

/** openid-client is an ES module: loaded once, when single sign-on is first used. */
const openidClient = () => import('openid-client');

/**
 * Single sign-on by OpenID Connect with openid-client: the authorization code flow with PKCE,
 * state and nonce; the provider's settings found by discovery (kept once found, looked up again
 * after a failure). The person is known by the email the provider vouches for.
 */
export class OidcSignIn {
  private configuration: Promise<Configuration> | null = null;

  constructor(readonly config: OidcConfig) {}

  private async provider(): Promise<Configuration> {
    this.configuration ??= (async () => {
      const client = await openidClient();
      return client.discovery(
        new URL(this.config.issuer),
        this.config.clientId,
        this.config.clientSecret ?? undefined,
        this.config.clientSecret ? undefined : client.None(),
        { execute: this.config.allowInsecureHttp ? [client.allowInsecureRequests] : [] },
      );
    })().catch((error: unknown) => {
      this.configuration = null;
      throw error;
    });
    return this.configuration;
  }

  /** Where to send the person to sign in, and what to keep until they come back. */
  async start(redirectUri: string, next: string): Promise<{ url: string; pending: PendingOidcSignIn }> {
    const client = await openidClient();
    const configuration = await this.provider();
    const codeVerifier = client.randomPKCECodeVerifier();
    const pending = {
      codeVerifier,
      state: client.randomState(),
      nonce: client.randomNonce(),
      redirectUri,
      next,
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** The email of the person the provider signed in, from its answer at `callbackUrl`. */
  async finish(callbackUrl: URL, pending: PendingOidcSignIn): Promise<string> {
    const client = await openidClient();
    const configuration = await this.provider();
    let tokens;
    try {
      tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
      });
    } catch (error) {
      throw new OidcSignInRefused(error instanceof Error ? error.message : String(error));
    }
    const claims = tokens.claims();
    if (!claims) throw new OidcSignInRefused('the provider sent no ID token');
    // Entra ID and others may keep the email out of the ID token: the userinfo endpoint has it.
    const known =
      typeof claims.email === 'string'
        ? claims
        : await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    if (known.email_verified === false)
      throw new OidcSignInRefused('the provider has not verified the email');
    const email = typeof known.email === 'string' ? known.email : known.preferred_username;
    if (typeof email !== 'string' || !email.includes('@'))
      throw new OidcSignInRefused('the provider did not say the person’s email');
    return email.trim().toLowerCase();
  }
}
