-- Gallery uploads and the lookups that keep shared objects alive (issue 6).
--
-- An upload is announced before its bytes arrive (POST /gallery/uploads): the row remembers who
-- asked, the file name that becomes the image's prompt and the declared type and size that the
-- completion checks the bytes against. Only the service reads or writes it.
--
-- Several image rows may point at one object (seeded placeholders, copies), so a delete removes an
-- object only when no remaining row refers to it; these indexes make that check a lookup.

create table private.gallery_uploads (
  id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  file_name text not null check (char_length(file_name) between 1 and 255),
  content_type text not null check (content_type in ('image/png', 'image/jpeg', 'image/webp')),
  declared_size integer not null check (declared_size between 1 and 10485760),
  created_at timestamptz not null default now()
);

create index gallery_uploads_user_id_idx on private.gallery_uploads (user_id);

alter table private.gallery_uploads enable row level security;
revoke all on table private.gallery_uploads from public, anon, authenticated;

create index images_storage_path_idx on public.images (storage_path);
create index images_thumbnail_path_idx on public.images (thumbnail_path) where thumbnail_path is not null;
grant select, insert, delete on private.gallery_uploads to service_role;

-- The base migration left private.storage_sweep to nobody; the service queues and sweeps it.
grant select, insert, update, delete on private.storage_sweep to service_role;

-- Without a pending list, a search never scans unsorted recent entries: PGlite has no autovacuum
-- to merge them, and a 4 MB list made a rare-word search at 100,000 images take 140 ms, not 1.
alter index public.images_resolved_prompt_trgm_idx set (fastupdate = off);
