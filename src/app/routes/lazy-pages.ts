import { type ComponentType, lazy } from "react";
import { paths } from "@/config/paths";

type PageModule = { default: ComponentType };

/** A route's page, split into its own chunk; `preload` fetches it early (on hover or focus of a link). */
function lazyPage(load: () => Promise<PageModule>) {
  let loading: Promise<PageModule> | undefined;
  const loadOnce = () => (loading ??= load());
  return Object.assign(lazy(loadOnce), { preload: () => void loadOnce() });
}

export const pages = {
  home: lazyPage(() => import("@/features/marketing/home-page")),
  howItWorks: lazyPage(() => import("@/features/marketing/how-it-works-page")),
  signIn: lazyPage(() => import("@/features/auth/sign-in-page")),
  signUp: lazyPage(() => import("@/features/auth/sign-up-page")),
  signOut: lazyPage(() => import("@/features/auth/sign-out-page")),
  resetPassword: lazyPage(() => import("@/features/auth/reset-password-page")),
  updatePassword: lazyPage(() => import("@/features/auth/update-password-page")),
  account: lazyPage(() => import("@/features/account/account-page")),
  credits: lazyPage(() => import("@/features/credits/credits-page")),
  aiImage: lazyPage(() => import("@/features/ai-image/ai-image-page")),
  batch: lazyPage(() => import("@/features/batch/batch-page")),
  video: lazyPage(() => import("@/features/video/video-page")),
  gallery: lazyPage(() => import("@/features/gallery/gallery-page")),
};

const pagesByPath: Record<string, { preload: () => void }> = {
  [paths.home.path]: pages.home,
  [paths.howItWorks.path]: pages.howItWorks,
  [paths.signIn.path]: pages.signIn,
  [paths.signUp.path]: pages.signUp,
  [paths.signOut.path]: pages.signOut,
  [paths.resetPassword.path]: pages.resetPassword,
  [paths.account.path]: pages.account,
  [paths.credits.path]: pages.credits,
  [paths.aiImage.path]: pages.aiImage,
  [paths.batch.path]: pages.batch,
  [paths.video.path]: pages.video,
  [paths.gallery.path]: pages.gallery,
};

/** Starts loading the page behind a link, so the click finds it ready. */
export function preloadPageFor(path: string) {
  pagesByPath[path.split(/[?#]/)[0] ?? path]?.preload();
}
