import { Link } from "react-router-dom";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { paths } from "@/config/paths";
import { authErrorMessage } from "@/features/auth/api/auth-error-message";
import {
  passwordResetRequestSchema,
  useRequestPasswordReset,
} from "@/features/auth/api/request-password-reset";
import { AuthLayout } from "@/features/auth/components/auth-layout";
import { isLocalPlatform } from "@/features/auth/lib/local-platform";
import { env } from "@/lib/env";
import { useValidatedForm } from "@/lib/use-validated-form";

export default function ResetPasswordPage() {
  const requestReset = useRequestPasswordReset();
  const form = useValidatedForm(passwordResetRequestSchema, { email: "" });

  const backToSignIn = (
    <Link
      to={paths.signIn.href()}
      className="font-semibold text-violet-700 hover:underline dark:text-violet-300"
    >
      Back to sign in
    </Link>
  );

  if (requestReset.isSuccess) {
    return (
      <AuthLayout
        title="Check your email"
        description="Follow the link in it to choose a new password."
        footer={backToSignIn}
      >
        <Alert tone="success" title="Reset link on its way">
          If an account exists for{" "}
          <strong>{requestReset.data.email}</strong>, it will get an email with a link in the next few
          minutes. The link works once.
        </Alert>
        {isLocalPlatform(env.supabaseUrl)
          ? (
            <Alert tone="info" title="No email is sent locally" className="mt-4">
              On the local platform the link is printed in the terminal running npm run dev.
            </Alert>
          )
          : null}
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Reset your password"
      description="Enter the email you signed up with and we'll send you a link to choose a new password."
      footer={backToSignIn}
    >
      <form
        noValidate
        onSubmit={form.handleSubmit((input) => requestReset.mutate(input))}
        className="space-y-5"
      >
        {requestReset.isError
          ? <Alert title="Couldn't send the link">{authErrorMessage(requestReset.error)}</Alert>
          : null}
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          inputMode="email"
          autoFocus
          {...form.field("email")}
        />
        <Button type="submit" size="lg" className="w-full" loading={requestReset.isPending}>
          {requestReset.isPending ? "Sending…" : "Send reset link"}
        </Button>
      </form>
    </AuthLayout>
  );
}
