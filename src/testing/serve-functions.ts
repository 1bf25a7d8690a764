import type { Mock } from "vitest";

export type FunctionCall = { name: string; method?: string; query?: Record<string, unknown>; body?: unknown };
export type FunctionRoutes = Record<string, (call: FunctionCall) => unknown>;

/**
 * Answers a mocked invokeFunction by "METHOD name" (POST when no method is given), and fails any call
 * the test did not expect so that a stray request cannot pass unnoticed.
 */
export function serveFunctions(invokeFunction: Mock, routes: FunctionRoutes) {
  invokeFunction.mockImplementation(async (call: FunctionCall) => {
    const key = `${call.method ?? "POST"} ${call.name}`;
    const route = routes[key];
    if (!route) throw new Error(`unexpected call ${key}`);
    return route(call);
  });
}
