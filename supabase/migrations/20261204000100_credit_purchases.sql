-- Credit packs bought with a Stripe PaymentIntent (issue 12).
--
-- create-payment-intent records a pending purchase with the pack's credits and price as quoted;
-- only the signature-verified stripe-webhook settles it, in the one transaction that locks this
-- row, marks it paid and appends the 'purchase' ledger entry (reference_id = the intent id). Every
-- write is the service's: users may only read their own purchases.

create table public.credit_purchases (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  pack_id text not null check (char_length(pack_id) between 1 and 50),
  credits integer not null check (credits > 0),
  amount_cents integer not null check (amount_cents > 0),
  currency text not null default 'usd' check (currency ~ '^[a-z]{3}$'),
  payment_intent_id text unique check (
    payment_intent_id is null or (payment_intent_id ~ '^pi_[A-Za-z0-9_]+$' and char_length(payment_intent_id) <= 255)
  ),
  status text not null default 'pending' check (status in ('pending', 'paid', 'failed', 'canceled')),
  created_at timestamptz not null default now(),
  paid_at timestamptz,
  updated_at timestamptz not null default now(),
  -- 'paid' means exactly that the webhook settled it, against an intent. A purchase whose intent
  -- Stripe never created is 'failed' without one.
  constraint credit_purchases_paid_recorded check (
    (status = 'paid') = (paid_at is not null) and (status <> 'paid' or payment_intent_id is not null)
  )
);

comment on table public.credit_purchases is
  'Credit packs bought through Stripe; settled by the stripe-webhook function alone.';
comment on column public.credit_purchases.payment_intent_id is
  'The Stripe PaymentIntent (pi_localtest_ in test-payment mode); the purchase ledger entry references it.';

create trigger credit_purchases_set_updated_at
  before update on public.credit_purchases
  for each row execute function private.set_updated_at();

-- The account page lists a user's purchases, newest first.
create index credit_purchases_user_id_created_at_idx on public.credit_purchases (user_id, created_at desc);

alter table public.credit_purchases enable row level security;

revoke all on table public.credit_purchases from anon, authenticated;
grant select on table public.credit_purchases to authenticated;

create policy "Users read their own credit purchases, admins read all"
  on public.credit_purchases for select to authenticated
  using ((select auth.uid()) = user_id or (select private.is_admin()));

-- A purchase's credits are granted once per intent, whatever the webhook code does: a second
-- 'purchase' entry for the same reference fails.
create unique index credit_ledger_purchase_once_idx
  on public.credit_ledger (reference_id) where reason = 'purchase';

-- The webhook records which purchase an event was about, as it does for videos.
alter table private.stripe_events add column credit_purchase_id uuid;

create index stripe_events_credit_purchase_id_idx on private.stripe_events (credit_purchase_id);
