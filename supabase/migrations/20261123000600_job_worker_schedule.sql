-- Hosted Supabase: pg_cron calls the job-worker function every minute through pg_net, so queued
-- jobs run even when no request kicked a worker (the enqueuing requests kick it too). Scheduled
-- only where both extensions exist; the local platform (PGlite, or a plain PostgreSQL) runs its
-- workers on a timer instead. The project URL and the service key are read from Vault when the
-- job runs (secrets `project_url` and `service_role_key`), so no secret is in a migration.
do $outer$
begin
  if not exists (select 1 from pg_available_extensions where name = 'pg_cron')
     or not exists (select 1 from pg_available_extensions where name = 'pg_net') then
    raise notice 'pg_cron or pg_net is not available: the job worker is not scheduled';
    return;
  end if;
  begin
    create extension if not exists pg_cron;
    create extension if not exists pg_net;
  exception when others then
    -- pg_cron also needs shared_preload_libraries; a server without it keeps working unscheduled.
    raise notice 'the job worker is not scheduled: %', sqlerrm;
    return;
  end;
  perform cron.schedule(
    'job-worker',
    '* * * * *',
    $job$
      select net.http_post(
        url := (select decrypted_secret from vault.decrypted_secrets where name = 'project_url')
               || '/functions/v1/job-worker',
        headers := jsonb_build_object(
          'content-type', 'application/json',
          'authorization', 'Bearer ' || (select decrypted_secret from vault.decrypted_secrets where name = 'service_role_key')
        ),
        body := '{}'::jsonb,
        timeout_milliseconds := 5000
      )
      where exists (select 1 from vault.decrypted_secrets where name = 'project_url')
        and exists (
          select 1 from private.jobs
           where (status = 'queued' and run_at <= now()) or (status = 'running' and lease_expires_at < now())
        );
    $job$
  );
end;
$outer$;
