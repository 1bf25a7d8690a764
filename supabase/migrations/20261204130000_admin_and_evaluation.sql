-- Admin, roles and evaluation: prompt versions, their generations (inputs and outputs in Storage),
-- ratings, and the users' disabled flag.
--
-- Roles (profiles.role) decide everything here, in the database as well as in the functions:
--   admin      creates and soft-deletes prompt versions, runs and deletes generations, rates
--   evaluator  reads prompt versions and generations, runs versions, rates with notes
--   viewer     reads prompt versions, generations and analytics, writes nothing
--   user       sees none of it
-- A disabled user keeps their role but has none of its rights, and Auth refuses their sign-in.
--
-- Ratings live on the generation (result_rating, notes, rated_by, rated_at) as the architecture
-- names them: one verdict per generation keeps "unrated" and the backlog well defined for the whole
-- team (a per-evaluator ratings table would make every generation unrated for somebody). A new
-- rating replaces the last one and records who gave it.

-- ---------------------------------------------------------------------------------------------
-- Disabled users
-- ---------------------------------------------------------------------------------------------

alter table public.profiles add column disabled_at timestamptz;

comment on column public.profiles.disabled_at is
  'Set by an admin (private.admin_set_disabled); functions answer a disabled user with 403 and Auth bans them.';

-- The role a signed-in caller holds, if they are not disabled. Security definer so that policies
-- on profiles itself can call it without recursing.
create function private.has_role(roles text[])
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.profiles
    where id = (select auth.uid()) and role = any (roles) and disabled_at is null
  );
$$;

revoke execute on function private.has_role(text[]) from public;
grant execute on function private.has_role(text[]) to authenticated, service_role;

-- A disabled admin is no admin in the older tables' policies either.
create or replace function private.is_admin()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select private.has_role(array['admin']);
$$;

-- Auth's own ban, so a disabled user cannot sign in or refresh a session (Supabase Auth honours
-- banned_until); the functions refuse the access tokens already handed out.
create function private.sync_user_ban()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update auth.users
     set banned_until = case when new.disabled_at is null then null else 'infinity'::timestamptz end
   where id = new.id;
  return new;
end;
$$;

revoke execute on function private.sync_user_ban() from public;

create trigger profiles_sync_user_ban
  after update of disabled_at on public.profiles
  for each row
  when (old.disabled_at is distinct from new.disabled_at)
  execute function private.sync_user_ban();

-- An admin's changes to another user. authenticated has no UPDATE on role or disabled_at, so these
-- are the only way in for a signed-in caller, and they check the caller is an enabled admin.
create function private.admin_set_role(target_user_id uuid, new_role text)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  if not private.has_role(array['admin']) then
    raise exception 'only an admin may change a role' using errcode = 'insufficient_privilege';
  end if;
  if target_user_id = (select auth.uid()) then
    raise exception 'an admin cannot change their own role' using errcode = 'insufficient_privilege';
  end if;
  update public.profiles set role = new_role where id = target_user_id;
  if not found then
    raise exception 'no such user' using errcode = 'no_data_found';
  end if;
end;
$$;

revoke execute on function private.admin_set_role(uuid, text) from public;
grant execute on function private.admin_set_role(uuid, text) to authenticated, service_role;

create function private.admin_set_disabled(target_user_id uuid, disabled boolean)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  if not private.has_role(array['admin']) then
    raise exception 'only an admin may disable a user' using errcode = 'insufficient_privilege';
  end if;
  if target_user_id = (select auth.uid()) then
    raise exception 'an admin cannot disable themselves' using errcode = 'insufficient_privilege';
  end if;
  update public.profiles
     set disabled_at = case when disabled then coalesce(disabled_at, now()) end
   where id = target_user_id;
  if not found then
    raise exception 'no such user' using errcode = 'no_data_found';
  end if;
end;
$$;

revoke execute on function private.admin_set_disabled(uuid, boolean) from public;
grant execute on function private.admin_set_disabled(uuid, boolean) to authenticated, service_role;

-- Viewers read analytics across users (admins already do).
create policy "Viewers read all events"
  on public.usage_analytics for select to authenticated
  using ((select private.has_role(array['viewer'])));

-- ---------------------------------------------------------------------------------------------
-- prompt_version: immutable versions; an edit is a new row, a delete sets deleted_at
-- ---------------------------------------------------------------------------------------------

create table public.prompt_version (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(name) between 1 and 120),
  version integer not null check (version >= 1),
  based_on_id uuid references public.prompt_version (id) on delete set null,
  system_prompt text not null default '' check (char_length(system_prompt) <= 8000),
  user_prompt_template text not null check (char_length(user_prompt_template) between 1 and 4000),
  model text not null check (char_length(model) between 1 and 100),
  model_settings jsonb not null default '{}'::jsonb check (jsonb_typeof(model_settings) = 'object'),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  deleted_at timestamptz,
  unique (name, version)
);

comment on table public.prompt_version is
  'Prompt versions: never edited (an edit inserts version + 1 of the same name), soft-deleted so generations keep theirs.';

create index prompt_version_name_version_idx on public.prompt_version (name, version desc);
create index prompt_version_created_at_idx on public.prompt_version (created_at desc, id desc) where deleted_at is null;
create index prompt_version_created_by_idx on public.prompt_version (created_by);
create index prompt_version_based_on_id_idx on public.prompt_version (based_on_id);

-- The next number for the name, under a lock on the name so two edits cannot take the same one.
create function private.number_prompt_version()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform pg_advisory_xact_lock(hashtextextended('prompt_version:' || new.name, 0));
  select coalesce(max(version), 0) + 1 into new.version from public.prompt_version where name = new.name;
  return new;
end;
$$;

revoke execute on function private.number_prompt_version() from public;

create trigger prompt_version_number
  before insert on public.prompt_version
  for each row execute function private.number_prompt_version();

alter table public.prompt_version enable row level security;

revoke all on table public.prompt_version from anon, authenticated;
grant select on table public.prompt_version to authenticated;
grant insert (name, based_on_id, system_prompt, user_prompt_template, model, model_settings)
  on table public.prompt_version to authenticated;
grant update (deleted_at) on table public.prompt_version to authenticated;

create policy "Staff read prompt versions"
  on public.prompt_version for select to authenticated
  using ((select private.has_role(array['admin', 'evaluator', 'viewer'])));

create policy "Admins create prompt versions"
  on public.prompt_version for insert to authenticated
  with check ((select private.has_role(array['admin'])) and created_by = (select auth.uid()));

create policy "Admins soft-delete prompt versions"
  on public.prompt_version for update to authenticated
  using ((select private.has_role(array['admin'])))
  with check ((select private.has_role(array['admin'])));

-- ---------------------------------------------------------------------------------------------
-- generation: one run of a version; its status and cost are the service's, its rating the staff's
-- ---------------------------------------------------------------------------------------------

create table public.generation (
  id uuid primary key default gen_random_uuid(),
  prompt_version_id uuid not null references public.prompt_version (id) on delete restrict,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  status text not null default 'running' check (status in ('running', 'succeeded', 'failed')),
  token_values jsonb not null default '{}'::jsonb check (jsonb_typeof(token_values) = 'object'),
  -- The same token values and input images give the same fingerprint: how two versions are
  -- compared on the same inputs.
  input_fingerprint text not null check (input_fingerprint ~ '^[0-9a-f]{64}$'),
  resolved_prompt text check (resolved_prompt is null or char_length(resolved_prompt) <= 12000),
  started_at timestamptz not null default now(),
  completed_at timestamptz,
  duration_ms integer check (duration_ms >= 0),
  cost integer not null default 0 check (cost >= 0),
  error text check (error is null or char_length(error) <= 2000),
  result_rating smallint check (result_rating between 1 and 5),
  notes text check (notes is null or char_length(notes) <= 2000),
  rated_by uuid references auth.users (id) on delete set null,
  rated_at timestamptz,
  created_at timestamptz not null default now(),
  check (result_rating is null or status = 'succeeded')
);

comment on column public.generation.result_rating is 'The latest rating, 1 to 5; null while unrated.';

-- The review queue: unrated finished generations, oldest first, paged by (created_at, id).
create index generation_review_queue_idx on public.generation (created_at, id)
  where result_rating is null and status = 'succeeded';
-- The distribution per version reads only this index.
create index generation_ratings_idx on public.generation (prompt_version_id, result_rating)
  where result_rating is not null;
create index generation_created_at_idx on public.generation (created_at desc, id desc);
create index generation_prompt_version_id_idx on public.generation (prompt_version_id, created_at desc, id desc);
create index generation_input_fingerprint_idx on public.generation (input_fingerprint, prompt_version_id);
create index generation_user_id_idx on public.generation (user_id);
create index generation_rated_by_idx on public.generation (rated_by) where rated_by is not null;

-- Who rated and when come from the request, not from the client.
create function private.stamp_generation_rating()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.rated_by := (select auth.uid());
  new.rated_at := now();
  return new;
end;
$$;

revoke execute on function private.stamp_generation_rating() from public;

create trigger generation_stamp_rating
  before update of result_rating, notes on public.generation
  for each row execute function private.stamp_generation_rating();

alter table public.generation enable row level security;

revoke all on table public.generation from anon, authenticated;
grant select, delete on table public.generation to authenticated;
grant insert (prompt_version_id, user_id, token_values, input_fingerprint) on table public.generation to authenticated;
grant update (result_rating, notes) on table public.generation to authenticated;

create policy "Staff read generations"
  on public.generation for select to authenticated
  using ((select private.has_role(array['admin', 'evaluator', 'viewer'])));

create policy "Admins and evaluators run live prompt versions"
  on public.generation for insert to authenticated
  with check (
    (select private.has_role(array['admin', 'evaluator']))
    and user_id = (select auth.uid())
    and exists (
      select 1 from public.prompt_version
      where prompt_version.id = prompt_version_id and prompt_version.deleted_at is null
    )
  );

create policy "Admins and evaluators rate generations"
  on public.generation for update to authenticated
  using ((select private.has_role(array['admin', 'evaluator'])))
  with check ((select private.has_role(array['admin', 'evaluator'])));

create policy "Admins delete generations"
  on public.generation for delete to authenticated
  using ((select private.has_role(array['admin'])));

-- ---------------------------------------------------------------------------------------------
-- generation_image_input / generation_image_output: the images of a run, in Storage
-- ---------------------------------------------------------------------------------------------

create table public.generation_image_input (
  id uuid primary key default gen_random_uuid(),
  generation_id uuid not null references public.generation (id) on delete cascade,
  position smallint not null check (position between 0 and 15),
  storage_path text not null check (char_length(storage_path) between 1 and 512),
  mime_type text not null check (mime_type in ('image/png', 'image/jpeg', 'image/webp')),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  unique (generation_id, position)
);

comment on table public.generation_image_input is 'Input images of a generation, in the uploads bucket; written by the service.';

create table public.generation_image_output (
  id uuid primary key default gen_random_uuid(),
  generation_id uuid not null references public.generation (id) on delete cascade,
  position smallint not null check (position between 0 and 15),
  image_id uuid references public.images (id) on delete set null,
  storage_path text not null check (char_length(storage_path) between 1 and 512),
  thumbnail_path text check (thumbnail_path is null or char_length(thumbnail_path) between 1 and 512),
  width integer check (width between 1 and 16384),
  height integer check (height between 1 and 16384),
  created_at timestamptz not null default now(),
  unique (generation_id, position)
);

comment on table public.generation_image_output is 'Output images of a generation, in the images bucket; written by the service.';

create index generation_image_output_image_id_idx on public.generation_image_output (image_id) where image_id is not null;

alter table public.generation_image_input enable row level security;
alter table public.generation_image_output enable row level security;

revoke all on table public.generation_image_input from anon, authenticated;
revoke all on table public.generation_image_output from anon, authenticated;
-- Written only by the run (service context) and removed with their generation.
grant select on table public.generation_image_input to authenticated;
grant select on table public.generation_image_output to authenticated;

create policy "Staff read generation inputs"
  on public.generation_image_input for select to authenticated
  using ((select private.has_role(array['admin', 'evaluator', 'viewer'])));

create policy "Staff read generation outputs"
  on public.generation_image_output for select to authenticated
  using ((select private.has_role(array['admin', 'evaluator', 'viewer'])));
