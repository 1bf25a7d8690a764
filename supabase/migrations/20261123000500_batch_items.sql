-- Batch CSV generation (DESIGN.md §7): one batch_items row per CSV row, each run by a `batch-row`
-- job. Users read their own rows; every write is the service's (the batch function and workers).
-- Idempotency: a row's image takes the row's id (so the images primary key allows one image per
-- row), and a row's debit is looked up by reference_id under the user's credit lock.

create table public.batch_items (
  id uuid primary key default gen_random_uuid(),
  batch_id uuid not null references public.batch_jobs (id) on delete cascade,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  row_number integer not null check (row_number between 1 and 10000),
  row_data jsonb not null default '{}'::jsonb check (jsonb_typeof(row_data) = 'object'),
  resolved_prompt text not null check (char_length(resolved_prompt) between 1 and 4000),
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  attempts integer not null default 0 check (attempts >= 0),
  error text check (error is null or char_length(error) <= 2000),
  image_id uuid unique references public.images (id) on delete set null,
  cost integer not null default 0 check (cost >= 0),
  -- The one job allowed to work on the row: a job that is not the current one (superseded by a
  -- resume or a retry) finds it is stale and does nothing.
  job_id uuid,
  started_at timestamptz,
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (batch_id, row_number)
);

comment on table public.batch_items is 'One CSV row of a batch and its result; written by the service only.';
comment on column public.batch_items.cost is 'Credits charged for the row (0 until it succeeds).';

-- (batch_id, row_number) is the keyset of the per-row results; the unique constraint indexes it.
create index batch_items_user_id_idx on public.batch_items (user_id);
create index batch_items_batch_id_status_idx on public.batch_items (batch_id, status);

create trigger batch_items_set_updated_at
  before update on public.batch_items
  for each row execute function private.set_updated_at();

alter table public.batch_items enable row level security;

revoke all on table public.batch_items from anon, authenticated;
grant select on table public.batch_items to authenticated;

create policy "Users read their own batch items, admins read all"
  on public.batch_items for select to authenticated
  using ((select auth.uid()) = user_id or (select private.is_admin()));

-- What the status and the results CSV show about a batch, kept by the service.
alter table public.batch_jobs
  add column cancelled_rows integer not null default 0 check (cancelled_rows >= 0),
  add column cost_per_row integer check (cost_per_row >= 0),
  add column filename text check (filename is null or char_length(filename) <= 255),
  add column headers jsonb not null default '[]'::jsonb check (jsonb_typeof(headers) = 'array');

-- Per-provider concurrency across every worker: a provider has `limit` slots, a caller leases
-- one for the length of a provider call, and a lease left by a dead worker expires.
create table private.provider_slots (
  provider text not null check (provider ~ '^[a-z][a-z0-9_-]{0,39}$'),
  slot integer not null check (slot >= 0),
  lease_owner text,
  lease_expires_at timestamptz,
  primary key (provider, slot)
);

alter table private.provider_slots enable row level security;

grant select, insert, update, delete on private.provider_slots to service_role;
