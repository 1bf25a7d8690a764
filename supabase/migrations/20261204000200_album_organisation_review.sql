-- "Organise into albums" asks before it creates: the job leaves a proposal (groups with a title,
-- a theme and their images) that the user reviews, and albums are made only when it is applied.

alter table public.album_organisations
  drop constraint album_organisations_status_check;

alter table public.album_organisations
  add constraint album_organisations_status_check
  check (status in ('queued', 'running', 'proposed', 'succeeded', 'failed'));

-- The proposed groups, [{ title, description, imageIds }], written once by the job.
alter table public.album_organisations
  add column proposal jsonb check (proposal is null or jsonb_typeof(proposal) = 'array');

-- Progress while grouping: how many of the images the organiser has looked at so far.
alter table public.album_organisations
  add column images_seen integer not null default 0 check (images_seen >= 0);
