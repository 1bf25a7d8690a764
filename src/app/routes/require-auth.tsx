import { Navigate, Outlet, useLocation } from "react-router-dom";
import { FormPageSkeleton } from "@/app/routes/page-skeletons";
import { paths } from "@/config/paths";
import { useAuthSession } from "@/lib/auth-session";

/** Routes under this one need a signed-in person; anyone else goes to sign in and comes back after. */
export function RequireAuth() {
  const auth = useAuthSession();
  const location = useLocation();

  if (auth.status === "loading") return <FormPageSkeleton />;
  if (auth.status === "signed-out") {
    return (
      <Navigate
        to={paths.signIn.href({ returnTo: `${location.pathname}${location.search}${location.hash}` })}
        replace
      />
    );
  }
  return <Outlet />;
}
