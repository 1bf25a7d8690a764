/** The header's links; later features add theirs here. `signedIn` limits a link to one audience. */
export const navigationLinks: { to: string; label: string; signedIn?: boolean }[] = [
  { to: "/how-it-works", label: "How it works" },
  { to: "/features/ai-image", label: "AI Image", signedIn: true },
  { to: "/batch-generation", label: "Batch", signedIn: true },
  { to: "/features/image-to-video", label: "Video", signedIn: true },
  { to: "/gallery", label: "Gallery", signedIn: true },
  { to: "/account", label: "Account", signedIn: true },
];

export function linksFor(signedIn: boolean) {
  return navigationLinks.filter((link) => link.signedIn === undefined || link.signedIn === signedIn);
}
