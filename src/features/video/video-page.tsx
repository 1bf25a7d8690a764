import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { VideoIcon } from "@/components/ui/icons";
import { paths, type VideoSearch } from "@/config/paths";
import { isProviderUnavailable, useCreateVideo } from "@/features/video/api/create-video";
import { OpenVideoCard } from "@/features/video/components/open-video";
import { SourceImagePicker } from "@/features/video/components/source-image-picker";
import { VideoList } from "@/features/video/components/video-list";
import { type SettingsDraft, VideoSettingsForm } from "@/features/video/components/video-settings-form";
import { validateVideoSettings } from "@/features/video/lib/validate-video-settings";
import { defaultVideoSettings, type VideoSettings } from "@/features/video/lib/video-options";
import { describeError } from "@/lib/describe-error";
import { showErrorToast } from "@/lib/error-toast";

/**
 * /features/image-to-video: an image, an effect and a length in; a free watermarked preview, then
 * the paid full video out. The image (?imageId=) and the open video (?video=) live in the URL, so
 * a reload or another device shows the same video where it is.
 */
export default function VideoPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const { imageId, videoId } = paths.video.parse(searchParams);
  const [draft, setDraft] = useState<SettingsDraft>(defaultVideoSettings);
  const [errors, setErrors] = useState<Partial<Record<keyof VideoSettings, string>>>({});
  const [aiMotionUnavailable, setAiMotionUnavailable] = useState<string | null>(null);
  const [createdVideoId, setCreatedVideoId] = useState<string | null>(null);
  const create = useCreateVideo();

  const changeParams = (changes: VideoSearch) =>
    setSearchParams((current) => paths.video.search(changes, current));

  const submit = () => {
    const result = validateVideoSettings({ imageId: imageId ?? "", ...draft }, { aiMotionUnavailable });
    setErrors(result.errors);
    if (!result.settings) return;
    create.mutate(result.settings, {
      onSuccess: ({ videoId: created }) => {
        setCreatedVideoId(created);
        changeParams({ videoId: created });
      },
      onError: (error) => {
        if (result.settings?.effect === "ai-motion" && isProviderUnavailable(error)) {
          setAiMotionUnavailable(describeError(error).description);
        }
        showErrorToast(error, { id: "create-video", retry: submit });
      },
    });
  };

  return (
    <div className="mx-auto w-full max-w-6xl space-y-6 px-4 py-8 sm:px-6 sm:py-10">
      <header>
        <h1 className="text-3xl font-bold tracking-tight text-ink sm:text-4xl">Image to video</h1>
        <p className="mt-2 max-w-xl text-muted">
          Bring an image to life with a camera move. The preview is free; pay only for the full video.
        </p>
      </header>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
        <Card className="p-4 sm:p-6">
          <VideoSettingsForm
            draft={draft}
            onChange={setDraft}
            onSubmit={submit}
            submitting={create.isPending}
            aiMotionUnavailable={aiMotionUnavailable}
            errors={errors}
          >
            <SourceImagePicker
              imageId={imageId}
              onChange={(next) => changeParams({ imageId: next })}
              error={errors.imageId}
            />
          </VideoSettingsForm>
        </Card>
        <div className="lg:sticky lg:top-24">
          {videoId
            ? <OpenVideoCard key={videoId} videoId={videoId} focusOnOpen={videoId === createdVideoId} />
            : (
              <Card>
                <EmptyState
                  icon={<VideoIcon className="size-6" />}
                  title="Your preview appears here"
                  description="Choose an image and an effect, then make the preview. It renders in a few seconds."
                />
              </Card>
            )}
        </div>
      </div>
      <VideoList openVideoId={videoId} />
    </div>
  );
}
