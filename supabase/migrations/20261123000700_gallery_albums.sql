-- Gallery, albums and AI album organisation (issue 6).
--
-- Albums are the user's own: they create, rename, delete and reorder them, and link only their own
-- images (the insert policy checks both sides). An AI organisation is requested through the
-- albums function and worked by an `album-organise` job; users read its status, the service
-- writes it. Objects whose rows are gone but whose removal failed wait in private.storage_sweep
-- until a sweep removes them, so a failed step never leaves an orphan for good.

create extension if not exists pg_trgm with schema extensions;

-- Prompt search: trigram matching on what was actually rendered.
create index images_resolved_prompt_trgm_idx
  on public.images using gin (resolved_prompt extensions.gin_trgm_ops);
create index images_user_id_model_created_at_idx on public.images (user_id, model, created_at desc, id desc);
create index images_user_id_feature_created_at_idx on public.images (user_id, feature, created_at desc, id desc);

-- ---------------------------------------------------------------------------------------------
-- albums
-- ---------------------------------------------------------------------------------------------

create table public.albums (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  title text not null check (char_length(btrim(title)) between 1 and 120),
  description text check (description is null or char_length(description) <= 1000),
  source text not null default 'manual' check (source in ('manual', 'ai', 'ai-fallback')),
  organisation_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index albums_user_id_created_at_idx on public.albums (user_id, created_at desc, id desc);

create trigger albums_set_updated_at
  before update on public.albums
  for each row execute function private.set_updated_at();

alter table public.albums enable row level security;

revoke all on table public.albums from anon, authenticated;
grant select, insert, delete on table public.albums to authenticated;
grant update (title, description) on table public.albums to authenticated;

create policy "Users read their own albums, admins read all"
  on public.albums for select to authenticated
  using ((select auth.uid()) = user_id or (select private.is_admin()));

create policy "Users create their own albums"
  on public.albums for insert to authenticated
  with check ((select auth.uid()) = user_id and source = 'manual' and organisation_id is null);

create policy "Users rename their own albums"
  on public.albums for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);

create policy "Users delete their own albums"
  on public.albums for delete to authenticated
  using ((select auth.uid()) = user_id);

-- ---------------------------------------------------------------------------------------------
-- album_images: which images an album holds, in the user's display order
-- ---------------------------------------------------------------------------------------------

create table public.album_images (
  album_id uuid not null references public.albums (id) on delete cascade,
  image_id uuid not null references public.images (id) on delete cascade,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  -- Sparse positions (steps of 1024) so that a move rewrites one row; a full renumbering is
  -- needed only when two neighbours leave no integer between them.
  position bigint not null,
  added_at timestamptz not null default now(),
  primary key (album_id, image_id)
);

create index album_images_album_id_position_idx on public.album_images (album_id, position, image_id);
create index album_images_image_id_idx on public.album_images (image_id);
create index album_images_user_id_idx on public.album_images (user_id);

alter table public.album_images enable row level security;

revoke all on table public.album_images from anon, authenticated;
grant select, insert, delete on table public.album_images to authenticated;
grant update (position) on table public.album_images to authenticated;

create policy "Users read their own album images, admins read all"
  on public.album_images for select to authenticated
  using ((select auth.uid()) = user_id or (select private.is_admin()));

create policy "Users add their own images to their own albums"
  on public.album_images for insert to authenticated
  with check (
    (select auth.uid()) = user_id
    and exists (select 1 from public.albums a where a.id = album_id and a.user_id = (select auth.uid()))
    and exists (select 1 from public.images i where i.id = image_id and i.user_id = (select auth.uid()))
  );

create policy "Users reorder their own album images"
  on public.album_images for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);

create policy "Users remove their own album images"
  on public.album_images for delete to authenticated
  using ((select auth.uid()) = user_id);

-- ---------------------------------------------------------------------------------------------
-- album_organisations: one "Organise into albums" request and its outcome
-- ---------------------------------------------------------------------------------------------

create table public.album_organisations (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  image_ids uuid[] not null check (cardinality(image_ids) between 1 and 500),
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
  provider text not null check (provider ~ '^[a-z][a-z0-9_-]{0,39}$'),
  -- True when the vision provider failed and every image went into one fallback album.
  used_fallback boolean not null default false,
  album_ids uuid[] not null default '{}',
  error text check (error is null or char_length(error) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index album_organisations_user_id_created_at_idx
  on public.album_organisations (user_id, created_at desc, id desc);

create trigger album_organisations_set_updated_at
  before update on public.album_organisations
  for each row execute function private.set_updated_at();

alter table public.album_organisations enable row level security;

revoke all on table public.album_organisations from anon, authenticated;
grant select on table public.album_organisations to authenticated;

create policy "Users read their own organisations, admins read all"
  on public.album_organisations for select to authenticated
  using ((select auth.uid()) = user_id or (select private.is_admin()));

alter table public.albums
  add constraint albums_organisation_id_fkey
  foreign key (organisation_id) references public.album_organisations (id) on delete set null;
create index albums_organisation_id_idx on public.albums (organisation_id) where organisation_id is not null;

-- ---------------------------------------------------------------------------------------------
-- private.storage_sweep: objects to remove after their rows are gone
-- ---------------------------------------------------------------------------------------------

create table private.storage_sweep (
  id bigint generated always as identity primary key,
  bucket text not null check (bucket in ('images', 'videos', 'uploads')),
  object_path text not null,
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  unique (bucket, object_path)
);

alter table private.storage_sweep enable row level security;
revoke all on table private.storage_sweep from public, anon, authenticated;
