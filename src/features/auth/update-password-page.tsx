import { Link } from "react-router-dom";
import { Alert } from "@/components/ui/alert";
import { Button, buttonStyles } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { paths } from "@/config/paths";
import { authErrorMessage } from "@/features/auth/api/auth-error-message";
import { updatePasswordSchema, useUpdatePassword } from "@/features/auth/api/update-password";
import { AuthLayout } from "@/features/auth/components/auth-layout";
import { useValidatedForm } from "@/lib/use-validated-form";

/** Where the reset email's link lands (signed in by the link) to choose a new password. */
export default function UpdatePasswordPage() {
  const updatePassword = useUpdatePassword();
  const form = useValidatedForm(updatePasswordSchema, { password: "" });

  if (updatePassword.isSuccess) {
    return (
      <AuthLayout title="Password changed" description="Use your new password the next time you sign in.">
        <Link to={paths.account.href()} className={buttonStyles({ size: "lg", className: "w-full" })}>
          Go to your account
        </Link>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Choose a new password" description="Pick something you don't use anywhere else.">
      <form
        noValidate
        onSubmit={form.handleSubmit((input) => updatePassword.mutate(input))}
        className="space-y-5"
      >
        {updatePassword.isError
          ? <Alert title="Couldn't change your password">{authErrorMessage(updatePassword.error)}</Alert>
          : null}
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters."
          autoFocus
          {...form.field("password")}
        />
        <Button type="submit" size="lg" className="w-full" loading={updatePassword.isPending}>
          {updatePassword.isPending ? "Saving…" : "Save new password"}
        </Button>
      </form>
    </AuthLayout>
  );
}
