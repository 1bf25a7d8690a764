import { Link } from "react-router-dom";
import { Button, buttonStyles } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { AlertIcon, OfflineIcon, RefreshIcon } from "@/components/ui/icons";
import { paths } from "@/config/paths";
import { describeError } from "@/lib/describe-error";
import { NetworkError, UnauthorizedError } from "@/lib/function-errors";

/**
 * A page's main query failed with nothing cached to show: an expired session offers a fresh sign-in
 * (retrying cannot help), anything else a retry.
 */
export function LoadErrorCard({
  what,
  error,
  retrying,
  onRetry,
}: {
  /** Completes "Couldn't load …", e.g. "your account". */
  what: string;
  error: unknown;
  retrying: boolean;
  onRetry: () => void;
}) {
  const { title, description } = describeError(error);
  const offline = error instanceof NetworkError;
  return (
    <Card>
      <EmptyState
        icon={offline ? <OfflineIcon /> : <AlertIcon />}
        title={offline ? title : `Couldn't load ${what}: ${title.toLowerCase()}`}
        description={description}
        action={error instanceof UnauthorizedError
          ? (
            <Link to={paths.signOut.href()} className={buttonStyles()}>
              Sign in again
            </Link>
          )
          : (
            <Button onClick={onRetry} loading={retrying}>
              {retrying ? null : <RefreshIcon />}
              Try again
            </Button>
          )}
      />
    </Card>
  );
}
