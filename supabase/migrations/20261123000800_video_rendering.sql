-- Video rendering (issue 7, DESIGN.md §7): what the media worker records on a render request.
--
-- Every column here is written by the service alone (the image-to-video function and the media
-- worker). Rows are created by the function, which prices them from the one price table and
-- enqueues the preview render in the same transaction; a row a user inserted directly would
-- have neither, so the insert grant the core schema gave users is withdrawn with its policy.

alter table public.videos
  add column progress smallint not null default 0 check (progress between 0 and 100),
  add column estimated_seconds integer check (estimated_seconds between 1 and 3600),
  -- The source object: images (a generated image) or uploads (the user's own file).
  add column source_bucket text not null default 'images' check (source_bucket in ('images', 'uploads')),
  add column source_width integer check (source_width between 1 and 16384),
  add column source_height integer check (source_height between 1 and 16384),
  -- ai-motion: the provider's long-running operation, kept so that a retried render polls the
  -- operation it started instead of paying for a second one, and the provider's clip once fetched.
  add column ai_operation_name text check (ai_operation_name is null or char_length(ai_operation_name) <= 500),
  add column ai_video_path text check (ai_video_path is null or starts_with(ai_video_path, user_id::text || '/'));

comment on column public.videos.progress is 'Percent done of the render in progress (the preview, then the full video).';
comment on column public.videos.estimated_seconds is 'The render time estimated when the video was requested.';

revoke insert on table public.videos from authenticated;
drop policy "Users request their own videos" on public.videos;
