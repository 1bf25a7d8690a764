import { lazy, type ComponentType } from "react";

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
  aiImage: lazyPage(() => import("@/features/ai-image/ai-image-page")),
  batch: lazyPage(() => import("@/features/batch/batch-page")),
  video: lazyPage(() => import("@/features/video/video-page")),
  gallery: lazyPage(() => import("@/features/gallery/gallery-page")),
};

const pagesByPath: Record<string, { preload: () => void }> = {
  "/": pages.home,
  "/how-it-works": pages.howItWorks,
  "/sign-in": pages.signIn,
  "/sign-up": pages.signUp,
  "/sign-out": pages.signOut,
  "/reset-password": pages.resetPassword,
  "/account": pages.account,
  "/features/ai-image": pages.aiImage,
  "/batch-generation": pages.batch,
  "/features/image-to-video": pages.video,
  "/gallery": pages.gallery,
};

/** Starts loading the page behind a link, so the click finds it ready. */
export function preloadPageFor(path: string) {
  pagesByPath[path.split(/[?#]/)[0] ?? path]?.preload();
}
