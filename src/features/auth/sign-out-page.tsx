import { useEffect, useRef } from "react";
import { Link } from "react-router-dom";
import { Alert } from "@/components/ui/alert";
import { Button, buttonStyles } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { paths } from "@/config/paths";
import { authErrorMessage } from "@/features/auth/api/auth-error-message";
import { useSignOut } from "@/features/auth/api/sign-out";
import { AuthLayout } from "@/features/auth/components/auth-layout";
import { useAuthSession } from "@/lib/auth-session";

/** Visiting /sign-out signs the person out, then says so and offers the way back in. */
export default function SignOutPage() {
  const auth = useAuthSession();
  const signOut = useSignOut();
  const started = useRef(false);

  useEffect(() => {
    // Once per visit: React may run this effect twice in development.
    if (auth.status === "signed-in" && !started.current) {
      started.current = true;
      signOut.mutate();
    }
  }, [auth.status, signOut]);

  if (signOut.isError) {
    return (
      <AuthLayout title="Still signed in" description="Signing out needs a connection to Personify.">
        <div className="space-y-5">
          <Alert title="Couldn't sign you out">{authErrorMessage(signOut.error)}</Alert>
          <Button size="lg" className="w-full" onClick={() => signOut.mutate()} loading={signOut.isPending}>
            Try again
          </Button>
        </div>
      </AuthLayout>
    );
  }

  if (auth.status !== "signed-out") {
    return (
      <AuthLayout title="Signing you out…" description="One moment.">
        <div className="flex justify-center py-4 text-violet-600" role="status" aria-label="Signing out">
          <Spinner className="size-6" />
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="You're signed out"
      description="Thanks for stopping by. Your images will be here when you're back."
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Link to={paths.signIn.href()} className={buttonStyles({ size: "lg" })}>
          Sign in again
        </Link>
        <Link to={paths.home.href()} className={buttonStyles({ size: "lg", variant: "secondary" })}>
          Go home
        </Link>
      </div>
    </AuthLayout>
  );
}
