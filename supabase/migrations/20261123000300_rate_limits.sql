-- Request rate limits shared by every function instance: one row per accepted request, counted
-- over a sliding window. Lives in the private schema; only the service role touches it.
create schema if not exists private;
grant usage on schema private to service_role;

create table private.rate_limit_hits (
  id bigint generated always as identity primary key,
  bucket text not null,
  hit_at timestamptz not null default now()
);

comment on table private.rate_limit_hits is
  'Accepted requests per rate-limit bucket (e.g. image-generation:<user id>), pruned as they age out.';

create index rate_limit_hits_bucket_hit_at_idx on private.rate_limit_hits (bucket, hit_at);

alter table private.rate_limit_hits enable row level security;

grant select, insert, delete on private.rate_limit_hits to service_role;
