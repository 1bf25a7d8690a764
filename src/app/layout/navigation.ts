import { paths } from "@/config/paths";

/** The header's links; later features add theirs here. `signedIn` limits a link to one audience. */
export const navigationLinks: { to: string; label: string; signedIn?: boolean }[] = [
  { to: paths.howItWorks.href(), label: "How it works" },
  { to: paths.aiImage.href(), label: "AI Image", signedIn: true },
  { to: paths.batch.href(), label: "Batch", signedIn: true },
  { to: paths.video.href(), label: "Video", signedIn: true },
  { to: paths.gallery.href(), label: "Gallery", signedIn: true },
  { to: paths.credits.href(), label: "Credits", signedIn: true },
  { to: paths.account.href(), label: "Account", signedIn: true },
];

export function linksFor(signedIn: boolean) {
  return navigationLinks.filter((link) => link.signedIn === undefined || link.signedIn === signedIn);
}
