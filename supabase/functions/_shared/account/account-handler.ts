/**
 * The `account` function: the caller's profile, credit balance, credit history (a batch's row
 * entries as one line, listed on their own by /account/ledger?batch=) and payments, and changes to
 * their display name and avatar (routes in domain/contracts/account.ts).
 */
import * as contract from "../domain/contracts/account.ts";
import { notFound } from "../http/errors.ts";
import { signedInUser, withRuntime } from "../http/middleware.ts";
import { createRouter } from "../http/router.ts";
import type { Runtime } from "../runtime.ts";
import {
  readBalance,
  readBatchLedgerPage,
  readLedgerPage,
  readPayments,
  readProfile,
  updateProfile,
} from "./account-store.ts";
import { decodeLedgerCursor } from "./ledger-cursor.ts";

const pageSize = (limit: string | undefined) =>
  limit === undefined ? contract.defaultLedgerPageSize : Number(limit);

const profileMissing = () =>
  notFound("This account has no profile yet. Sign out and in again, or contact support.");

export function createAccountHandler(getRuntime: () => Runtime) {
  return createRouter({ basePath: "/account" })
    .use(withRuntime(getRuntime))
    .use(signedInUser)
    .get("/", {
      query: contract.ledgerQuery,
      handle: async ({ runtime, user, query }) => {
        const limit = pageSize(query.limit);
        const after = query.cursor === undefined ? undefined : decodeLedgerCursor(query.cursor);
        return await runtime.db.withClaims(user, async (tx) => {
          const profile = await readProfile(tx, user.sub);
          if (!profile) throw profileMissing();
          return {
            profile,
            credits: { balance: await readBalance(tx, user.sub) },
            ledger: await readLedgerPage(tx, user.sub, limit, after),
            payments: await readPayments(tx, user.sub, contract.maxPaymentsListed),
          };
        });
      },
    })
    .get("/ledger", {
      query: contract.batchLedgerQuery,
      handle: async ({ runtime, user, query }) => {
        const after = query.cursor === undefined ? undefined : decodeLedgerCursor(query.cursor);
        const page = await runtime.db.withClaims(
          user,
          (tx) => readBatchLedgerPage(tx, user.sub, query.batch, pageSize(query.limit), after),
        );
        if (!page) throw notFound("No batch with this id has entries in your ledger.");
        return page;
      },
    })
    .patch("/", {
      body: contract.profilePatch,
      maxBodyBytes: 16 * 1024,
      handle: async ({ runtime, user, body }) => {
        const profile = await runtime.db.withClaims(user, (tx) => updateProfile(tx, user.sub, body));
        if (!profile) throw profileMissing();
        return { profile };
      },
    })
    .fetch;
}
