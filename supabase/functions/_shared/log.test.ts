import assert from "node:assert/strict";
import { log } from "./log.ts";

/** The lines `fn` logs, as written. */
function logged(fn: () => void): string[] {
  const lines: string[] = [];
  const { error, info } = console;
  console.error = console.info = (line: string) => lines.push(line);
  try {
    fn();
  } finally {
    Object.assign(console, { error, info });
  }
  return lines;
}

const jwt = "eyJhbGciOiJFUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.c2lnbmF0dXJlLWJ5dGVz";
const secrets = [
  "sk-proj-Abc123def456GHI789jkl",
  "sk_live_51HqLyjWDarjtT1zdp7dc",
  "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
  "rk_live_51HqLyjWDarjtT1zdp7dcXYZ",
  "whsec_5Fq2Y1xN0ZHB3n4p6r8t",
  "AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY",
  "r8_Ab12Cd34Ef56Gh78Ij90",
  jwt,
];

Deno.test("key-shaped strings are redacted in the message and in every field, nested ones too", () => {
  const [line] = logged(() =>
    log.error(`provider said: invalid key ${secrets[0]}`, {
      error: `401 from upstream: ${secrets.slice(1, 4).join(", ")}`,
      upstream: { body: { detail: `signed with ${secrets[4]}` }, tried: [secrets[5], `token ${secrets[6]}`] },
      authorization: `Bearer ${jwt}`,
      signedUrl: `http://127.0.0.1:54321/storage/v1/object/sign/images/a.png?token=${jwt}`,
    })
  );
  for (const secret of secrets) assert.ok(!line.includes(secret), `${secret} is left in ${line}`);
  const entry = JSON.parse(line);
  assert.equal(entry.message, "provider said: invalid key [redacted]");
  assert.equal(entry.authorization, "Bearer [redacted]");
  assert.equal(entry.upstream.tried[1], "token [redacted]");
  assert.equal(
    entry.signedUrl,
    "http://127.0.0.1:54321/storage/v1/object/sign/images/a.png?token=[redacted]",
  );
});

Deno.test("bearer tokens of any shape and key= query parameters are redacted", () => {
  const [line] = logged(() =>
    log.warn("fetch failed", {
      url:
        "https://generativelanguage.googleapis.com/v1beta/models/x:generate?alt=sse&key=opaque-value-1&api_key=v2",
      header: "authorization: bearer opaque.token-value",
    })
  );
  const entry = JSON.parse(line);
  assert.equal(
    entry.url,
    "https://generativelanguage.googleapis.com/v1beta/models/x:generate?alt=sse&key=[redacted]&api_key=[redacted]",
  );
  assert.equal(entry.header, "authorization: bearer [redacted]");
});

Deno.test("ordinary text, numbers and the local recovery link are left as they are", () => {
  const fields = {
    error: "task-scheduler timed out after 30 s; disk-usage 80%",
    count: 3,
    ok: true,
    link:
      "http://127.0.0.1:54321/auth/v1/verify?token=0f3a9c&type=recovery&redirect_to=http%3A%2F%2F127.0.0.1%3A5173",
  };
  const [line] = logged(() => log.info("password recovery requested", fields));
  const { level, message, time: _time, ...rest } = JSON.parse(line);
  assert.deepEqual([level, message, rest], ["info", "password recovery requested", fields]);
});
