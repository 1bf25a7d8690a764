-- The durable job queue (DESIGN.md §7): batch rows, video renders and album organisation.
-- Workers claim with `for update skip locked` under a lease; an expired lease makes the job
-- claimable again; failures back off; a job out of attempts is dead-lettered with its error.
-- Only the service role (workers, functions in the service context) touches it.
create schema if not exists private;
grant usage on schema private to service_role;

create table private.jobs (
  id uuid primary key default gen_random_uuid(),
  queue text not null check (queue ~ '^[a-z][a-z0-9_.-]{0,62}$'),
  payload jsonb not null default '{}'::jsonb,
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'dead', 'cancelled')),
  priority integer not null default 0,
  run_at timestamptz not null default now(),
  attempts integer not null default 0 check (attempts >= 0),
  max_attempts integer not null default 5 check (max_attempts between 1 and 100),
  lease_owner text,
  lease_expires_at timestamptz,
  last_error text,
  result jsonb,
  idempotency_key text unique,
  user_id uuid references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  completed_at timestamptz
);

comment on table private.jobs is 'Durable work items; see supabase/functions/_shared/jobs/queue.ts.';

-- What a claim scans: ready jobs by queue, and running jobs whose lease may have expired.
create index jobs_ready_idx on private.jobs (queue, priority desc, run_at) where status = 'queued';
create index jobs_leased_idx on private.jobs (queue, lease_expires_at) where status = 'running';
create index jobs_user_id_idx on private.jobs (user_id);

alter table private.jobs enable row level security;

grant select, insert, update, delete on private.jobs to service_role;
