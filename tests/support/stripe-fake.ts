/**
 * A local stand-in for api.stripe.com, at the network edge, speaking Stripe's wire format for the
 * PaymentIntents and Refunds calls the app makes: form-encoded bodies with bracketed keys (metadata[videoId]=…),
 * Bearer secret-key auth, the Idempotency-Key header (same key and parameters replay the first
 * response with Idempotent-Replayed: true; same key, other parameters: an idempotency_error), and
 * errors as `{ error: { type, code, message, param, doc_url } }`. The unmodified `stripe` library is
 * pointed at it with STRIPE_API_URL.
 */
import Stripe from "stripe";

const cryptoProvider = Stripe.createSubtleCryptoProvider();

/** The Stripe-Signature header Stripe would send with `payload`, made by the stripe library's own test helper. */
export function signWebhookPayload(payload: string, secret: string): Promise<string> {
  return Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret, cryptoProvider });
}

/** POSTs `payload` to the platform's stripe-webhook function as Stripe delivers it (unsigned without `signature`). */
export function postWebhook(platformUrl: string, payload: string, signature?: string): Promise<Response> {
  return fetch(`${platformUrl}/functions/v1/stripe-webhook`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(signature ? { "stripe-signature": signature } : {}),
    },
    body: payload,
  });
}

export interface FakePaymentIntent {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_capturable: number;
  amount_received: number;
  automatic_payment_methods: { allow_redirects: "always"; enabled: boolean } | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: "automatic_async";
  client_secret: string;
  confirmation_method: "automatic";
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  last_payment_error: Record<string, unknown> | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  next_action: null;
  payment_method: string | null;
  payment_method_types: string[];
  status: "requires_payment_method" | "processing" | "succeeded" | "canceled";
}

/** Stripe's Refund object, as POST /v1/refunds answers for a card payment. */
export interface FakeRefund {
  id: string;
  object: "refund";
  amount: number;
  balance_transaction: string;
  charge: string | null;
  created: number;
  currency: string;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  receipt_number: string | null;
  source_transfer_reversal: string | null;
  status: "succeeded";
  transfer_reversal: string | null;
}

export interface StripeFake {
  url: string;
  secretKey: string;
  /** Every request received, in order. */
  requests: { method: string; path: string; idempotencyKey: string | null; form: Record<string, unknown> }[];
  /** PaymentIntents actually created (idempotent replays excluded). */
  created(): FakePaymentIntent[];
  intent(id: string): FakePaymentIntent | undefined;
  /** Refunds actually made (idempotent replays excluded), in order. */
  refunds(): FakeRefund[];
  /**
   * The next `count` requests to `path` fail with a 500 api_error before Stripe acts on them (so
   * nothing is kept under their idempotency key), marked Stripe-Should-Retry: false as Stripe
   * marks most 500s: the caller's own retry logic has to take over.
   */
  failNext(path: string, count?: number): void;
  /** What confirming with a card that works does: the intent succeeds and is charged in full. */
  succeed(id: string): FakePaymentIntent;
  /** A card declined: the intent goes back to requires_payment_method with the error. */
  decline(id: string): FakePaymentIntent;
  /** A snapshot event as Stripe would deliver it to a webhook endpoint. */
  event(type: string, object: FakePaymentIntent): Record<string, unknown>;
  close(): Promise<void>;
}

const apiVersionFallback = "2026-10-28.endive";
const allowedRefundParams = new Set(["payment_intent", "amount", "metadata", "reason"]);
const allowedCreateParams = new Set([
  "amount",
  "currency",
  "automatic_payment_methods",
  "description",
  "metadata",
  "receipt_email",
  "statement_descriptor_suffix",
]);

function randomId(length = 24): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(
    crypto.getRandomValues(new Uint8Array(length)),
    (byte) => alphabet[byte % alphabet.length],
  )
    .join("");
}

/** `metadata[videoId]=x&automatic_payment_methods[enabled]=true` → nested objects, as Stripe reads them. */
export function parseStripeForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, "").split("[");
    let node = root;
    for (const segment of path.slice(0, -1)) {
      if (typeof node[segment] !== "object" || node[segment] === null) node[segment] = {};
      node = node[segment] as Record<string, unknown>;
    }
    node[path[path.length - 1]] = value;
  }
  return root;
}

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }

  toJson() {
    return {
      error: {
        ...(this.code
          ? {
            code: this.code,
            doc_url: `https://stripe.com/docs/error-codes/${this.code.replaceAll("_", "-")}`,
          }
          : {}),
        message: this.message,
        ...(this.param ? { param: this.param } : {}),
        request_log_url: `https://dashboard.stripe.com/test/logs/req_${randomId(14)}`,
        type: this.type,
      },
    };
  }
}

const invalid = (message: string, code: string, param?: string) =>
  new StripeApiError(400, "invalid_request_error", message, code, param);

function validateCreate(form: Record<string, unknown>) {
  for (const key of Object.keys(form)) {
    if (!allowedCreateParams.has(key)) {
      throw invalid(`Received unknown parameter: ${key}`, "parameter_unknown", key);
    }
  }
  if (form.amount === undefined) {
    throw invalid("Missing required param: amount.", "parameter_missing", "amount");
  }
  if (typeof form.amount !== "string" || !/^\d+$/.test(form.amount)) {
    throw invalid(`Invalid integer: ${String(form.amount)}`, "parameter_invalid_integer", "amount");
  }
  const amount = Number(form.amount);
  if (form.currency === undefined) {
    throw invalid("Missing required param: currency.", "parameter_missing", "currency");
  }
  const currency = String(form.currency).toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) {
    throw invalid(`Invalid currency: ${String(form.currency)}.`, "parameter_invalid_string", "currency");
  }
  if (currency === "usd" && amount < 50) {
    throw invalid("Amount must be at least $0.50 usd", "amount_too_small", "amount");
  }
  const automatic = form.automatic_payment_methods as Record<string, unknown> | undefined;
  return {
    amount,
    currency,
    metadata: validateMetadata(form.metadata),
    description: typeof form.description === "string" ? form.description : null,
    automatic: automatic ? automatic.enabled === "true" : false,
  };
}

function validateMetadata(value: unknown): Record<string, string> {
  const metadata = value ?? {};
  if (typeof metadata !== "object") throw invalid("Invalid object", "parameter_invalid_string", "metadata");
  for (const [key, value] of Object.entries(metadata as Record<string, unknown>)) {
    if (key.length > 40) {
      throw invalid(
        "Metadata keys can have up to 40 characters.",
        "parameter_invalid_string",
        `metadata[${key}]`,
      );
    }
    if (String(value).length > 500) {
      throw invalid(
        "Metadata values can have up to 500 characters.",
        "parameter_invalid_string",
        `metadata[${key}]`,
      );
    }
  }
  return metadata as Record<string, string>;
}

/** A full refund of a succeeded intent's charge; a partial `amount` is accepted up to what is left. */
function validateRefund(
  form: Record<string, unknown>,
  intents: Map<string, FakePaymentIntent>,
  refunded: number,
) {
  for (const key of Object.keys(form)) {
    if (!allowedRefundParams.has(key)) {
      throw invalid(`Received unknown parameter: ${key}`, "parameter_unknown", key);
    }
  }
  if (typeof form.payment_intent !== "string" || form.payment_intent === "") {
    throw invalid(
      "One of the following params should be provided for this request: payment_intent or charge.",
      "parameter_missing",
      "payment_intent",
    );
  }
  const intent = intents.get(form.payment_intent);
  if (!intent) {
    throw invalid(`No such payment_intent: '${form.payment_intent}'`, "resource_missing", "payment_intent");
  }
  if (intent.status !== "succeeded" || !intent.latest_charge) {
    throw invalid(
      `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
      "charge_not_refundable",
      "payment_intent",
    );
  }
  const left = intent.amount_received - refunded;
  if (left <= 0) {
    throw invalid(`Charge ${intent.latest_charge} has already been refunded.`, "charge_already_refunded");
  }
  if (form.amount !== undefined && (typeof form.amount !== "string" || !/^\d+$/.test(form.amount))) {
    throw invalid(`Invalid integer: ${String(form.amount)}`, "parameter_invalid_integer", "amount");
  }
  const amount = form.amount === undefined ? left : Number(form.amount);
  if (amount < 1 || amount > left) {
    throw invalid(
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
      "amount_too_large",
      "amount",
    );
  }
  return {
    intent,
    amount,
    metadata: validateMetadata(form.metadata),
    reason: typeof form.reason === "string" ? form.reason : null,
  };
}

export function startStripeFake(options: { secretKey?: string } = {}): StripeFake {
  const secretKey = options.secretKey ?? `sk_test_fake${randomId(20)}`;
  const intents = new Map<string, FakePaymentIntent>();
  const createdIds: string[] = [];
  const refunds: FakeRefund[] = [];
  const failures = new Map<string, number>();
  const idempotent = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  const requests: StripeFake["requests"] = [];

  const respond = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    Response.json(body, { status, headers: { "request-id": `req_${randomId(14)}`, ...headers } });

  // Synchronous from parsing to storing, so concurrent requests with one key see each other.
  const handle = (
    method: string,
    path: string,
    form: Record<string, unknown>,
    idempotencyKey: string | null,
  ) => {
    const now = Math.floor(Date.now() / 1000);
    const pendingFailures = failures.get(path) ?? 0;
    if (pendingFailures > 0) {
      failures.set(path, pendingFailures - 1);
      return respond(500, {
        error: { message: "An unknown error occurred", type: "api_error" },
      }, { "stripe-should-retry": "false" });
    }
    const fingerprint = JSON.stringify([method, path, form]);
    if (method === "POST" && idempotencyKey) {
      const previous = idempotent.get(idempotencyKey);
      if (previous && previous.fingerprint !== fingerprint) {
        throw new StripeApiError(
          400,
          "idempotency_error",
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        );
      }
      if (previous) return respond(previous.status, previous.body, { "idempotent-replayed": "true" });
    }
    if (method === "POST" && path === "/v1/refunds") {
      const refundedSoFar = refunds.filter((refund) => refund.payment_intent === form.payment_intent)
        .reduce((sum, refund) => sum + refund.amount, 0);
      const params = validateRefund(form, intents, refundedSoFar);
      const refund: FakeRefund = {
        id: `re_${randomId(24)}`,
        object: "refund",
        amount: params.amount,
        balance_transaction: `txn_${randomId(24)}`,
        charge: params.intent.latest_charge,
        created: now,
        currency: params.intent.currency,
        metadata: params.metadata,
        payment_intent: params.intent.id,
        reason: params.reason,
        receipt_number: null,
        source_transfer_reversal: null,
        status: "succeeded",
        transfer_reversal: null,
      };
      refunds.push(refund);
      if (idempotencyKey) idempotent.set(idempotencyKey, { fingerprint, status: 200, body: refund });
      return respond(200, refund);
    }
    if (method === "POST" && path === "/v1/payment_intents") {
      const params = validateCreate(form);
      const id = `pi_${randomId(24)}`;
      const intent: FakePaymentIntent = {
        id,
        object: "payment_intent",
        amount: params.amount,
        amount_capturable: 0,
        amount_received: 0,
        automatic_payment_methods: params.automatic ? { allow_redirects: "always", enabled: true } : null,
        canceled_at: null,
        cancellation_reason: null,
        capture_method: "automatic_async",
        client_secret: `${id}_secret_${randomId(25)}`,
        confirmation_method: "automatic",
        created: now,
        currency: params.currency,
        customer: null,
        description: params.description,
        last_payment_error: null,
        latest_charge: null,
        livemode: false,
        metadata: params.metadata,
        next_action: null,
        payment_method: null,
        payment_method_types: ["card", "link"],
        status: "requires_payment_method",
      };
      intents.set(id, intent);
      createdIds.push(id);
      if (idempotencyKey) idempotent.set(idempotencyKey, { fingerprint, status: 200, body: intent });
      return respond(200, intent);
    }
    const match = /^\/v1\/payment_intents\/([^/]+)(\/cancel)?$/.exec(path);
    if (match) {
      const intent = intents.get(match[1]);
      if (!intent) throw invalid(`No such payment_intent: '${match[1]}'`, "resource_missing", "intent");
      if (method === "GET" && !match[2]) return respond(200, intent);
      if (method === "POST" && match[2]) {
        if (intent.status === "succeeded" || intent.status === "canceled") {
          throw invalid(
            `You cannot cancel this PaymentIntent because it has a status of ${intent.status}.`,
            "payment_intent_unexpected_state",
          );
        }
        Object.assign(intent, {
          status: "canceled",
          canceled_at: now,
          cancellation_reason: "requested_by_customer",
        });
        return respond(200, intent);
      }
    }
    throw new StripeApiError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`);
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (request) => {
    const url = new URL(request.url);
    const form = parseStripeForm(await request.text());
    const idempotencyKey = request.headers.get("idempotency-key");
    requests.push({ method: request.method, path: url.pathname, idempotencyKey, form });
    try {
      const auth = /^Bearer (\S+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
      if (!auth) {
        throw new StripeApiError(401, "invalid_request_error", "You did not provide an API key.");
      }
      if (auth !== secretKey) {
        throw new StripeApiError(
          401,
          "invalid_request_error",
          `Invalid API Key provided: ${auth.slice(0, 8)}****`,
        );
      }
      return handle(request.method, url.pathname, form, idempotencyKey);
    } catch (error) {
      if (error instanceof StripeApiError) return respond(error.status, error.toJson());
      throw error;
    }
  });

  const mustFind = (id: string) => {
    const intent = intents.get(id);
    if (!intent) throw new Error(`the Stripe fake has no payment intent ${id}`);
    return intent;
  };

  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    secretKey,
    requests,
    created: () => createdIds.map(mustFind),
    intent: (id) => intents.get(id),
    refunds: () => [...refunds],
    failNext(path, count = 1) {
      failures.set(path, (failures.get(path) ?? 0) + count);
    },
    succeed(id) {
      return Object.assign(mustFind(id), {
        status: "succeeded" as const,
        amount_received: mustFind(id).amount,
        latest_charge: `ch_${randomId(24)}`,
        payment_method: `pm_${randomId(24)}`,
      });
    },
    decline(id) {
      return Object.assign(mustFind(id), {
        status: "requires_payment_method" as const,
        last_payment_error: {
          code: "card_declined",
          decline_code: "generic_decline",
          message: "Your card was declined.",
          type: "card_error",
        },
      });
    },
    event(type, object) {
      return {
        id: `evt_${randomId(24)}`,
        object: "event",
        api_version: apiVersionFallback,
        created: Math.floor(Date.now() / 1000),
        data: { object: structuredClone(object) },
        livemode: false,
        pending_webhooks: 1,
        request: { id: `req_${randomId(14)}`, idempotency_key: null },
        type,
      };
    },
    close: () => server.shutdown(),
  };
}

/** The platform settings that send Stripe calls to `fake`, with a fresh webhook secret. */
export function stripeKeysFor(fake: Pick<StripeFake, "secretKey" | "url">) {
  const webhookSecret = `whsec_${crypto.randomUUID().replaceAll("-", "")}`;
  return {
    webhookSecret,
    env: {
      STRIPE_SECRET_KEY: fake.secretKey,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_URL: fake.url,
    },
  };
}
