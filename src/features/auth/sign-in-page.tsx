import { Link, Navigate, useSearchParams } from "react-router-dom";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { paths } from "@/config/paths";
import { authErrorMessage } from "@/features/auth/api/auth-error-message";
import { signInSchema, useSignIn } from "@/features/auth/api/sign-in";
import { AuthLayout } from "@/features/auth/components/auth-layout";
import { useAuthSession } from "@/lib/auth-session";
import { useValidatedForm } from "@/lib/use-validated-form";

export default function SignInPage() {
  const auth = useAuthSession();
  const [searchParams] = useSearchParams();
  const { returnTo, returning } = paths.signIn.parse(searchParams);
  const signIn = useSignIn();
  const form = useValidatedForm(signInSchema, { email: "", password: "" });

  // Signing in updates the session, which lands here and sends the person on.
  if (auth.status === "signed-in") return <Navigate to={returnTo} replace />;

  const signUpLink = paths.signUp.href({
    returnTo: returnTo === paths.account.href() ? undefined : returnTo,
  });

  return (
    <AuthLayout
      title="Welcome back"
      description={returning ? "Sign in to continue where you were." : "Sign in to your Personify account."}
      footer={
        <>
          New to Personify?{" "}
          <Link
            to={signUpLink}
            className="font-semibold text-violet-700 hover:underline dark:text-violet-300"
          >
            Create an account
          </Link>
        </>
      }
    >
      <form noValidate onSubmit={form.handleSubmit((input) => signIn.mutate(input))} className="space-y-5">
        {signIn.isError ? <Alert title="Couldn't sign you in">{authErrorMessage(signIn.error)}</Alert> : null}
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          inputMode="email"
          autoFocus
          {...form.field("email")}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          labelAside={
            <Link
              to={paths.resetPassword.href()}
              className="text-sm font-medium text-violet-700 hover:underline dark:text-violet-300"
            >
              Forgot password?
            </Link>
          }
          {...form.field("password")}
        />
        <Button type="submit" size="lg" className="w-full" loading={signIn.isPending}>
          {signIn.isPending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
    </AuthLayout>
  );
}
