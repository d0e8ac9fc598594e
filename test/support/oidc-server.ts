import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import type Provider from 'oidc-provider';

export const OIDC_CLIENT = { id: 'governance-engine', secret: 'a client secret of the test provider' };

/**
 * A real OpenID Connect provider (oidc-provider) on a port of this machine, with its development
 * sign-in pages: any login signs in, and the login is the person's email. Started before the
 * engine (which needs its issuer) and told the engine's address after (for its redirect URI).
 */
export async function startOidcServer() {
  let provider: Provider | null = null;
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    if (!provider) {
      response.statusCode = 503;
      return response.end('not ready');
    }
    provider.callback()(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    /** The provider, for a client whose callback is at `redirectUri`. */
    async serve(redirectUri: string, options: { emailVerified?: boolean } = {}): Promise<void> {
      const { default: OidcProvider } = await import('oidc-provider');
      provider = new OidcProvider(issuer, {
        clients: [
          {
            client_id: OIDC_CLIENT.id,
            client_secret: OIDC_CLIENT.secret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        async findAccount(_context, id) {
          return {
            accountId: id,
            claims: () => ({ sub: id, email: id, email_verified: options.emailVerified ?? true, name: id }),
          };
        },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        pkce: { methods: ['S256'], required: () => true },
        cookies: { keys: ['the test provider signs its cookies with this'] },
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
