import { paths } from "@/config/paths";
import type { UnavailableReason } from "@domain/contracts/image-generation";

/** Where a person learns which key turns a provider on. */
export const providersHelpHref = `${paths.howItWorks.href()}#providers`;

/** Why a model can't be chosen, in a few words a picker can show next to it. */
export function unavailableText(reason: UnavailableReason | undefined): string {
  if (!reason) return "not set up on this server";
  return reason.kind === "missing-key"
    ? `needs ${reason.envVar} (${reason.providerLabel})`
    : `retired on ${reason.on}; use ${reason.successorLabel}`;
}

/** Models that can't run, grouped by why (one group per missing key), in catalog order. */
export function groupByReason<Model extends { unavailableReason?: UnavailableReason }>(
  models: Model[],
): [string, Model[]][] {
  const groups = new Map<string, Model[]>();
  for (const model of models) {
    const reason = unavailableText(model.unavailableReason);
    groups.set(reason, [...(groups.get(reason) ?? []), model]);
  }
  return [...groups];
}
