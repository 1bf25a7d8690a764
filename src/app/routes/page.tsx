import { m, useReducedMotion } from "framer-motion";
import { type ComponentType, type ReactNode, Suspense } from "react";

/**
 * One route's page: its skeleton while the code loads, then the page fading in. Each route mounts
 * its own Suspense boundary, so a navigation to a page not yet loaded shows that page's skeleton.
 * MotionConfig's reducedMotion="user" still animates opacity, so a visitor who asks for reduced
 * motion gets the page at once instead of a fade through low-contrast frames.
 */
export function Page(
  { component: Component, skeleton, title }: { component: ComponentType; skeleton: ReactNode; title: string },
) {
  const reduceMotion = useReducedMotion();
  return (
    <>
      <title>{title === "Personify" ? title : `${title} · Personify`}</title>
      <Suspense fallback={skeleton}>
        <m.div
          initial={reduceMotion ? false : { opacity: 0, y: 8 }}
          animate={{ opacity: 1, y: 0 }}
          transition={{ duration: 0.25, ease: "easeOut" }}
        >
          <Component />
        </m.div>
      </Suspense>
    </>
  );
}
