-- Core schema: profiles, the credit ledger, and the tables the features build on.
--
-- RLS is the security boundary (DESIGN.md §4). On top of it, every table gets explicit grants:
-- Supabase's defaults give anon and authenticated every privilege in public, including TRUNCATE,
-- which RLS does not guard, and full-row UPDATE, which would let users rewrite columns that only
-- the service may set (a role, a payment status, a storage path). anon gets nothing here at all.
-- The service_role keeps the defaults and bypasses RLS: it is the context of workers and webhooks.

create schema if not exists private;
-- Policies call private.is_admin() with the caller's privileges, so the caller needs the schema.
grant usage on schema private to authenticated, service_role;
-- That usage makes every function in private callable by signed-in users unless its execute
-- privilege is revoked from public (a per-schema default cannot revoke it), so each one here is.

-- ---------------------------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------------------------

create function private.set_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

revoke execute on function private.set_updated_at() from public;

-- ---------------------------------------------------------------------------------------------
-- profiles
-- ---------------------------------------------------------------------------------------------

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text,
  display_name text check (display_name is null or char_length(display_name) between 1 and 80),
  avatar_url text check (avatar_url is null or (avatar_url like 'https://%' and char_length(avatar_url) <= 2048)),
  role text not null default 'user' check (role in ('user', 'evaluator', 'viewer', 'admin')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

comment on table public.profiles is
  'One per auth user, made by private.handle_new_user. Users edit display_name and avatar_url only.';
comment on column public.profiles.role is
  'Set by the service (an admin action), never by the user: authenticated has no UPDATE on it.';

create trigger profiles_set_updated_at
  before update on public.profiles
  for each row execute function private.set_updated_at();

alter table public.profiles enable row level security;

revoke all on table public.profiles from anon, authenticated;
grant select on table public.profiles to authenticated;
-- Column-level: a user cannot touch role (or id, email) whatever the policies say.
grant update (display_name, avatar_url) on table public.profiles to authenticated;

-- Reads profiles as the function owner; otherwise the profiles policy would call itself.
create function private.is_admin()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.profiles
    where id = (select auth.uid()) and role = 'admin'
  );
$$;

revoke execute on function private.is_admin() from public;
grant execute on function private.is_admin() to authenticated, service_role;

create policy "Users read their own profile, admins read all"
  on public.profiles for select to authenticated
  using ((select auth.uid()) = id or (select private.is_admin()));

create policy "Users update their own profile"
  on public.profiles for update to authenticated
  using ((select auth.uid()) = id)
  with check ((select auth.uid()) = id);

-- ---------------------------------------------------------------------------------------------
-- credit_ledger: append-only; a balance is the sum of a user's rows
-- ---------------------------------------------------------------------------------------------

create table public.credit_ledger (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  amount integer not null check (amount <> 0),
  reason text not null check (
    reason in ('signup_bonus', 'generation', 'refund', 'batch_row', 'purchase', 'admin_adjustment')
  ),
  reference_id text,
  description text check (description is null or char_length(description) <= 500),
  metadata jsonb not null default '{}'::jsonb check (jsonb_typeof(metadata) = 'object'),
  created_at timestamptz not null default now()
);

comment on table public.credit_ledger is
  'Credits as an append-only ledger: written by functions in the service context, never updated.';
comment on column public.credit_ledger.reference_id is
  'What the entry is for (an image id, a batch item id, a payment intent id), to pair debits and refunds.';

-- Keyset pagination of a user's history, newest first, and the balance sum.
create index credit_ledger_user_id_created_at_idx on public.credit_ledger (user_id, created_at desc, id desc);
create index credit_ledger_reference_id_idx on public.credit_ledger (reference_id) where reference_id is not null;

-- Security definer so that it may look at auth.users whoever deletes: a row may go only when its
-- user is already gone (the on-delete-cascade from auth.users), never on its own.
create function private.refuse_credit_ledger_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' then
    if not exists (select 1 from auth.users where id = old.user_id) then
      return old;
    end if;
  end if;
  raise exception 'credit_ledger is append-only: % is not allowed', lower(tg_op)
    using errcode = 'insufficient_privilege',
          hint = 'Correct a balance by appending an admin_adjustment or refund entry.';
end;
$$;

revoke execute on function private.refuse_credit_ledger_change() from public;

create trigger credit_ledger_append_only
  before update or delete on public.credit_ledger
  for each row execute function private.refuse_credit_ledger_change();

create trigger credit_ledger_no_truncate
  before truncate on public.credit_ledger
  for each statement execute function private.refuse_credit_ledger_change();

alter table public.credit_ledger enable row level security;

revoke all on table public.credit_ledger from anon, authenticated;
grant select on table public.credit_ledger to authenticated;

create policy "Users read their own ledger, admins read all"
  on public.credit_ledger for select to authenticated
  using ((select auth.uid()) = user_id or (select private.is_admin()));

-- Security invoker: RLS decides which rows are summed, so a user only ever gets their own balance
-- (the service passes the user it works for).
create function public.credit_balance(target_user_id uuid default auth.uid())
returns bigint
language sql
stable
security invoker
set search_path = ''
as $$
  select coalesce(sum(amount), 0)::bigint
  from public.credit_ledger
  where user_id = target_user_id;
$$;

revoke execute on function public.credit_balance(uuid) from public, anon;
grant execute on function public.credit_balance(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- New users: a profile and the sign-up bonus, in the same transaction as the auth.users row
-- ---------------------------------------------------------------------------------------------

-- Metadata comes from the sign-up request, so it is cut to what the profile checks accept
-- rather than letting a long name or an http avatar fail the sign-up.
create function private.handle_new_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  requested_name text := nullif(left(btrim(coalesce(
    new.raw_user_meta_data ->> 'display_name',
    new.raw_user_meta_data ->> 'full_name',
    new.raw_user_meta_data ->> 'name'
  )), 80), '');
  requested_avatar text := new.raw_user_meta_data ->> 'avatar_url';
begin
  insert into public.profiles (id, email, display_name, avatar_url)
  values (
    new.id,
    new.email,
    requested_name,
    case when requested_avatar like 'https://%' and char_length(requested_avatar) <= 2048
      then requested_avatar end
  );
  insert into public.credit_ledger (user_id, amount, reason, description)
  values (new.id, 100, 'signup_bonus', 'Welcome bonus');
  return new;
end;
$$;

revoke execute on function private.handle_new_user() from public;

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.handle_new_user();

create function private.handle_user_email_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.profiles set email = new.email where id = new.id;
  return new;
end;
$$;

revoke execute on function private.handle_user_email_change() from public;

create trigger on_auth_user_email_changed
  after update of email on auth.users
  for each row
  when (old.email is distinct from new.email)
  execute function private.handle_user_email_change();

-- ---------------------------------------------------------------------------------------------
-- images
-- ---------------------------------------------------------------------------------------------

create table public.images (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  prompt text not null check (char_length(prompt) <= 4000),
  resolved_prompt text not null check (char_length(resolved_prompt) <= 4000),
  tokens jsonb not null default '{}'::jsonb check (jsonb_typeof(tokens) = 'object'),
  settings jsonb not null default '{}'::jsonb check (jsonb_typeof(settings) = 'object'),
  model text not null check (char_length(model) between 1 and 100),
  provider text not null check (provider ~ '^[a-z][a-z0-9_-]{0,39}$'),
  provider_model text check (provider_model is null or char_length(provider_model) between 1 and 200),
  -- Keys in the images bucket must sit in the owner's folder, so that a row can never point the
  -- service (which signs URLs) at another user's object.
  storage_path text not null check (starts_with(storage_path, user_id::text || '/')),
  thumbnail_path text check (thumbnail_path is null or starts_with(thumbnail_path, user_id::text || '/')),
  width integer check (width between 1 and 16384),
  height integer check (height between 1 and 16384),
  cost integer not null default 0 check (cost >= 0),
  generation_time_ms integer check (generation_time_ms >= 0),
  provider_metadata jsonb not null default '{}'::jsonb check (jsonb_typeof(provider_metadata) = 'object'),
  feature text not null default 'ai-image' check (feature ~ '^[a-z][a-z0-9-]{0,39}$'),
  is_favorite boolean not null default false,
  created_at timestamptz not null default now()
);

comment on column public.images.prompt is 'The prompt as the user typed it, tokens included.';
comment on column public.images.cost is 'Credits charged for this image.';

create index images_user_id_created_at_idx on public.images (user_id, created_at desc, id desc);
create index images_user_id_favorites_idx on public.images (user_id, created_at desc, id desc) where is_favorite;

alter table public.images enable row level security;

revoke all on table public.images from anon, authenticated;
grant select, insert, delete on table public.images to authenticated;
-- What a generation produced and cost is the service's record; the user only marks favourites.
grant update (is_favorite) on table public.images to authenticated;

create policy "Users read their own images, admins read all"
  on public.images for select to authenticated
  using ((select auth.uid()) = user_id or (select private.is_admin()));

create policy "Users add their own images"
  on public.images for insert to authenticated
  with check ((select auth.uid()) = user_id);

create policy "Users update their own images"
  on public.images for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);

create policy "Users delete their own images"
  on public.images for delete to authenticated
  using ((select auth.uid()) = user_id);

-- ---------------------------------------------------------------------------------------------
-- templates: system templates (user_id null, from the seed or the service) and users' own
-- ---------------------------------------------------------------------------------------------

create table public.templates (
  id uuid primary key default gen_random_uuid(),
  user_id uuid default auth.uid() references auth.users (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 120),
  description text check (description is null or char_length(description) <= 500),
  category text not null default 'general' check (category ~ '^[a-z][a-z0-9-]{0,39}$'),
  prompt text not null check (char_length(prompt) between 1 and 2000),
  model text check (model is null or char_length(model) between 1 and 100),
  settings jsonb not null default '{}'::jsonb check (jsonb_typeof(settings) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

comment on column public.templates.user_id is 'Null for system templates, which every signed-in user can read.';

create index templates_user_id_idx on public.templates (user_id, created_at desc);

create trigger templates_set_updated_at
  before update on public.templates
  for each row execute function private.set_updated_at();

alter table public.templates enable row level security;

revoke all on table public.templates from anon, authenticated;
grant select, insert, update, delete on table public.templates to authenticated;

create policy "Users read system templates and their own, admins read all"
  on public.templates for select to authenticated
  using (user_id is null or (select auth.uid()) = user_id or (select private.is_admin()));

create policy "Users create their own templates"
  on public.templates for insert to authenticated
  with check ((select auth.uid()) = user_id);

create policy "Users update their own templates"
  on public.templates for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);

create policy "Users delete their own templates"
  on public.templates for delete to authenticated
  using ((select auth.uid()) = user_id);

-- ---------------------------------------------------------------------------------------------
-- batch_jobs: one CSV batch; progress and spending are written by the workers (service)
-- ---------------------------------------------------------------------------------------------

create table public.batch_jobs (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 200),
  status text not null default 'draft' check (
    status in ('draft', 'queued', 'running', 'paused', 'completed', 'failed', 'cancelled')
  ),
  prompt text not null check (char_length(prompt) between 1 and 4000),
  model text not null check (char_length(model) between 1 and 100),
  settings jsonb not null default '{}'::jsonb check (jsonb_typeof(settings) = 'object'),
  global_tokens jsonb not null default '{}'::jsonb check (jsonb_typeof(global_tokens) = 'object'),
  column_mapping jsonb not null default '{}'::jsonb check (jsonb_typeof(column_mapping) = 'object'),
  source_path text check (source_path is null or starts_with(source_path, user_id::text || '/')),
  total_rows integer not null default 0 check (total_rows between 0 and 10000),
  succeeded_rows integer not null default 0 check (succeeded_rows >= 0),
  failed_rows integer not null default 0 check (failed_rows >= 0),
  estimated_cost integer check (estimated_cost >= 0),
  spent_credits integer not null default 0 check (spent_credits >= 0),
  pause_reason text,
  error text,
  started_at timestamptz,
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (succeeded_rows + failed_rows <= total_rows)
);

comment on column public.batch_jobs.source_path is 'The uploaded CSV in the uploads bucket.';

create index batch_jobs_user_id_created_at_idx on public.batch_jobs (user_id, created_at desc, id desc);

create trigger batch_jobs_set_updated_at
  before update on public.batch_jobs
  for each row execute function private.set_updated_at();

alter table public.batch_jobs enable row level security;

revoke all on table public.batch_jobs from anon, authenticated;
grant select, insert, delete on table public.batch_jobs to authenticated;
-- Status, counts and spending move only through the batch function and workers (service).
grant update (name) on table public.batch_jobs to authenticated;

create policy "Users read their own batch jobs, admins read all"
  on public.batch_jobs for select to authenticated
  using ((select auth.uid()) = user_id or (select private.is_admin()));

create policy "Users create their own batch jobs"
  on public.batch_jobs for insert to authenticated
  with check ((select auth.uid()) = user_id);

create policy "Users rename their own batch jobs"
  on public.batch_jobs for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);

create policy "Users delete their own batch jobs"
  on public.batch_jobs for delete to authenticated
  using ((select auth.uid()) = user_id);

-- ---------------------------------------------------------------------------------------------
-- videos: a render request; status and payment are settled by the service alone (DESIGN.md §8)
-- ---------------------------------------------------------------------------------------------

create table public.videos (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  image_id uuid references public.images (id) on delete set null,
  source_path text not null check (starts_with(source_path, user_id::text || '/')),
  effect text not null check (effect ~ '^[a-z][a-z0-9_-]{0,39}$'),
  duration_seconds numeric(4, 1) not null check (duration_seconds between 1 and 10),
  resolution text not null check (resolution in ('480p', '720p', '1080p')),
  fit text not null default 'crop' check (fit in ('crop', 'pad')),
  include_audio boolean not null default false,
  status text not null default 'queued' check (
    status in ('queued', 'processing', 'preview_ready', 'rendering', 'completed', 'failed')
  ),
  preview_path text check (preview_path is null or starts_with(preview_path, user_id::text || '/')),
  video_path text check (video_path is null or starts_with(video_path, user_id::text || '/')),
  payment_status text not null default 'unpaid' check (
    payment_status in ('unpaid', 'pending', 'paid', 'failed', 'refunded')
  ),
  payment_amount_cents integer check (payment_amount_cents > 0),
  currency text not null default 'usd' check (currency ~ '^[a-z]{3}$'),
  payment_intent_id text unique,
  paid_at timestamptz,
  error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- The full render exists only after a settlement, whatever writes the row.
  check (video_path is null or paid_at is not null),
  check (payment_status <> 'paid' or paid_at is not null)
);

create index videos_user_id_created_at_idx on public.videos (user_id, created_at desc, id desc);
create index videos_image_id_idx on public.videos (image_id) where image_id is not null;

create trigger videos_set_updated_at
  before update on public.videos
  for each row execute function private.set_updated_at();

alter table public.videos enable row level security;

revoke all on table public.videos from anon, authenticated;
grant select, delete on table public.videos to authenticated;
-- A user asks for a render; everything about its progress and payment is the service's to write,
-- so the user may set only the request's own columns and has no UPDATE at all.
grant insert (user_id, image_id, source_path, effect, duration_seconds, resolution, fit, include_audio)
  on table public.videos to authenticated;

create policy "Users read their own videos, admins read all"
  on public.videos for select to authenticated
  using ((select auth.uid()) = user_id or (select private.is_admin()));

create policy "Users request their own videos"
  on public.videos for insert to authenticated
  with check ((select auth.uid()) = user_id);

create policy "Users delete their own videos"
  on public.videos for delete to authenticated
  using ((select auth.uid()) = user_id);

-- ---------------------------------------------------------------------------------------------
-- personalization_tokens: saved token sets ({ "FIRSTNAME": "Ada", ... })
-- ---------------------------------------------------------------------------------------------

create table public.personalization_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 100),
  tokens jsonb not null default '{}'::jsonb check (jsonb_typeof(tokens) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (user_id, name)
);

create trigger personalization_tokens_set_updated_at
  before update on public.personalization_tokens
  for each row execute function private.set_updated_at();

alter table public.personalization_tokens enable row level security;

revoke all on table public.personalization_tokens from anon, authenticated;
grant select, insert, update, delete on table public.personalization_tokens to authenticated;

create policy "Users read their own token sets, admins read all"
  on public.personalization_tokens for select to authenticated
  using ((select auth.uid()) = user_id or (select private.is_admin()));

create policy "Users create their own token sets"
  on public.personalization_tokens for insert to authenticated
  with check ((select auth.uid()) = user_id);

create policy "Users update their own token sets"
  on public.personalization_tokens for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);

create policy "Users delete their own token sets"
  on public.personalization_tokens for delete to authenticated
  using ((select auth.uid()) = user_id);

-- ---------------------------------------------------------------------------------------------
-- usage_analytics: events; users record and read their own, nobody rewrites history
-- ---------------------------------------------------------------------------------------------

create table public.usage_analytics (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  event_type text not null check (event_type ~ '^[a-z][a-z0-9_.]{0,63}$'),
  feature text check (feature is null or feature ~ '^[a-z][a-z0-9-]{0,39}$'),
  model text check (model is null or char_length(model) between 1 and 100),
  provider text check (provider is null or provider ~ '^[a-z][a-z0-9_-]{0,39}$'),
  credits integer,
  duration_ms integer check (duration_ms >= 0),
  success boolean,
  error_code text check (error_code is null or char_length(error_code) <= 64),
  metadata jsonb not null default '{}'::jsonb check (jsonb_typeof(metadata) = 'object'),
  created_at timestamptz not null default now()
);

create index usage_analytics_user_id_created_at_idx on public.usage_analytics (user_id, created_at desc);
-- The admin pages look at recent activity across users, overall and per event type.
create index usage_analytics_created_at_idx on public.usage_analytics (created_at desc);
create index usage_analytics_event_type_created_at_idx on public.usage_analytics (event_type, created_at desc);

alter table public.usage_analytics enable row level security;

revoke all on table public.usage_analytics from anon, authenticated;
grant select, insert on table public.usage_analytics to authenticated;

create policy "Users read their own events, admins read all"
  on public.usage_analytics for select to authenticated
  using ((select auth.uid()) = user_id or (select private.is_admin()));

create policy "Users record their own events"
  on public.usage_analytics for insert to authenticated
  with check ((select auth.uid()) = user_id);
