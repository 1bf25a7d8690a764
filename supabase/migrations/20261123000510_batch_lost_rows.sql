-- The status route fails batch rows whose job was dead-lettered (the worker died on the last
-- attempt); it finds them from a user's dead jobs, so both sides of that join are indexed.
create index batch_items_job_id_idx on public.batch_items (job_id) where job_id is not null;
create index jobs_dead_user_id_idx on private.jobs (user_id) where status = 'dead';
