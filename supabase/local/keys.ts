import * as jose from "jose";

export interface PlatformKeys {
  /** Signs a token with the platform's ES256 key, as Supabase Auth does with asymmetric keys. */
  sign(claims: jose.JWTPayload, expiresInSeconds: number): Promise<string>;
  /** Verifies signature and expiry; throws on anything else. */
  verify(token: string): Promise<jose.JWTPayload>;
  readonly jwks: { keys: jose.JWK[] };
  readonly anonKey: string;
  readonly serviceRoleKey: string;
}

interface StoredKeys {
  privateJwk: jose.JWK;
  anonKey: string;
  serviceRoleKey: string;
}

const algorithm = "ES256";
const tenYears = 10 * 365 * 24 * 3600;

async function createStoredKeys(): Promise<StoredKeys> {
  const { privateKey } = await jose.generateKeyPair(algorithm, { extractable: true });
  const privateJwk = { ...(await jose.exportJWK(privateKey)), kid: crypto.randomUUID(), alg: algorithm };
  const apiKey = (role: string) =>
    new jose.SignJWT({ iss: "supabase-demo", role })
      .setProtectedHeader({ alg: algorithm, kid: privateJwk.kid, typ: "JWT" })
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + tenYears)
      .sign(privateKey);
  return { privateJwk, anonKey: await apiKey("anon"), serviceRoleKey: await apiKey("service_role") };
}

/** Loads the signing key from `dataDir` (or makes one), so sessions and API keys survive restarts. */
export async function loadKeys(dataDir: string | undefined): Promise<PlatformKeys> {
  const file = dataDir ? `${dataDir}/jwt-keys.json` : undefined;
  let stored: StoredKeys | undefined;
  if (file) {
    stored = await Deno.readTextFile(file).then(JSON.parse, () => undefined);
  }
  if (!stored) {
    stored = await createStoredKeys();
    if (file) await Deno.writeTextFile(file, JSON.stringify(stored), { mode: 0o600 });
  }
  const privateKey = await jose.importJWK(stored.privateJwk, algorithm);
  const { d: _secret, ...publicJwk } = stored.privateJwk;
  const publicKey = await jose.importJWK(publicJwk, algorithm);
  const kid = stored.privateJwk.kid!;
  return {
    sign: (claims, expiresInSeconds) => {
      const now = Math.floor(Date.now() / 1000);
      return new jose.SignJWT(claims)
        .setProtectedHeader({ alg: algorithm, kid, typ: "JWT" })
        .setIssuedAt(now)
        .setExpirationTime(now + expiresInSeconds)
        .sign(privateKey);
    },
    verify: async (token) => (await jose.jwtVerify(token, publicKey, { algorithms: [algorithm] })).payload,
    jwks: { keys: [{ ...publicJwk, use: "sig", key_ops: ["verify"] }] },
    anonKey: stored.anonKey,
    serviceRoleKey: stored.serviceRoleKey,
  };
}
