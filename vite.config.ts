import { fileURLToPath } from "node:url";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";
import { defineConfig } from "vitest/config";

const themeColor = "#7c3aed";

export default defineConfig({
  plugins: [
    react(),
    tailwindcss(),
    VitePWA({
      // The "update available" prompt decides when a new version takes over, never a silent reload.
      registerType: "prompt",
      injectRegister: false,
      includeAssets: ["favicon.svg", "icons/apple-touch-icon.png"],
      manifest: {
        id: "/",
        name: "Personify",
        short_name: "Personify",
        description:
          "Generate images with the AI model of your choice and personalize them for every contact on your list.",
        lang: "en",
        start_url: "/",
        scope: "/",
        display: "standalone",
        orientation: "any",
        background_color: "#0c0a14",
        theme_color: themeColor,
        categories: ["productivity", "photo", "business"],
        icons: [
          { src: "/icons/pwa-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icons/pwa-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        // Every in-app URL is served by the precached shell, so the app opens offline and shows its
        // own offline state instead of the browser's error page.
        navigateFallback: "/index.html",
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            // A thumbnail never changes at its path, but each listing signs it with a new token: one
            // entry per path, so the gallery can show what it had offline.
            urlPattern: ({ url }) =>
              url.pathname.includes("/storage/v1/object/sign/images/") &&
              url.pathname.endsWith(".thumb.webp"),
            handler: "CacheFirst",
            options: {
              cacheName: "gallery-thumbnails",
              // The Storage host is another origin, so an <img> gets an opaque response (status 0).
              cacheableResponse: { statuses: [0, 200] },
              expiration: { maxEntries: 2_000, maxAgeSeconds: 30 * 24 * 60 * 60, purgeOnQuotaError: true },
              plugins: [
                {
                  cacheKeyWillBeUsed: async ({ request }) => {
                    const url = new URL(request.url);
                    url.search = "";
                    return url.href;
                  },
                },
              ],
            },
          },
        ],
      },
      // `npm run dev` serves the manifest and a service worker too, so the app installs there as well.
      devOptions: { enabled: true, type: "module", navigateFallback: "index.html" },
    }),
  ],
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./src", import.meta.url)),
      // Pure domain modules the functions and the SPA share (no server code; see eslint.config.js).
      "@domain": fileURLToPath(new URL("./supabase/functions/_shared/domain", import.meta.url)),
    },
  },
  build: {
    target: "es2022",
    // Published source maps hand out the readable source: only when asked (an error tracker's upload).
    sourcemap: process.env.SOURCEMAP === "true",
  },
  preview: { host: "127.0.0.1" },
  server: { host: "127.0.0.1" },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/testing/setup.ts"],
    restoreMocks: true,
    env: {
      VITE_SUPABASE_URL: "http://127.0.0.1:54321",
      VITE_SUPABASE_ANON_KEY: "test-anon-key",
    },
  },
});
