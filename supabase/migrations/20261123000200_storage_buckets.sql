-- Storage for Personify's media (DESIGN.md §5).
--
-- Three private buckets. Object keys start with the owner's user id (`<user_id>/<uuid>.<ext>`),
-- and only that user may read, create, replace or delete objects under it. The SPA never gets a
-- public URL: it reads through short-lived signed URLs. The service role bypasses RLS for the
-- job workers that write generated media.
--
-- storage.objects already has RLS enabled (by Supabase, and by the local platform's bootstrap),
-- so this migration only adds policies. There is no policy for anon: anon gets nothing.

-- Sizes and mime types match [storage.buckets.*] in supabase/config.toml.
insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values
  ('images', 'images', false, 20971520, array['image/png', 'image/jpeg', 'image/webp']),
  ('videos', 'videos', false, 52428800, array['video/mp4', 'image/webp', 'image/jpeg']),
  ('uploads', 'uploads', false, 10485760, array['image/png', 'image/jpeg', 'image/webp', 'text/csv'])
on conflict (id) do update
set
  public = excluded.public,
  file_size_limit = excluded.file_size_limit,
  allowed_mime_types = excluded.allowed_mime_types;

create policy "Users can read the media in their own folder"
on storage.objects
for select
to authenticated
using (
  bucket_id in ('images', 'videos', 'uploads')
  and (storage.foldername(name))[1] = (select auth.uid())::text
);

create policy "Users can add media to their own folder"
on storage.objects
for insert
to authenticated
with check (
  bucket_id in ('images', 'videos', 'uploads')
  and (storage.foldername(name))[1] = (select auth.uid())::text
);

-- Both sides are checked so that an object can neither be taken over nor moved out of the folder.
create policy "Users can replace the media in their own folder"
on storage.objects
for update
to authenticated
using (
  bucket_id in ('images', 'videos', 'uploads')
  and (storage.foldername(name))[1] = (select auth.uid())::text
)
with check (
  bucket_id in ('images', 'videos', 'uploads')
  and (storage.foldername(name))[1] = (select auth.uid())::text
);

create policy "Users can delete the media in their own folder"
on storage.objects
for delete
to authenticated
using (
  bucket_id in ('images', 'videos', 'uploads')
  and (storage.foldername(name))[1] = (select auth.uid())::text
);
