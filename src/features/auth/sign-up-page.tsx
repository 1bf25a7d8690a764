import { Link, Navigate, useSearchParams } from "react-router-dom";
import { toast } from "sonner";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { MailIcon } from "@/components/ui/icons";
import { TextField } from "@/components/ui/text-field";
import { paths } from "@/config/paths";
import { authErrorMessage } from "@/features/auth/api/auth-error-message";
import { signUpSchema, useSignUp } from "@/features/auth/api/sign-up";
import { AuthLayout } from "@/features/auth/components/auth-layout";
import { useAuthSession } from "@/lib/auth-session";
import { useValidatedForm } from "@/lib/use-validated-form";

export default function SignUpPage() {
  const auth = useAuthSession();
  const [searchParams] = useSearchParams();
  const { returnTo } = paths.signUp.parse(searchParams);
  const signUp = useSignUp();
  const form = useValidatedForm(signUpSchema, { displayName: "", email: "", password: "" });

  if (auth.status === "signed-in") return <Navigate to={returnTo} replace />;

  if (signUp.isSuccess && !signUp.data.session) {
    return (
      <AuthLayout
        title="Check your email"
        description={
          <>
            We sent a confirmation link to{" "}
            <strong className="text-ink">{signUp.data.email}</strong>. Open it to finish creating your
            account.
          </>
        }
      >
        <div className="flex items-center gap-3 rounded-xl bg-sunken p-4 text-sm text-muted">
          <MailIcon className="size-5 shrink-0 text-violet-600 dark:text-violet-300" />
          No email after a few minutes? Look in your spam folder, or sign up again with the right address.
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Create your account"
      description="Start with 100 free credits. No card needed."
      footer={
        <>
          Already have an account?{" "}
          <Link
            to={paths.signIn.href({ returnTo })}
            className="font-semibold text-violet-700 hover:underline dark:text-violet-300"
          >
            Sign in
          </Link>
        </>
      }
    >
      <form
        noValidate
        onSubmit={form.handleSubmit((input) =>
          signUp.mutate(input, {
            onSuccess: ({ session }) => {
              if (session) toast.success("Welcome to Personify!", { description: "Your account is ready." });
            },
          })
        )}
        className="space-y-5"
      >
        {signUp.isError
          ? <Alert title="Couldn't create your account">{authErrorMessage(signUp.error)}</Alert>
          : null}
        <TextField
          label="Your name"
          autoComplete="name"
          hint="Optional. We use it to greet you."
          autoFocus
          {...form.field("displayName")}
        />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          inputMode="email"
          {...form.field("email")}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters."
          {...form.field("password")}
        />
        <Button type="submit" size="lg" className="w-full" loading={signUp.isPending}>
          {signUp.isPending ? "Creating your account…" : "Create account"}
        </Button>
        <p className="text-center text-xs text-muted">
          By creating an account you agree to use Personify kindly and lawfully.
        </p>
      </form>
    </AuthLayout>
  );
}
