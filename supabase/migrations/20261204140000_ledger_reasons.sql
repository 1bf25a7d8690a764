-- Prompt tools (issue 14) and model-comparison cells (issue 17) are charged through the ledger like
-- images are; admin grants keep using 'admin_adjustment'. One migration widens the reasons for
-- both, so the features built beside each other never redefine the check twice.
alter table public.credit_ledger drop constraint credit_ledger_reason_check;

alter table public.credit_ledger add constraint credit_ledger_reason_check check (
  reason in (
    'signup_bonus',
    'generation',
    'refund',
    'batch_row',
    'purchase',
    'admin_adjustment',
    'prompt_tools',
    'comparison_cell'
  )
);
