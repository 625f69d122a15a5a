// A real OpenID provider (panva/oidc-provider, OpenID Certified) for the portal's single sign-on
// tests, started by tests/oidc_provider.py on loopback. Configured by environment variables:
//   IDP_PORT          port on 127.0.0.1
//   IDP_CLIENT        JSON: {client_id, client_secret, redirect_uri}
//   IDP_ACCOUNTS      JSON: {accountId: {claims}}
// Its development interactions show a login form (any password) and a consent page.
import Provider from "oidc-provider";

const port = Number(process.env.IDP_PORT);
const issuer = `http://127.0.0.1:${port}`;
const client = JSON.parse(process.env.IDP_CLIENT);
const accounts = JSON.parse(process.env.IDP_ACCOUNTS);

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: client.client_id,
      client_secret: client.client_secret,
      redirect_uris: [client.redirect_uri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["given_name", "family_name", "name", "preferred_username"],
    groups: ["groups"],
  },
  async findAccount(ctx, id) {
    const claims = accounts[id];
    if (!claims) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...claims }; } };
  },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => false },
  cookies: { keys: ["kim-test-idp-cookie-key"] },
});
provider.listen(port, "127.0.0.1", () => {
  console.log(`listening ${issuer}`);
});
