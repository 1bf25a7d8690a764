import { Route, Routes } from "react-router-dom";
import { AppLayout } from "@/app/layout/app-layout";
import { pages } from "@/app/routes/lazy-pages";
import { NotFoundPage } from "@/app/routes/not-found-page";
import { Page } from "@/app/routes/page";
import { ContentPageSkeleton, FormPageSkeleton } from "@/app/routes/page-skeletons";
import { RequireAuth } from "@/app/routes/require-auth";
import { paths } from "@/config/paths";
import { AccountSkeleton } from "@/features/account/components/account-skeleton";
import { AiImagePageSkeleton } from "@/features/ai-image/components/studio-skeleton";

const accountSkeleton = (
  <div className="mx-auto w-full max-w-5xl px-4 py-8 sm:px-6 sm:py-12">
    <AccountSkeleton />
  </div>
);

/**
 * Every URL of the app. Declarative routes: data comes from TanStack Query, so the data router's
 * loaders are not needed, and leaving them out keeps the first download small.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route
          index
          element={<Page title="Personify" component={pages.home} skeleton={<ContentPageSkeleton />} />}
        />
        <Route
          path={paths.howItWorks.path}
          element={
            <Page title="How it works" component={pages.howItWorks} skeleton={<ContentPageSkeleton />} />
          }
        />
        <Route
          path={paths.signIn.path}
          element={<Page title="Sign in" component={pages.signIn} skeleton={<FormPageSkeleton />} />}
        />
        <Route
          path={paths.signUp.path}
          element={
            <Page title="Create your account" component={pages.signUp} skeleton={<FormPageSkeleton />} />
          }
        />
        <Route
          path={paths.signOut.path}
          element={<Page title="Sign out" component={pages.signOut} skeleton={<FormPageSkeleton />} />}
        />
        <Route
          path={paths.resetPassword.path}
          element={
            <Page
              title="Reset your password"
              component={pages.resetPassword}
              skeleton={<FormPageSkeleton />}
            />
          }
        />
        <Route element={<RequireAuth />}>
          <Route
            path={paths.account.path}
            element={<Page title="Your account" component={pages.account} skeleton={accountSkeleton} />}
          />
          <Route
            path={paths.credits.path}
            element={
              <Page title="Buy credits" component={pages.credits} skeleton={<ContentPageSkeleton />} />
            }
          />
          <Route
            path={paths.aiImage.path}
            element={<Page title="AI Image" component={pages.aiImage} skeleton={<AiImagePageSkeleton />} />}
          />
          <Route
            path={paths.batch.path}
            element={
              <Page title="Batch generation" component={pages.batch} skeleton={<ContentPageSkeleton />} />
            }
          />
          <Route
            path={paths.video.path}
            element={
              <Page title="Image to video" component={pages.video} skeleton={<ContentPageSkeleton />} />
            }
          />
          <Route
            path={paths.gallery.path}
            element={<Page title="Gallery" component={pages.gallery} skeleton={<ContentPageSkeleton />} />}
          />
          <Route
            path={paths.updatePassword.path}
            element={
              <Page
                title="Choose a new password"
                component={pages.updatePassword}
                skeleton={<FormPageSkeleton />}
              />
            }
          />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
