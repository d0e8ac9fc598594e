import { configFromEnvironment } from './config';

const base = { DATA_DIR: '/tmp/config-spec', JWT_SECRET: 'a secret of the test, long enough to sign' };

describe('single sign-on configuration', () => {
  it('is off unless an issuer is given', () => {
    expect(configFromEnvironment(base).oidc).toBeNull();
  });

  it('reads the issuer, the client and the button’s label', () => {
    const { oidc } = configFromEnvironment({
      ...base,
      OIDC_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0',
      OIDC_CLIENT_ID: 'client-id',
      OIDC_CLIENT_SECRET: 'client-secret',
      OIDC_LABEL: 'Microsoft',
    });
    expect(oidc).toEqual({
      issuer: 'https://login.microsoftonline.com/tenant-id/v2.0',
      clientId: 'client-id',
      clientSecret: 'client-secret',
      label: 'Microsoft',
      allowInsecureHttp: false,
    });
  });

  it('refuses an issuer without a client id, and a plain-http issuer unless allowed', () => {
    expect(() => configFromEnvironment({ ...base, OIDC_ISSUER: 'https://idp.example' })).toThrow(
      'OIDC_CLIENT_ID is not',
    );
    const http = { ...base, OIDC_ISSUER: 'http://127.0.0.1:9000', OIDC_CLIENT_ID: 'c' };
    expect(() => configFromEnvironment(http)).toThrow('must start with https://');
    expect(
      configFromEnvironment({ ...http, OIDC_ALLOW_INSECURE_HTTP: 'true' }).oidc?.clientSecret,
    ).toBeNull();
  });
});

describe('the accessibility contact', () => {
  it('is none unless given, and takes an email address or an https:// page', () => {
    expect(configFromEnvironment(base).accessibilityContact).toBeNull();
    for (const contact of ['access@opcc.example.gov.uk', 'https://opcc.example.gov.uk/contact'])
      expect(
        configFromEnvironment({ ...base, ACCESSIBILITY_CONTACT: ` ${contact} ` }).accessibilityContact,
      ).toBe(contact);
  });

  it('refuses anything else at start, rather than print a contact nobody can use', () => {
    for (const contact of ['the clerk', 'http://opcc.example', 'javascript:alert(1)'])
      expect(() => configFromEnvironment({ ...base, ACCESSIBILITY_CONTACT: contact })).toThrow(
        'is neither an email address nor an https:// page',
      );
  });
});
