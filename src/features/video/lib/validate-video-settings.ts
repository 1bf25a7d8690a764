import { fieldErrorsOf } from "@/lib/form-errors";
import { type VideoSettings, videoSettingsSchema } from "@/features/video/lib/video-options";

type SettingsErrors = Partial<Record<keyof VideoSettings, string>>;

/** The form's values checked before they are sent; `settings` is set only when they are valid. */
export function validateVideoSettings(
  values: Record<keyof VideoSettings, unknown>,
  { aiMotionUnavailable }: { aiMotionUnavailable: string | null },
): { settings?: VideoSettings; errors: SettingsErrors } {
  const result = videoSettingsSchema.safeParse(values);
  if (!result.success) return { errors: fieldErrorsOf(result.error) as SettingsErrors };
  if (result.data.effect === "ai-motion" && aiMotionUnavailable !== null) {
    return { errors: { effect: "AI motion isn't available right now. Choose another effect." } };
  }
  return { settings: result.data, errors: {} };
}
