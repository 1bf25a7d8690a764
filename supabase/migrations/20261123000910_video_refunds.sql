-- Automatic refunds of paid videos whose full render failed for good (issue 7, DESIGN.md §8).
--
-- The media worker that marks such a video failed queues a "video-refund" job in the same
-- transaction; the job refunds the payment (a Stripe refund, or a local one in test-payment mode)
-- and records it here, in the one statement that sets payment_status = 'refunded'. The checks make
-- 'refunded' mean exactly that: a paid video, failed, with the refund that paid it back. Like every
-- payment column these are written by the service alone (users hold no UPDATE on public.videos).

alter table public.videos
  add column refund_id text unique check (
    refund_id is null or (refund_id ~ '^re_[A-Za-z0-9_]+$' and char_length(refund_id) <= 255)
  ),
  add column refunded_at timestamptz,
  add constraint videos_refund_recorded check (
    (payment_status = 'refunded') = (refund_id is not null)
    and (refund_id is null) = (refunded_at is null)
  ),
  add constraint videos_refunded_only_when_paid_and_failed check (
    payment_status <> 'refunded' or (paid_at is not null and status = 'failed' and video_path is null)
  );

comment on column public.videos.refund_id is
  'The refund that paid back a video whose full render failed: a Stripe re_ id, or re_localtest_ in test-payment mode.';
