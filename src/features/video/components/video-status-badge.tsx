import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { PaymentStatus, VideoStatus } from "@domain/contracts/image-to-video";
import { badgeLabels, type VideoBadge, videoBadge } from "@/features/video/lib/video-status";

const badgeTones: Record<VideoBadge, BadgeTone> = {
  processing: "brand",
  "preview-ready": "neutral",
  paying: "warning",
  rendering: "brand",
  completed: "success",
  failed: "warning",
  refunded: "neutral",
};

export function VideoStatusBadge(
  { status, paymentStatus }: { status: VideoStatus; paymentStatus?: PaymentStatus },
) {
  const badge = videoBadge(status, paymentStatus);
  return <Badge tone={badgeTones[badge]}>{badgeLabels[badge]}</Badge>;
}
