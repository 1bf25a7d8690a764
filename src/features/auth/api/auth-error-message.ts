import {
  isAuthApiError,
  isAuthError,
  isAuthRetryableFetchError,
  isAuthWeakPasswordError,
} from "@supabase/supabase-js";

/** A sentence a person can act on for a failed sign-in, sign-up or password call. */
export function authErrorMessage(error: unknown): string {
  if (isAuthWeakPasswordError(error)) {
    return "Choose a stronger password: at least 8 characters, mixing letters with numbers or symbols.";
  }
  if (isAuthRetryableFetchError(error) || (error instanceof TypeError && /fetch/i.test(error.message))) {
    return "We couldn't reach Personify. Check your connection and try again.";
  }
  if (isAuthApiError(error)) {
    switch (error.code) {
      case "invalid_credentials":
        return "That email and password don't match an account. Check them and try again.";
      case "user_already_exists":
      case "email_exists":
        return "There's already an account with this email. Sign in instead, or reset the password.";
      case "email_not_confirmed":
        return "Confirm your email first: open the link we sent you, then sign in.";
      case "signup_disabled":
        return "New accounts can't be created right now.";
      case "over_request_rate_limit":
      case "over_email_send_rate_limit":
        return "Too many attempts in a short time. Wait a minute, then try again.";
      case "same_password":
        return "That's your current password. Choose a new one.";
      case "email_address_invalid":
        return "That email address doesn't look right.";
    }
    if (error.status === 429) return "Too many attempts in a short time. Wait a minute, then try again.";
    if (error.status >= 500) return "Something went wrong on our side. Try again in a moment.";
  }
  if (isAuthError(error) && error.message) return error.message;
  return "Something went wrong. Try again in a moment.";
}
