import { toast } from "sonner";
import { describeError } from "@/lib/describe-error";

/**
 * Shows a failure as a toast. `retry` becomes a "Retry" button when retrying can help, and `action`
 * offers what can (such as buying credits) instead; the toast id keeps one toast per failure kind
 * instead of a pile when several calls fail together.
 */
export function showErrorToast(
  error: unknown,
  options: { retry?: () => void; id?: string; action?: { label: string; onClick: () => void } } = {},
) {
  const { title, description, retryable } = describeError(error);
  toast.error(title, {
    id: options.id ?? title,
    description,
    action: options.action ??
      (retryable && options.retry ? { label: "Retry", onClick: options.retry } : undefined),
  });
}
